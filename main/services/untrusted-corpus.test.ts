import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSpan } from '../../shared/model/edits';
import type { Document } from '../../shared/model/schema';
import { exportCorpus } from './exporter';
import { writeAtomic } from './atomic-write';
import { CorpusStore, StoreError } from './corpus-store';
import { fileKey, isDeviceName, isPlainDocFile } from './corpus-fs';

/**
 * A corpus from a colleague or the internet is untrusted: it arrives by git
 * or zip, both of which keep symbolic links, and its corpus.json is just
 * text. Each test builds such a corpus in a temp folder with a "victim" file
 * outside it, and checks the victim is never read into the corpus or written.
 */

const who = { annotator: 'ana', now: '2026-01-01T00:00:00.000Z' };
const doc = (id: string, title = id, text = `Officials said strikes killed 62 near ${id}.`): Document =>
  addSpan({ id, title, source: {}, text, status: 'todo', spans: [], relations: [] }, { label: 'actor', start: 0, end: 9, id: `${id}-s1` }, who).doc;

let tmp: string;
let dir: string;
let victim: string;
const VICTIM_TEXT = '# my shell profile\nexport PATH=$HOME/bin:$PATH\n';
const open: CorpusStore[] = [];
const track = (s: CorpusStore) => (open.push(s), s);
const at = (...p: string[]) => path.join(dir, ...p);

async function corpusWith(docs: Document[]): Promise<void> {
  const s = await CorpusStore.create(dir, { name: 'Shared' });
  await s.addDocuments(docs);
  await s.close();
}

async function errorOf(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

const settle = () => new Promise((r) => setTimeout(r, 50));

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-untrusted-'));
  dir = path.join(tmp, 'corpus');
  victim = path.join(tmp, 'victim.txt');
  await writeFile(victim, VICTIM_TEXT);
});

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('symbolic links inside a shared corpus', () => {
  it('writeAtomic replaces a link at the target instead of writing through it', async () => {
    const link = path.join(tmp, 'out.json');
    await symlink(victim, link);
    await writeAtomic(link, '{"x":1}');
    expect(await readFile(victim, 'utf8')).toBe(VICTIM_TEXT);
    expect((await lstat(link)).isSymbolicLink()).toBe(false);
    expect(await readFile(link, 'utf8')).toBe('{"x":1}');
  });

  it('a summary cache linked to a file outside is never written: the corpus opens read-only, naming the link', async () => {
    await corpusWith([doc('d1', 'echo pwned #')]);
    await rm(at('.spanmark', 'index.json'));
    await symlink(victim, at('.spanmark', 'index.json'));
    const store = track(await CorpusStore.open(dir));
    expect(store.readOnly).toBe(true);
    expect(store.readOnlyReason).toMatch(/symbolic links? .*\.spanmark\/index\.json/);
    expect(store.list().map((d) => d.title)).toEqual(['echo pwned #']);
    await store.close();
    await settle();
    expect(await readFile(victim, 'utf8')).toBe(VICTIM_TEXT);
    expect(await readlink(at('.spanmark', 'index.json'))).toBe(victim);
  });

  it('a linked .spanmark or docs folder is never written through', async () => {
    await corpusWith([doc('d1')]);
    const outside = path.join(tmp, 'elsewhere');
    await mkdir(outside);
    await rm(at('.spanmark'), { recursive: true });
    await symlink(outside, at('.spanmark'));
    const store = track(await CorpusStore.open(dir));
    expect(store.readOnly).toBe(true);
    expect((await errorOf(store.save(await store.read('d1')))).code).toBe('read_only');
    await store.close();
    expect(await readdir(outside)).toEqual([]);
  });

  it('a document file linked outside is reported, never read or written; the rest of the corpus opens read-only', async () => {
    await corpusWith([doc('d1'), doc('d2')]);
    await rm(at('docs', 'd2.json'));
    await symlink(victim, at('docs', 'd2.json'));
    const store = track(await CorpusStore.open(dir));
    expect(store.readOnly).toBe(true);
    expect(store.readOnlyReason).toMatch(/symbolic links \(docs\/d2\.json\)/);
    expect(store.damaged.map((d) => [d.id, d.hasBackup])).toEqual([['d2', false]]);
    expect(store.damaged[0]!.message).toMatch(/symbolic link/);
    expect((await store.readAll()).documents.map((d) => d.id)).toEqual(['d1']);
    await expect(store.read('d2')).rejects.toThrow(/symbolic link/);
    expect(await readFile(victim, 'utf8')).toBe(VICTIM_TEXT);
  });

  it('links planted while the corpus is open: save, restore and delete never follow them (.bak, .damaged, .deleted, the document)', async () => {
    await corpusWith([doc('d1'), doc('d2'), doc('d3')]);
    const store = track(await CorpusStore.open(dir));
    await store.save({ ...(await store.read('d1')), title: 'second' });
    await store.save({ ...(await store.read('d3')), title: 'second' });
    await store.close();
    // d1 and d3 are damaged on disk, so they offer their backups
    await writeFile(at('docs', 'd1.json'), '{ torn');
    await writeFile(at('docs', 'd3.json'), '{ torn');
    const again = track(await CorpusStore.open(dir));
    expect(again.readOnly).toBe(false);
    expect(Object.fromEntries(again.damaged.map((d) => [d.id, d.hasBackup]))).toEqual({ d1: true, d3: true });
    await writeFile(victim, JSON.stringify(doc('d2', 'victim')));
    const before = await readFile(victim, 'utf8');
    // d1: the document itself becomes a link; restoring replaces the link, never the victim
    await rm(at('docs', 'd1.json'));
    await symlink(victim, at('docs', 'd1.json'));
    await again.restoreBackup('d1');
    expect((await again.read('d1')).title).toBe('d1');
    expect((await lstat(at('docs', 'd1.json'))).isSymbolicLink()).toBe(false);
    // d3: .damaged is a link: restore refuses, saying why
    await symlink(victim, at('docs', 'd3.json.damaged'));
    expect((await errorOf(again.restoreBackup('d3'))).message).toMatch(/d3\.json\.damaged is a symbolic link/);
    // d2: a linked .bak is never copied over; the save is refused with the reason
    await symlink(victim, at('docs', 'd2.json.bak'));
    expect((await errorOf(again.save({ ...(await again.read('d2')), title: 'mine' }))).message).toMatch(/d2\.json\.bak is a symbolic link/);
    // delete keeps no .deleted copy through a planted link, and removes only the document
    await rm(at('docs', 'd2.json.bak'));
    await symlink(victim, at('docs', 'd2.json.deleted'));
    await again.deleteDocument('d2');
    expect(await readFile(victim, 'utf8')).toBe(before);
    expect(again.list().map((d) => d.id)).toEqual(['d1', 'd3']);
  });

  it('refuses to open a corpus whose corpus.json is a link', async () => {
    await corpusWith([doc('d1')]);
    const real = path.join(tmp, 'real-manifest.json');
    await writeFile(real, await readFile(at('corpus.json')));
    await rm(at('corpus.json'));
    await symlink(real, at('corpus.json'));
    const e = await errorOf(CorpusStore.open(dir));
    expect(e.message).toMatch(/corpus\.json is a symbolic link/);
  });
});

