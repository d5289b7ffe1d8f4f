import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Document } from '../../shared/model/schema';
import { CorpusStore } from './corpus-store';
import { Session } from './session';

let tmp: string;
let session: Session;
const doc: Document = { id: 'd1', title: 'First', source: {}, text: 'Officials said 62.', status: 'todo', spans: [], relations: [] };

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-session-'));
  session = new Session(tmp);
});

afterEach(async () => {
  await session.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('Session', () => {
  it('reload from disk keeps the corpus writable: the next edit is saved', async () => {
    const dir = path.join(tmp, 'corpus');
    const s = await CorpusStore.create(dir, { name: 'C' });
    await s.addDocuments([doc]);
    await s.close();
    await session.open(dir);
    const reloaded = await session.reload();
    expect(reloaded.readOnly).toBe(false);
    await session.require().save({ ...doc, title: 'Edited after reload' });
    expect(JSON.parse(await readFile(path.join(dir, 'docs', 'd1.json'), 'utf8')).title).toBe('Edited after reload');
  });
});
