import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../atomic-write';

/**
 * Team passwords, kept apart from settings. Inside Electron they are
 * encrypted with `safeStorage` (the OS keychain holds the key) and only the
 * ciphertext is written; where no keychain is available nothing is written
 * and the password is asked for again. The browser host keeps them in
 * memory only.
 */

export interface CredentialStore {
  get(key: string): Promise<string | null>;
  set(key: string, password: string): Promise<{ remembered: boolean }>;
  remove(key: string): Promise<void>;
}

/** Electron's safeStorage, as far as we use it; a test double stands in only for this, the OS keychain. */
export interface Keychain {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function credentialKey(server: string, user: string): string {
  return `${user}@${server}`;
}

export function keychainCredentials(file: string, keychain: Keychain): CredentialStore {
  const memory = new Map<string, string>();
  const load = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    async get(key) {
      if (memory.has(key)) return memory.get(key)!;
      const sealed = (await load())[key];
      if (!sealed || !keychain.isEncryptionAvailable()) return null;
      try {
        return keychain.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null; // a keychain reset leaves ciphertext nobody can open: ask again
      }
    },
    async set(key, password) {
      memory.set(key, password);
      if (!keychain.isEncryptionAvailable()) return { remembered: false };
      const all = await load();
      all[key] = keychain.encryptString(password).toString('base64');
      await writeAtomic(file, JSON.stringify(all));
      return { remembered: true };
    },
    async remove(key) {
      memory.delete(key);
      const all = await load();
      if (!(key in all)) return;
      delete all[key];
      await writeAtomic(file, JSON.stringify(all));
    },
  };
}

export function memoryCredentials(): CredentialStore {
  const memory = new Map<string, string>();
  return {
    get: async (key) => memory.get(key) ?? null,
    set: async (key, password) => {
      memory.set(key, password);
      return { remembered: false };
    },
    remove: async (key) => void memory.delete(key),
  };
}
