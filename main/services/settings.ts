import Conf from 'conf';
import { Settings } from '../../shared/ipc/contract';

/**
 * Settings behind one interface: electron-store inside Electron (see
 * electron-settings.ts), conf — electron-store's engine — in plain Node,
 * so the handlers and tests never import electron.
 */
export interface SettingsStore {
  get(): Settings;
  set(patch: Partial<Settings>): Settings;
}

/** The part of conf / electron-store we use; both satisfy it. */
export interface KeyValueBackend {
  readonly store: Record<string, unknown>;
  set(object: Record<string, unknown>): void;
}

export function settingsFrom(backend: KeyValueBackend): SettingsStore {
  return {
    get: () => Settings.parse(backend.store),
    set(patch) {
      const next = Settings.parse({ ...backend.store, ...patch });
      backend.set(next as unknown as Record<string, unknown>);
      return next;
    },
  };
}

export function nodeSettings(dir: string): SettingsStore {
  return settingsFrom(new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'spanmark' }) as unknown as KeyValueBackend);
}
