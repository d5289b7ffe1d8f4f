import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';

/**
 * Reads the entries of a zip in memory (brat corpora travel as zips, and
 * our own brat export is one). A zip from someone else is untrusted, so:
 * entry names that climb out of the archive (`..`, absolute paths, drive
 * letters) are refused by name, never resolved; and a zip bomb stops at a
 * cap on entries and on bytes actually inflated (declared sizes can lie),
 * counted while inflating, before the memory is spent.
 */

export interface ZipLimits {
  maxEntries: number;
  /** per entry, after inflating */
  maxEntryBytes: number;
  /** all entries together, after inflating */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024 };

export interface ZipEntry {
  /** the entry's path inside the zip, with forward slashes */
  name: string;
  bytes: Uint8Array;
}

export interface ZipContents {
  entries: ZipEntry[];
  /** entries refused by name (they would climb out of the archive); the rest is read */
  refused: string[];
}

export class ZipLimitError extends Error {}

/** A name that stays inside the archive: relative, no `..` segment, no drive letter. */
export function safeEntryName(name: string): string | null {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.includes('\0')) return null;
  const parts = n.split('/');
  if (parts.some((p) => p === '..')) return null;
  return parts.filter((p) => p !== '' && p !== '.').join('/');
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export function readZip(data: Uint8Array, zipName: string, limits: ZipLimits = ZIP_LIMITS): ZipContents {
  const entries: ZipEntry[] = [];
  const refused: string[] = [];
  let count = 0;
  let total = 0;
  let failure: Error | null = null;
  const fail = (message: string) => {
    failure ??= new ZipLimitError(message);
  };
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++count > limits.maxEntries) return fail(`${zipName} holds more than ${limits.maxEntries.toLocaleString('en')} entries; not read (split it into smaller zips)`);
    if (file.name.endsWith('/')) return; // a folder entry
    const name = safeEntryName(file.name);
    if (name === null) {
      refused.push(file.name);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) return fail(`${zipName}: ${name} is damaged (${err.message})`);
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) {
        file.terminate();
        return fail(`${zipName}: ${name} inflates to more than ${mb(limits.maxEntryBytes)}, above the import limit; not read`);
      }
      if (total > limits.maxTotalBytes) {
        file.terminate();
        return fail(`${zipName} inflates to more than ${mb(limits.maxTotalBytes)} in all; not read (a zip bomb, or split it into smaller zips)`);
      }
      chunks.push(chunk);
      if (final) entries.push({ name, bytes: concat(chunks, size) });
    };
    try {
      file.start();
    } catch (err) {
      fail(`${zipName}: ${name} uses a compression method Spanmark cannot read (${err instanceof Error ? err.message : String(err)})`);
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    // in slices, so a bomb is stopped after at most one slice's worth of inflating past the cap
    const step = 1 << 20;
    for (let i = 0; i < data.length && !failure; i += step) unzip.push(data.subarray(i, Math.min(data.length, i + step)), i + step >= data.length);
  } catch (err) {
    fail(`${zipName} is not a readable zip (${err instanceof Error ? err.message : String(err)})`);
  }
  if (failure) throw failure;
  if (count === 0) throw new ZipLimitError(`${zipName} is not a zip, or an empty one`);
  return { entries, refused };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
