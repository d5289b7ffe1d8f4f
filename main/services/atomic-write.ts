import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Temp file + fsync + rename, then fsync of the folder so the rename itself
 * survives a power cut (folder fsync is not supported on Windows; there the
 * rename is already durable enough for NTFS).
 *
 * Written by hand rather than with write-file-atomic, which resolves a
 * symbolic link at the target and writes over the file it points to: a
 * corpus shared by git or zip can carry such a link. Here the temp file is
 * created fresh (O_EXCL never follows a link) and renamed over the name, so
 * a link there is replaced, never written through.
 */
export async function writeAtomic(file: string, data: string | Uint8Array, mode?: number): Promise<void> {
  const existing = mode ?? (await lstat(file).then((st) => (st.isFile() ? st.mode & 0o777 : undefined), () => undefined));
  const tmp = `${file}.${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), existing ?? 0o666);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
  await fsyncDir(path.dirname(file));
}

export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
