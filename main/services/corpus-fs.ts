import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from './atomic-write';

/**
 * Every file access of a corpus store goes through here, relative to the
 * corpus root. A shared corpus is untrusted (it arrives by git or zip, and
 * both keep symbolic links), so:
 * - a path that resolves outside the root is refused;
 * - no symbolic link inside the corpus is followed, for reading or writing:
 *   each folder on the way is lstat'ed, files are opened with O_NOFOLLOW,
 *   and writes go to a new temp file in the same folder (O_EXCL, which
 *   never follows a link) renamed over the target only if that is a plain file.
 * `caseInsensitive` makes this store see the disk as macOS and Windows do
 * (names differing only in case are one file), so collision handling can be
 * tested on Linux.
 */

export class UnsafePathError extends Error {
  readonly code = 'unsafe_path';
}

export interface CorpusFsOptions {
  /** simulate a case-insensitive file system (tests) */
  caseInsensitive?: boolean;
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

export class CorpusFs {
  readonly root: string;

  constructor(
    root: string,
    private readonly opts: CorpusFsOptions = {},
  ) {
    this.root = path.resolve(root);
  }

  /** The absolute path of a corpus-relative path; refuses anything that leaves the root. */
  resolve(rel: string): string {
    const disk = this.opts.caseInsensitive ? rel.toLowerCase() : rel;
    if (disk.includes('\0') || path.isAbsolute(disk)) throw new UnsafePathError(`"${rel}" is not a path inside the corpus.`);
    const full = path.resolve(this.root, disk);
    const r = path.relative(this.root, full);
    if (!r || r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r)) throw new UnsafePathError(`"${rel}" points outside the corpus folder.`);
    return full;
  }

  /** Resolves `rel` and checks that no folder between the root and it is a symbolic link. */
  private async checked(rel: string): Promise<string> {
    const full = this.resolve(rel);
    const parts = path.relative(this.root, full).split(path.sep).slice(0, -1);
    let at = this.root;
    for (const p of parts) {
      at = path.join(at, p);
      const st = await lstat(at).catch(() => null);
      if (st?.isSymbolicLink()) throw new UnsafePathError(`${path.relative(this.root, at)} is a symbolic link; Spanmark never follows links inside a corpus.`);
    }
    return full;
  }

  /** lstat (never follows the last link); null when missing. */
  async lstat(rel: string): Promise<import('node:fs').Stats | null> {
    return lstat(await this.checked(rel)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
      throw e;
    });
  }

  async readText(rel: string): Promise<string> {
    const full = await this.checked(rel);
    const st = await lstat(full);
    if (st.isSymbolicLink()) throw new UnsafePathError(`${rel} is a symbolic link; Spanmark never follows links inside a corpus.`);
    const fh = await open(full, constants.O_RDONLY | NOFOLLOW).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ELOOP') throw new UnsafePathError(`${rel} is a symbolic link; Spanmark never follows links inside a corpus.`);
      throw e;
    });
    try {
      return await fh.readFile('utf8');
    } finally {
      await fh.close();
    }
  }

  /** Refuses when `rel` exists as anything but a plain file (a link, a folder, a device). */
  private async assertReplaceable(full: string, rel: string): Promise<import('node:fs').Stats | null> {
    const st = await lstat(full).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (st && !st.isFile()) {
      throw new UnsafePathError(`${rel} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a plain file'}; Spanmark never writes through it.`);
    }
    return st;
  }

  /** Temp file + fsync + rename + folder fsync, never through a link. */
  async write(rel: string, data: string | Uint8Array): Promise<void> {
    const full = await this.checked(rel);
    const st = await this.assertReplaceable(full, rel);
    await writeAtomic(full, data, st ? st.mode & 0o777 : undefined);
  }

  /**
   * Copies a plain file over `to` through a temp file (`<to>-tmp`), so a
   * crash never leaves a half-copied `to`. Returns false when `from` is
   * missing; a `from` that is a link is refused.
   */
  async copy(from: string, to: string): Promise<boolean> {
    const src = await this.checked(from);
    const st = await lstat(src).catch(() => null);
    if (!st) return false;
    if (!st.isFile()) throw new UnsafePathError(`${from} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a plain file'}; Spanmark never copies through it.`);
    const dest = await this.checked(to);
    await this.assertReplaceable(dest, to);
    const tmp = `${dest}-tmp`;
    await rm(tmp, { force: true }); // removes a link itself, never its target
    // COPYFILE_EXCL: the temp name is created fresh, so a link planted there is not followed
    await copyFile(src, tmp, constants.COPYFILE_EXCL);
    await rename(tmp, dest);
    return true;
  }

  /** Removes a file (a link is removed itself, never its target). */
  async remove(rel: string): Promise<void> {
    await rm(await this.checked(rel), { force: true });
  }

  async mkdir(rel: string): Promise<void> {
    const full = await this.checked(rel);
    const st = await lstat(full).catch(() => null);
    if (st?.isSymbolicLink()) throw new UnsafePathError(`${rel} is a symbolic link; Spanmark never follows links inside a corpus.`);
    if (!st) await mkdir(full, { recursive: true });
  }

  async list(rel: string): Promise<string[]> {
    const full = await this.checked(rel);
    const st = await lstat(full).catch(() => null);
    if (!st || st.isSymbolicLink()) return [];
    return readdir(full);
  }
}

/** Windows device names are reserved whatever the extension: "CON.json", "lpt1.x.json". */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

export function isDeviceName(name: string): boolean {
  return DEVICE.test((name.split('.')[0] ?? '').trimEnd());
}

/**
 * A document file name a manifest may name: a plain `.json` name inside
 * docs/, with no folder separator, no control character, and on Windows no
 * drive or stream colon and no device name (those would not be files at all).
 */
export function isPlainDocFile(name: unknown, platform: NodeJS.Platform = process.platform): name is string {
  if (typeof name !== 'string' || name.length <= 5 || name.length > 255 || !name.endsWith('.json')) return false;
  if (/[/\\\u0000-\u001f\u007f]/.test(name)) return false;
  return platform !== 'win32' || (!name.includes(':') && !isDeviceName(name));
}

/** A name every file system Spanmark runs on can hold (Windows is the strictest). */
export function isPortableName(name: string): boolean {
  return !/[<>:"|?*]/.test(name) && !isDeviceName(name);
}

/** The name as a case-insensitive, normalising file system (APFS, NTFS) compares it. */
export function fileKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}
