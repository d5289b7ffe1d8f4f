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
  /** true where the page itself asks (InPageDialogs): imports upload and exports download instead */
  readonly inPage?: boolean;
  /** the page's answer to a dialog it was asked to show (InPageDialogs only) */
  answer?(id: string, paths: string[] | null): void;
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

export type DialogAsk = { id: string; kind: 'folder' | 'files' | 'save' | 'confirm'; title: string; defaultName?: string };

/**
 * Dialogs for a host without native ones (the browser host a person runs):
 * each request goes to the page as a `dialog:ask` event and waits for the
 * page's `dialog:answer`, so Open…, Import folder… and Review's copies work
 * through an in-page folder or path prompt. Files to import and exports
 * take another way (uploads and downloads), since a page cannot name paths.
 */
export class InPageDialogs implements Dialogs {
  readonly inPage = true;
  private readonly pending = new Map<string, (paths: string[] | null) => void>();
  private seq = 0;

  constructor(private readonly ask: (request: DialogAsk) => void) {}

  private request(kind: DialogAsk['kind'], title: string, defaultName?: string): Promise<string[] | null> {
    const id = `d${++this.seq}`;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ask({ id, kind, title, ...(defaultName ? { defaultName } : {}) });
    });
  }

  /** the page's answer; an unknown id (answered twice, or stale) is ignored */
  answer(id: string, paths: string[] | null): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(paths?.length ? paths : null);
  }

  async openFolder(title: string): Promise<string | null> {
    return (await this.request('folder', title))?.[0] ?? null;
  }
  async openFiles(filters: FileFilter[]): Promise<string[] | null> {
    return this.request('files', `Paths of the files (${filters.map((f) => f.name).join(', ')}), one per line`);
  }
  async saveFile(defaultName: string): Promise<string | null> {
    return (await this.request('save', 'Save as (full path)', defaultName))?.[0] ?? null;
  }
  async confirm(message: string, detail?: string): Promise<boolean> {
    return (await this.request('confirm', detail ? `${message}\n${detail}` : message)) !== null;
  }
}
