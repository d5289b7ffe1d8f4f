import { mkdtemp, mkdir, readFile, readdir, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { goldenCorpus, project } from '../../shared/formats/__fixtures__/golden';
import { exportCorpus } from './exporter';
import { importPaths } from './importer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base = { format: 'auto' as const, addUnknownLabels: false, schema: DEFAULT_SCHEMA };
const fixtures = path.resolve(__dirname, '../../shared/formats/__fixtures__');

async function put(rel: string, data: string | Uint8Array) {
  const full = path.join(dir, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, data);
  return full;
}

describe('importPaths', () => {
  it('walks folders, pairs brat files, detects formats and reports per file', async () => {
    const root = path.join(dir, 'batch');
    await put('batch/brat/strike.txt', await readFile(path.join(fixtures, 'brat/strike.txt')));
    await put('batch/brat/strike.ann', await readFile(path.join(fixtures, 'brat/strike.ann')));
    await put('batch/brat/annotation.conf', '[entities]\nclaim\n');
    await put('batch/doccano.jsonl', await readFile(path.join(fixtures, 'doccano-relations.jsonl')));
    await put('batch/ls.json', await readFile(path.join(fixtures, 'labelstudio-export.json')));
    await put('batch/note.md', '# A heading\r\n\r\nBody 🚀 text.');
    await put('batch/plain.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // Windows-1252 "café"
    await put('batch/page.html', '<html><head><title>Page</title></head><body><p>Hello <script>x()</script>world.</p></body></html>');
    await put('batch/photo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    await put('batch/broken.txt', new Uint8Array([0x41, 0, 0x42]));
    await put('batch/bad.jsonl', '{"text": "ok", "label": [[0, 2, "claim"]]}\n{"text": "x", "label": [[0, 9, "claim"]]}\n');
    const progress: string[] = [];
    const r = await importPaths([root], { ...base, onProgress: (p) => progress.push(`${p.done}/${p.total}`) });

    const titles = r.documents.map((d) => d.title).sort();
    // a .txt is titled by its first line (plain.txt holds "café")
    expect(titles).toEqual(['A heading', 'Page', 'café', 'doccano 1', 'doccano 2', 'ls', 'strike']);
    expect(r.documents.find((d) => d.source.fileName?.endsWith('plain.txt'))!.text).toBe('café');
    expect(r.documents.find((d) => d.title === 'A heading')!.text).toBe('# A heading\r\n\r\nBody 🚀 text.');
    expect(r.documents.find((d) => d.title === 'Page')!.text).toBe('Hello world.');
    expect(r.documents.find((d) => d.title === 'strike')!.spans).toHaveLength(7);

    expect(r.report.errors.map((e) => [e.file, e.line])).toEqual([
      [path.join('batch', 'bad.jsonl'), 2],
      [path.join('batch', 'broken.txt'), undefined],
    ]);
    expect(r.report.errors[1]!.message).toBe(`${path.join('batch', 'broken.txt')} looks like a binary file, not text`);
    const warned = r.report.warnings.map((w) => w.message).join('\n');
    expect(warned).toMatch(/photo\.png: not a file type/);
    expect(warned).toMatch(/plain\.txt is not valid UTF-8/);
    expect(warned).toMatch(/discontinuous/);
    expect(r.report.unknownLabels).toEqual([]);
    expect(progress.at(-1)).toBe('8/8'); // photo.png is skipped before reading
  });

  it('refuses files that use unknown labels unless asked to add them', async () => {
    const f = await put('x.jsonl', '{"text": "abc", "label": [[0, 1, "claim"], [1, 2, "rumour"]]}\n');
    const g = await put('y.jsonl', '{"text": "abc", "label": [[0, 1, "claim"]]}\n');
    const refused = await importPaths([f, g], base);
    expect(refused.documents).toHaveLength(1);
    expect(refused.report.unknownLabels).toEqual(['rumour']);
    expect(refused.report.errors[0]!.file).toBe('x.jsonl');
    expect(refused.schemaAdditions.labels).toEqual([]);
    const added = await importPaths([f, g], { ...base, addUnknownLabels: true });
    expect(added.documents).toHaveLength(2);
    expect(added.schemaAdditions.labels).toEqual(['rumour']);
    expect(added.report.unknownLabels).toEqual([]);
  });

  it('refuses a 100 MB file by size without reading it', async () => {
    const big = path.join(dir, 'huge.txt');
    await writeFile(big, '');
    await truncate(big, 101 * 1024 * 1024); // sparse: instant, but stat says 101 MB
    const started = Date.now();
    const r = await importPaths([big], base);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.documents).toEqual([]);
    expect(r.report.errors[0]!.message).toBe('huge.txt is 101.0 MB, above the 50.0 MB import limit; split it into smaller files');
  });

  it('uses the given format, and reports a lone .ann and a missing path', async () => {
    const a = await put('lone.ann', 'T1\tclaim 0 1\tx\n');
    const c = await put('data.txt', 'EU\tB-actor\nsaid\tO\n');
    const r = await importPaths([a, c, path.join(dir, 'nope.txt')], { ...base, format: 'conll' });
    expect(r.documents.map((d) => d.text)).toEqual(['EU said']);
    expect(r.report.errors.map((e) => e.message).join('\n')).toMatch(/cannot open/);
    expect(r.report.errors.length).toBe(2); // lone.ann read as CoNLL fails; nope.txt missing
  });

  it('returns nothing when cancelled', async () => {
    const f = await put('a.txt', 'hello');
    const ac = new AbortController();
    ac.abort();
    const r = await importPaths([f], { ...base, signal: ac.signal });
    expect(r.report.cancelled).toBe(true);
    expect(r.documents).toEqual([]);
  });
});

describe('brat zips (issue 12 item 4)', () => {
  it('imports the pairs inside our own brat zip export, exactly', async () => {
    const corpus = goldenCorpus();
    const zip = await exportCorpus(corpus, 'brat', path.join(dir, 'out', 'corpus.brat.zip'));
    const back = await importPaths([zip.path], base);
    expect(back.report.errors).toEqual([]);
    const sortDocs = (ds: ReturnType<typeof project>[]) => ds.sort((a, b) => a.text.localeCompare(b.text));
    expect(sortDocs(back.documents.map((d) => project(d, { note: true, attributes: true })))).toEqual(sortDocs(corpus.documents.map((d) => project(d, { note: true, attributes: true }))));
  });

  it('imports a hand-made brat zip with folders, a BOM .txt and a lone .txt; a lone .ann and other files are reported', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('Hello there.')]);
    const z = zipSync({
      'corpus/annotation.conf': strToU8('[entities]\nactor\n'),
      'corpus/a/one.txt': bom,
      'corpus/a/one.ann': strToU8('T1\tactor 1 6\tHello\n'),
      'corpus/two.txt': strToU8('No annotations.'),
      'corpus/lost.ann': strToU8('T1\tactor 0 1\tx\n'),
      'corpus/readme.md': strToU8('# notes'),
    });
    const f = await put('hand.zip', z);
    const r = await importPaths([f], { ...base, addUnknownLabels: true });
    expect(r.documents.map((d) => [d.title, d.text, d.spans.map((s) => s.text)])).toEqual([
      ['one', 'Hello there.', ['Hello']],
      ['two', 'No annotations.', []],
    ]);
    expect(r.report.errors.map((e) => e.message)).toEqual(['hand.zip/corpus/lost.ann has no .txt beside it in the zip; brat needs both']);
    expect(r.report.warnings.map((w) => w.message).join('\n')).toMatch(/skipped hand.zip\/corpus\/readme.md/);
  });

  it('refuses entries that climb out of the archive (zip slip), by name, without writing anything', async () => {
    const z = zipSync({ 'ok.txt': strToU8('fine'), '../../escape.txt': strToU8('evil'), '/etc/evil.txt': strToU8('evil') });
    const r = await importPaths([await put('slip.zip', z)], base);
    expect(r.documents.map((d) => d.text)).toEqual(['fine']);
    const errors = r.report.errors.map((e) => e.message);
    expect(errors).toContain('slip.zip: entry "../../escape.txt" points outside the archive; not read');
    expect(errors.some((m) => m.includes('"/etc/evil.txt"'))).toBe(true);
    expect(await readdir(path.dirname(dir))).not.toContain('escape.txt');
  });

  it('stops a zip bomb while inflating, with a clear message, before memory is spent', async () => {
    // the caps scale with the import limit (an entry up to the limit, all entries up to 4x); a 1 MB limit keeps the test small
    const opts = { ...base, maxBytes: 1024 * 1024 };
    const zeros = new Uint8Array(900 * 1024);
    const bomb = zipSync({ 'a.txt': zeros, 'b.txt': zeros, 'c.txt': zeros, 'd.txt': zeros, 'e.txt': zeros }, { level: 9 });
    expect(bomb.length).toBeLessThan(30 * 1024);
    const r = await importPaths([await put('bomb.zip', bomb)], opts);
    expect(r.documents).toEqual([]);
    expect(r.report.errors.map((e) => e.message)).toEqual(['bomb.zip inflates to more than 4 MB in all; not read (a zip bomb, or split it into smaller zips)']);
    const one = zipSync({ 'big.txt': new Uint8Array(2 * 1024 * 1024).fill(0x61) }, { level: 9 });
    const r2 = await importPaths([await put('one.zip', one)], opts);
    expect(r2.report.errors.map((e) => e.message)).toEqual(['one.zip: big.txt inflates to more than 1 MB, above the import limit; not read']);
  });
});

