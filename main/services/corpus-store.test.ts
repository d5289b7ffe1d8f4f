import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSpan } from '../../shared/model/edits';
import { DocumentSchema, type Document } from '../../shared/model/schema';
import { CorpusStore, StoreError } from './corpus-store';

const who = { annotator: 'ana', now: '2026-01-01T00:00:00.000Z' };

function makeDoc(id: string, title: string, text: string): Document {
  let doc: Document = { id, title, source: { outlet: 'Wire' }, text, status: 'todo', spans: [], relations: [] };
  // label the first word, whatever script it is in
  const first = [...text].findIndex((c) => c === ' ');
  if (first > 0) doc = addSpan(doc, { label: 'actor', start: 0, end: first, id: `${id}-s1` }, who).doc;
  return doc;
}

const DOCS = [
  makeDoc('d1', 'Strike near Korvany', 'Officials said 🚀 strikes killed 62.'),
  makeDoc('d2', 'Минобороны', 'Минобороны заявило\r\nо 62 погибших.'),
  makeDoc('d3', 'بيان', 'الوزارة قالت إن 62 قتلوا.'),
];

let dir: string;
const open: CorpusStore[] = [];
const track = (s: CorpusStore) => (open.push(s), s);
const file = (...p: string[]) => path.join(dir, ...p);
const mtime = async (f: string) => (await stat(f)).mtimeMs;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function newCorpus(docs = DOCS): Promise<CorpusStore> {
  const store = track(await CorpusStore.create(dir, { name: 'Test corpus' }));
  await store.addDocuments(docs);
  return store;
}

async function errorOf(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-store-'));
});

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

