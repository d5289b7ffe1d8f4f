import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Document } from '../../shared/model/schema';
import { CorpusStore } from './corpus-store';

/**
 * A corpus on a read-only disk, a CD, or a folder shared without write
 * permission opens read-only with a message instead of failing. As root,
 * permissions do not stop writes, so the folder is made immutable
 * (chattr +i) instead; the test is skipped where neither can be done.
 */

let dir: string;
let locked: (() => Promise<void>) | null = null;
const doc: Document = { id: 'd1', title: 'First', source: {}, text: 'Officials said 62.', status: 'todo', spans: [], relations: [] };

async function makeUnwritable(target: string): Promise<boolean> {
  if (process.getuid?.() !== 0) {
    await chmod(target, 0o555);
    locked = () => chmod(target, 0o755);
    return true;
  }
  try {
    execFileSync('chattr', ['+i', target], { stdio: 'ignore' });
    locked = async () => void execFileSync('chattr', ['-i', target], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-ro-'));
});
afterEach(async () => {
  await locked?.();
  locked = null;
  await rm(dir, { recursive: true, force: true });
});

describe('a corpus in a folder that cannot be written', () => {
  it('opens read-only with a message, lists and reads its documents, and refuses edits', async (ctx) => {
    const s = await CorpusStore.create(dir, { name: 'Shared on a read-only disk' });
    await s.addDocuments([doc]);
    await s.close();
    // needs root (chattr +i) or a non-root user (chmod): where neither can lock the folder, there is nothing to test
    if (!(await makeUnwritable(dir))) ctx.skip();
    const store = await CorpusStore.open(dir);
    try {
      expect(store.readOnly).toBe(true);
      expect(store.readOnlyReason).toMatch(/cannot be written/);
      expect(store.list().map((d) => d.title)).toEqual(['First']);
      expect((await store.read('d1')).text).toBe('Officials said 62.');
      await expect(store.save({ ...doc, title: 'x' })).rejects.toMatchObject({ code: 'read_only' });
    } finally {
      await store.close();
    }
    expect(JSON.parse(await readFile(path.join(dir, 'docs', 'd1.json'), 'utf8')).title).toBe('First');
  });
});