describe('links in an imported folder (issue 10 item 10)', () => {
  it('never follows a link out of the chosen folder when pairing brat files; warns and imports the rest', async () => {
    await put('outside/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n');
    await put('batch/pair.ann', '');
    await symlink(path.join(dir, 'outside/id_rsa'), path.join(dir, 'batch/pair.txt'));
    await put('batch/real.txt', 'A real document.');
    await symlink(path.join(dir, 'batch/real.txt'), path.join(dir, 'batch/alias.txt'));
    const r = await importPaths([path.join(dir, 'batch')], base);
    expect(r.documents.map((d) => d.text)).not.toContain('-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n');
    expect(r.documents.every((d) => !d.text.includes('secret'))).toBe(true);
    expect(r.report.warnings.map((w) => w.message)).toContain(`skipped ${path.join('batch', 'pair.txt')}: a link to a file outside the chosen folder`);
    // a link that stays inside the folder is an ordinary file
    expect(r.documents.map((d) => d.text)).toEqual(['A real document.', 'A real document.']);
    expect(r.report.errors.map((e) => e.message)).toEqual([`${path.join('batch', 'pair.ann')} has no pair.txt beside it; brat needs both`]);
  });

  it('a named .ann does not pull in a linked .txt from elsewhere', async () => {
    await put('outside/secret.txt', 'secret');
    const ann = await put('named/pair.ann', '');
    await symlink(path.join(dir, 'outside/secret.txt'), path.join(dir, 'named/pair.txt'));
    const r = await importPaths([ann], base);
    expect(r.documents).toEqual([]);
    expect(r.report.warnings.map((w) => w.message).join('\n')).toMatch(/pair\.txt \(beside pair\.ann\) not read: a link to a file outside the chosen folder/);
  });
});

