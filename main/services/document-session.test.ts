import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addSpan } from '../../shared/model/edits';
import type { Op } from '../../shared/model/operations';
import type { Document } from '../../shared/model/schema';
import { CorpusStore } from './corpus-store';
import { DocumentSession } from './document-session';

const who = { annotator: 'ana', now: '2026-01-01T00:00:00.000Z' };
const TEXT = 'Officials said 🚀 strikes killed 62 people near Korvany on Tuesday.';

function doc(id: string): Document {
  return { id, title: id, source: {}, text: TEXT, status: 'todo', spans: [], relations: [] };
}

let dir: string;
let store: CorpusStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-docsession-'));
  store = await CorpusStore.create(dir, { name: 'T' });
  await store.addDocuments([doc('d1'), doc('d2')]);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const onDisk = async (id: string): Promise<Document> => JSON.parse(await readFile(path.join(dir, 'docs', `${id}.json`), 'utf8')) as Document;

/** Label the n-th word as actor: one op, built the way the renderer builds it. */
function labelWord(n: number, base: Document): Op {
  const words = [...TEXT.matchAll(/\p{L}+/gu)];
  const w = words[n % words.length]!;
  const start = [...TEXT.slice(0, w.index)].length;
  const { span } = addSpan(base, { label: 'actor', start, end: start + [...w[0]].length, id: `s${n}` }, who);
  return { op: 'addSpan', span };
}

describe('DocumentSession (main)', () => {
  it('coalesces writes: a burst of batches is written a few times, not once per batch, and the file ends with all of them', async () => {
    const docs = new DocumentSession(() => store);
    const { document, version } = await docs.openDocument('d1');
    const save = vi.spyOn(store, 'save');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => docs.apply('d1', version + i, [labelWord(i, document)])));
    expect(results.map((r) => r.summary.spanCount)).toEqual(results.map((r) => r.summary.spanCount).sort((a, b) => a - b));
    expect(results.at(-1)!.summary.spanCount).toBe(10);
    // one write for the first batch, one for the nine that arrived while it was in flight
    expect(save.mock.calls.length).toBeLessThanOrEqual(3);
    expect((await onDisk('d1')).spans.map((s) => s.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`).sort());
    // the previous version is kept beside it
    await expect(stat(path.join(dir, 'docs', 'd1.json.bak'))).resolves.toBeTruthy();
  });

  it('switching documents writes what the previous one still owes the disk first', async () => {
    const docs = new DocumentSession(() => store);
    const { document, version } = await docs.openDocument('d1');
    const pending = docs.apply('d1', version, [labelWord(2, document)]);
    await docs.openDocument('d2');
    await pending;
    expect((await onDisk('d1')).spans).toHaveLength(1);
    // and batches for the document no longer open are refused, not applied to the new one
    await expect(docs.apply('d1', version + 1, [labelWord(3, document)])).rejects.toMatchObject({ code: 'not_open' });
    expect((await onDisk('d2')).spans).toHaveLength(0);
  });

  it('refuses to overwrite a file changed on disk by another program, and keeps that file', async () => {
    const docs = new DocumentSession(() => store);
    const { document, version } = await docs.openDocument('d1');
    const external = JSON.stringify({ ...document, title: 'Edited in another program' });
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(path.join(dir, 'docs', 'd1.json'), external);
    const r = await docs.apply('d1', version, [labelWord(0, document)]);
    expect(r).toMatchObject({ savedAt: null, notSaved: { code: 'conflict', message: expect.stringMatching(/changed on disk/) } });
    expect(await readFile(path.join(dir, 'docs', 'd1.json'), 'utf8')).toBe(external);
  });

  it('a refused batch changes nothing, and the next one still builds on the last good version', async () => {
    const docs = new DocumentSession(() => store);
    const { document, version } = await docs.openDocument('d1');
    const good = labelWord(1, document);
    await expect(docs.apply('d1', version, [good, good])).rejects.toMatchObject({ code: 'invalid_ops' });
    await expect(docs.apply('d1', version + 7, [good])).rejects.toMatchObject({ code: 'stale' });
    const r = await docs.apply('d1', version, [good]);
    expect(r.summary.spanCount).toBe(1);
    expect(docs.current()!.version).toBe(r.version);
  });

  it('flush waits for the last write (closing the window, exporting)', async () => {
    const docs = new DocumentSession(() => store);
    const { document, version } = await docs.openDocument('d1');
    void docs.apply('d1', version, [labelWord(4, document)]);
    await docs.flush();
    expect((await onDisk('d1')).spans).toHaveLength(1);
  });
});