describe('manifest file names', () => {
  const traversals = ['../../victim.txt', '../victim.txt', '/etc/passwd', 'sub/d9.json', '..\\..\\victim.json', 'd9.json\u0000.txt', ''];

  it.each(traversals)('an entry naming %j is damaged with a clear message, never read, written or deleted', async (file) => {
    await corpusWith([doc('d1')]);
    const manifest = JSON.parse(await readFile(at('corpus.json'), 'utf8'));
    // a victim shaped like a document two levels up, where "../../victim.txt" from docs/ points
    await writeFile(victim, JSON.stringify(doc('evil')));
    manifest.documents.push({ id: 'evil', file });
    await writeFile(at('corpus.json'), JSON.stringify(manifest));
    const before = await readFile(victim, 'utf8');

    const store = track(await CorpusStore.open(dir));
    expect(store.readOnly).toBe(false);
    expect(store.damaged.map((d) => d.id)).toEqual(['evil']);
    expect(store.damaged[0]!.message).toMatch(/not a plain file name inside docs\//);
    expect((await store.readAll()).documents.map((d) => d.id)).toEqual(['d1']);
    expect((await errorOf(store.read('evil'))).message).toMatch(/not a plain file name/);
    expect((await errorOf(store.save(doc('evil', 'overwritten')))).message).toMatch(/not a plain file name/);
    await store.deleteDocument('evil');
    expect(await readFile(victim, 'utf8')).toBe(before);
    expect(store.list().map((d) => d.id)).toEqual(['d1']);
    // the rest of the corpus still saves
    await store.save({ ...(await store.read('d1')), title: 'still works' });
  });

  it('plain names: only a .json name in docs/, never a path, a control character or a device on Windows', () => {
    expect(isPlainDocFile('d1.json')).toBe(true);
    expect(isPlainDocFile('Минобороны-1.json')).toBe(true);
    for (const bad of ['../x.json', 'a/b.json', 'a\\b.json', '.json', 'x.txt', 'x.json\n', 42, null]) expect(isPlainDocFile(bad), String(bad)).toBe(false);
    expect(isPlainDocFile('CON.json', 'win32')).toBe(false);
    expect(isPlainDocFile('c:x.json', 'win32')).toBe(false);
    for (const d of ['CON.json', 'nul.json', 'Com1.json', 'lpt1.x.json', 'AUX .json', 'COM¹.json']) expect(isDeviceName(d), d).toBe(true);
    for (const d of ['console.json', 'com10.json', 'd_CON.json']) expect(isDeviceName(d), d).toBe(false);
  });
});

describe('file names on case-insensitive and normalising disks', () => {
  it('keeps both documents when ids differ only in case (simulated case-insensitive disk)', async () => {
    const ci = { caseInsensitive: true };
    const s = track(await CorpusStore.create(dir, { name: 'Shared' }, ci));
    await s.addDocuments([doc('Report', 'First', 'The first report says 62.'), doc('report', 'Second', 'The second report says 40.')]);
    await s.close();
    const again = track(await CorpusStore.open(dir, ci));
    expect(again.damaged).toEqual([]);
    const docs = (await again.readAll()).documents;
    expect(docs.map((d) => [d.id, d.title])).toEqual([
      ['Report', 'First'],
      ['report', 'Second'],
    ]);
    const out = path.join(tmp, 'export.jsonl');
    await exportCorpus(await again.readAll(), 'doccano', out, {});
    expect((await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l).text)).toEqual(['The first report says 62.', 'The second report says 40.']);
  });

  it('a corpus written on Linux with colliding names is reported, never silently merged, and a writable open renames the file', async () => {
    // as an older Spanmark wrote it: files named after the ids as they were
    await corpusWith([]);
    await writeFile(at('docs', 'Report.json'), JSON.stringify(doc('Report', 'First')));
    await writeFile(at('docs', 'report.json'), JSON.stringify(doc('report', 'Second')));
    const m = JSON.parse(await readFile(at('corpus.json'), 'utf8'));
    m.documents = [
      { id: 'Report', file: 'Report.json' },
      { id: 'report', file: 'report.json' },
    ];
    await writeFile(at('corpus.json'), JSON.stringify(m));
    // on a case-insensitive disk both names are one file: one entry sees the other's text, and says so
    const ci = track(await CorpusStore.open(dir, { readOnly: true, caseInsensitive: true }));
    expect(ci.damaged).toHaveLength(1);
    expect(ci.damaged[0]!.message).toMatch(/holds document "(Report|report)" instead/);
    expect((await ci.readAll()).documents).toHaveLength(1);
    await ci.close();

    // device names too
    await writeFile(at('docs', 'CON.json'), JSON.stringify(doc('CON', 'Device')));
    m.documents.push({ id: 'CON', file: 'CON.json' });
    await writeFile(at('corpus.json'), JSON.stringify(m));

    const ro = track(await CorpusStore.open(dir, { readOnly: true }));
    expect(ro.portabilityProblems().map((p) => p.file)).toEqual(['report.json', 'CON.json']);
    await ro.close();

    const rw = track(await CorpusStore.open(dir));
    expect(rw.portabilityProblems()).toEqual([]);
    const files = JSON.parse(await readFile(at('corpus.json'), 'utf8')).documents.map((d: { file: string }) => d.file) as string[];
    expect(new Set(files.map(fileKey)).size).toBe(3);
    expect(files.some((f) => isDeviceName(f))).toBe(false);
    expect((await rw.readAll()).documents.map((d) => [d.id, d.title])).toEqual([
      ['Report', 'First'],
      ['report', 'Second'],
      ['CON', 'Device'],
    ]);
    await rw.close();
  });

  it('treats names that differ only in Unicode normalisation as one file', async () => {
    await corpusWith([doc('a1'), doc('a2')]);
    const manifest = JSON.parse(await readFile(at('corpus.json'), 'utf8'));
    const nfc = 'caf\u00e9.json';
    const nfd = 'cafe\u0301.json';
    await writeFile(at('docs', nfc), await readFile(at('docs', 'a1.json')));
    await writeFile(at('docs', nfd), await readFile(at('docs', 'a2.json')));
    manifest.documents = [
      { id: 'a1', file: nfc },
      { id: 'a2', file: nfd },
    ];
    await writeFile(at('corpus.json'), JSON.stringify(manifest));
    const ro = track(await CorpusStore.open(dir, { readOnly: true }));
    expect(ro.portabilityProblems()).toHaveLength(1);
    await ro.close();
    const rw = track(await CorpusStore.open(dir));
    expect(rw.portabilityProblems()).toEqual([]);
    expect((await rw.readAll()).documents.map((d) => d.id)).toEqual(['a1', 'a2']);
  });

  it('never names a new file after a Windows device', async () => {
    const s = track(await CorpusStore.create(dir, { name: 'Shared' }));
    await s.addDocuments(['CON', 'nul', 'com1', 'LPT9'].map((id) => doc(id)));
    for (const f of await readdir(at('docs'))) expect(isDeviceName(f), f).toBe(false);
    expect((await s.readAll()).documents.map((d) => d.id)).toEqual(['CON', 'nul', 'com1', 'LPT9']);
  });

  it('keeps both documents on this machine’s real disk when it is case-insensitive', async (ctx) => {
    await writeFile(path.join(tmp, 'CaseProbe'), '');
    const insensitive = await stat(path.join(tmp, 'caseprobe')).then(() => true, () => false);
    if (!insensitive) ctx.skip(); // this disk is case-sensitive: the simulated test above covers it
    const s = track(await CorpusStore.create(dir, { name: 'Shared' }));
    await s.addDocuments([doc('Report', 'First'), doc('report', 'Second')]);
    expect((await s.readAll()).documents.map((d) => d.title)).toEqual(['First', 'Second']);
  });
});