describe('exportCorpus', () => {
  it('writes brat to a folder and to a zip, and the folder imports back', async () => {
    const corpus = goldenCorpus();
    const folder = path.join(dir, 'out', 'brat');
    const sum = await exportCorpus(corpus, 'brat', folder);
    expect(sum).toMatchObject({ documents: 2, spans: 10 });
    expect((await readdir(folder)).sort()).toEqual(['annotation.conf', 'doc-1.ann', 'doc-1.txt', 'doc-2.ann', 'doc-2.txt']);
    const back = await importPaths([folder], base);
    expect(back.report.errors).toEqual([]);
    const sortDocs = (ds: ReturnType<typeof project>[]) => ds.sort((a, b) => a.text.localeCompare(b.text));
    expect(sortDocs(back.documents.map((d) => project(d, { note: true, attributes: true })))).toEqual(sortDocs(corpus.documents.map((d) => project(d, { note: true, attributes: true }))));

    const zip = await exportCorpus(corpus, 'brat', path.join(dir, 'out', 'b.zip'));
    expect(Object.keys(unzipSync(await readFile(zip.path)))).toHaveLength(5);
  });

  it('writes single-file formats with filters and offsets', async () => {
    const out = await exportCorpus(goldenCorpus(), 'doccano', path.join(dir, 'new', 'x.jsonl'), { filters: { status: ['done'] }, offsets: 'utf16' });
    expect(out.documents).toBe(1);
    const back = await importPaths([out.path], { ...base, offsets: 'utf16' });
    expect(back.documents[0]!.spans.map((s) => s.text)).toContain('The strike 🚀 killed 62 servicemen');
  });

  it('writes the Label Studio labelling config beside the data, and two-column CoNLL on request', async () => {
    const ls = await exportCorpus(goldenCorpus(), 'labelstudio', path.join(dir, 'x', 'corpus.labelstudio.json'));
    expect(ls.files).toEqual([path.join(dir, 'x', 'corpus.labelstudio.json'), path.join(dir, 'x', 'corpus.labelstudio.config.xml')]);
    expect(await readFile(ls.files[1]!, 'utf8')).toMatch(/^<View>[\s\S]*<Labels name="label" toName="text">/);
    const conll = await exportCorpus(goldenCorpus(), 'conll', path.join(dir, 'x', 'two.conll'), { conllColumns: 2 });
    const lines = (await readFile(conll.path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    expect(lines.every((l) => l.split('\t').length === 2)).toBe(true);
  });
});

