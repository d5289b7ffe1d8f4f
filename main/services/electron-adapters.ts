import { app, BrowserWindow, dialog, safeStorage } from 'electron';
import path from 'node:path';
import Store from 'electron-store';
import type { Dialogs, FileFilter } from './dialogs';
import { settingsFrom, type KeyValueBackend, type SettingsStore } from './settings';
import { keychainCredentials, type CredentialStore } from './sync/credentials';

/** The Electron-bound adapters: electron-store settings, native dialogs, and team passwords sealed by safeStorage. */

export function electronCredentials(): CredentialStore {
  return keychainCredentials(path.join(app.getPath('userData'), 'team-credentials.json'), safeStorage);
}

export function electronSettings(): SettingsStore {
  return settingsFrom(new Store<Record<string, unknown>>({ name: 'settings' }) as unknown as KeyValueBackend);
}

export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  const parent = (): BrowserWindow | undefined => getWindow() ?? undefined;
  const withParent = <T>(fn: (w: BrowserWindow | undefined) => Promise<T>): Promise<T> => fn(parent());
  return {
    openFolder: (title: string) =>
      withParent(async (w) => {
        const opts = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
        const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      }),
    openFiles: (filters: FileFilter[]) =>
      withParent(async (w) => {
        const opts = { title: 'Import files', filters, properties: ['openFile' as const, 'multiSelections' as const] };
        const r = w ? await dialog.showOpenDialog(w, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : r.filePaths;
      }),
    saveFile: (defaultPath: string, filters: FileFilter[]) =>
      withParent(async (w) => {
        const opts = { title: 'Export', defaultPath, filters };
        const r = w ? await dialog.showSaveDialog(w, opts) : await dialog.showSaveDialog(opts);
        return r.canceled ? null : (r.filePath ?? null);
      }),
    confirm: (message: string, detail?: string) =>
      withParent(async (w) => {
        const opts = { type: 'question' as const, buttons: ['Cancel', 'OK'], defaultId: 1, cancelId: 0, message, ...(detail ? { detail } : {}) };
        const r = w ? await dialog.showMessageBox(w, opts) : await dialog.showMessageBox(opts);
        return r.response === 1;
      }),
  };
}
