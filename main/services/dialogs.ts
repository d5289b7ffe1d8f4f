/**
 * Native dialogs, as an interface so handlers stay Electron-free. The
 * Electron adapter lives in electron-dialogs.ts; tests and the browser host
 * pass a scripted implementation.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialogs {
  openFolder(title: string): Promise<string | null>;
  openFiles(filters: FileFilter[]): Promise<string[] | null>;
  saveFile(defaultName: string, filters: FileFilter[]): Promise<string | null>;
  /** ask a yes/no question; the browser host answers from the test script */
  confirm(message: string, detail?: string): Promise<boolean>;
}

/** Answers queued by a test or the browser host; an empty queue means "cancel". */
export class ScriptedDialogs implements Dialogs {
  readonly queue: { open?: string[]; save?: string; folder?: string; confirm?: boolean }[] = [];
  async openFolder(): Promise<string | null> {
    return this.queue.shift()?.folder ?? null;
  }
  async openFiles(): Promise<string[] | null> {
    return this.queue.shift()?.open ?? null;
  }
  async saveFile(): Promise<string | null> {
    return this.queue.shift()?.save ?? null;
  }
  async confirm(): Promise<boolean> {
    return this.queue.shift()?.confirm ?? false;
  }
}