describe('CorpusStore', () => {
  it('reads back from disk, after closing and reopening, exactly what was saved', async () => {
    const store = await newCorpus();
    const edited = { ...(await store.read('d2')), title: 'Edited', status: 'in_progress' as const };
    const withSpan = addSpan(edited, { label: 'figure', start: 22, end: 24 }, who).doc;
    await store.save(withSpan);
    await store.close();

    const again = track(await CorpusStore.open(dir));
    expect(again.readOnly).toBe(false);
    expect(await again.read('d2')).toEqual(DocumentSchema.parse(withSpan));
    expect(await again.read('d1')).toEqual(DocumentSchema.parse(DOCS[0]));
    expect(again.list().map((s) => [s.id, s.title, s.spanCount])).toEqual([
      ['d1', 'Strike near Korvany', 1],
      ['d2', 'Edited', 2],
      ['d3', 'بيان', 1],
    ]);
    expect(again.meta.name).toBe('Test corpus');
  });

  it('writes only the saved document, keeping its previous version as .bak', async () => {
    const store = await newCorpus();
    const docsDir = file('docs');
    const before = new Map<string, number>();
    for (const f of [...(await readdir(docsDir)).map((f) => path.join(docsDir, f)), file('corpus.json')]) before.set(f, await mtime(f));
    const previous = await readFile(file('docs', 'd2.json'), 'utf8');
    await sleep(30); // so a rewrite would show in the mtimes
    await store.save({ ...(await store.read('d2')), title: 'Second version' });

    for (const [f, t] of before) {
      if (f.endsWith('d2.json')) expect(await mtime(f)).toBeGreaterThan(t);
      else expect(await mtime(f), path.basename(f)).toBe(t);
    }
    expect(await readFile(file('docs', 'd2.json.bak'), 'utf8')).toBe(previous);
    expect(JSON.parse(await readFile(file('docs', 'd2.json'), 'utf8')).title).toBe('Second version');
    expect(await readdir(docsDir)).toEqual(expect.arrayContaining(['d1.json', 'd2.json', 'd2.json.bak', 'd3.json']));
    expect(await readdir(docsDir)).toHaveLength(4);
  });

  it('opens a corpus with a hand-damaged document, lists it as damaged, and restores its backup', async () => {
    const store = await newCorpus();
    const good = { ...(await store.read('d2')), title: 'Good version' };
    await store.save(good); // d2.json.bak now holds the original, d2.json the good version
    await store.save({ ...good, title: 'Newest version' });
    await store.close();
    const garbage = '{"id": "d2", "title": "oops", "text": "broken';
    await writeFile(file('docs', 'd2.json'), garbage);
    await writeFile(file('docs', 'd3.json'), JSON.stringify({ ...DOCS[2], spans: [{ ...DOCS[2]!.spans[0], end: 3 }] }));

    const again = track(await CorpusStore.open(dir));
    expect(again.readOnly).toBe(false);
    expect(again.damaged.map((d) => [d.id, d.hasBackup])).toEqual(expect.arrayContaining([['d2', true], ['d3', false]]));
    expect(again.damaged.find((d) => d.id === 'd2')!.message).toMatch(/d2\.json.*cannot be read/);
    expect(again.damaged.find((d) => d.id === 'd3')!.message).toMatch(/does not match/);
    expect(await again.read('d1')).toEqual(DocumentSchema.parse(DOCS[0]));
    expect(again.list().map((s) => s.id)).toEqual(['d1', 'd2', 'd3']);
    expect((await again.readAll()).documents.map((d) => d.id)).toEqual(['d1']);
    await expect(again.read('d2')).rejects.toThrow(StoreError);

    await again.restoreBackup('d2');
    expect((await again.read('d2')).title).toBe('Good version');
    expect(await readFile(file('docs', 'd2.json.damaged'), 'utf8')).toBe(garbage);
    expect(again.damaged.map((d) => d.id)).toEqual(['d3']);
    expect(again.list().find((s) => s.id === 'd2')!.title).toBe('Good version');
    expect((await errorOf(again.restoreBackup('d3'))).code).toBe('invalid'); // no backup to restore
  });

  it('opens read-only, saying why, while another process holds the corpus', async () => {
    const first = await newCorpus();
    const second = track(await CorpusStore.open(dir));
    expect(second.readOnly).toBe(true);
    expect(second.readOnlyReason).toMatch(/another .*process/i);
    expect(second.list().map((s) => s.id)).toEqual(['d1', 'd2', 'd3']);
    const before = await readFile(file('docs', 'd1.json'), 'utf8');
    expect((await errorOf(second.save({ ...DOCS[0]!, title: 'x' }))).code).toBe('read_only');
    expect(await readFile(file('docs', 'd1.json'), 'utf8')).toBe(before);
    // once the first closes, the corpus opens for writing again
    await first.close();
    const third = track(await CorpusStore.open(dir));
    expect(third.readOnly).toBe(false);
  });

  it('opens a corpus from a newer Spanmark read-only instead of failing or overwriting it', async () => {
    const store = await newCorpus();
    await store.close();
    const manifest = JSON.parse(await readFile(file('corpus.json'), 'utf8'));
    await writeFile(file('corpus.json'), JSON.stringify({ ...manifest, schemaVersion: 99, newField: { x: 1 } }));
    const again = track(await CorpusStore.open(dir));
    expect(again.readOnly).toBe(true);
    expect(again.readOnlyReason).toMatch(/newer Spanmark.*version 99/);
    expect(await again.read('d1')).toEqual(DocumentSchema.parse(DOCS[0]));
    expect((await errorOf(again.save(await again.read('d1')))).code).toBe('read_only');
    expect((await errorOf(again.updateMeta({ name: 'x' }))).code).toBe('read_only');
    expect(JSON.parse(await readFile(file('corpus.json'), 'utf8')).schemaVersion).toBe(99);
  });

  it('refuses to open a folder without a corpus or with a broken manifest', async () => {
    expect((await errorOf(CorpusStore.open(dir))).code).toBe('not_found');
    await writeFile(file('corpus.json'), '{ nope');
    expect((await errorOf(CorpusStore.open(dir))).code).toBe('invalid');
    await writeFile(file('corpus.json'), JSON.stringify({ name: 'no version' }));
    expect((await errorOf(CorpusStore.open(dir))).message).toMatch(/schemaVersion/);
  });

  it('refuses to save a document whose span text does not match its offsets, leaving the file as it was', async () => {
    const store = await newCorpus();
    await store.save({ ...(await store.read('d1')), title: 'v2' });
    const [doc, bak] = await Promise.all([readFile(file('docs', 'd1.json'), 'utf8'), readFile(file('docs', 'd1.json.bak'), 'utf8')]);
    const bad = await store.read('d1');
    bad.spans[0] = { ...bad.spans[0]!, text: 'Officials!' };
    const e = await errorOf(store.save(bad));
    expect(e.code).toBe('invalid');
    expect(e.message).toMatch(/Not saved: span text "Officials!" does not match/);
    expect(await readFile(file('docs', 'd1.json'), 'utf8')).toBe(doc);
    expect(await readFile(file('docs', 'd1.json.bak'), 'utf8')).toBe(bak);
    expect(store.list()[0]!.title).toBe('v2');
  });

  it('never overwrites a document another program changed on disk, nor saves a label outside the schema', async () => {
    const store = await newCorpus();
    const mine = await store.read('d1');
    // a colleague's git pull rewrites the file while the app has it open
    const theirs = { ...mine, title: 'pulled from git' };
    await sleep(15);
    await writeFile(file('docs', 'd1.json'), JSON.stringify(theirs));
    const e = await errorOf(store.save({ ...mine, title: 'mine' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/changed on disk by another program/);
    expect(JSON.parse(await readFile(file('docs', 'd1.json'), 'utf8')).title).toBe('pulled from git');
    const renamed = { ...(await store.read('d2')) };
    renamed.spans = renamed.spans.map((s) => ({ ...s, label: 'no-such-label' }));
    if (renamed.spans.length) expect((await errorOf(store.save(renamed))).message).toMatch(/not in the schema/);
  });

  it('lists correctly without its summary cache, and notices documents edited outside the app', async () => {
    const store = await newCorpus();
    await store.close();
    expect(JSON.parse(await readFile(file('.spanmark', 'index.json'), 'utf8')).entries).toHaveProperty('d3');

    await rm(file('.spanmark', 'index.json'));
    const noCache = track(await CorpusStore.open(dir));
    expect(noCache.list().map((s) => [s.id, s.title, s.spanCount])).toEqual([
      ['d1', 'Strike near Korvany', 1],
      ['d2', 'Минобороны', 1],
      ['d3', 'بيان', 1],
    ]);
    await noCache.close();

    // someone edits d3 in a text editor (or git checks out another version) while the app is closed
    await sleep(20);
    const d3 = JSON.parse(await readFile(file('docs', 'd3.json'), 'utf8'));
    await writeFile(file('docs', 'd3.json'), JSON.stringify({ ...d3, title: 'بيان الوزارة', status: 'done', spans: [], relations: [] }, null, 2));
    const reopened = track(await CorpusStore.open(dir));
    expect(reopened.list().find((s) => s.id === 'd3')).toMatchObject({ title: 'بيان الوزارة', status: 'done', spanCount: 0 });
    expect(reopened.list().find((s) => s.id === 'd1')!.title).toBe('Strike near Korvany');
  });

  it('gives an imported document with a taken id a new id rather than overwriting', async () => {
    const store = await newCorpus();
    const [summary] = await store.addDocuments([{ ...DOCS[0]!, title: 'Copy' }]);
    expect(summary!.id).not.toBe('d1');
    expect((await store.read('d1')).title).toBe('Strike near Korvany');
    expect((await store.read(summary!.id)).title).toBe('Copy');
  });
});
