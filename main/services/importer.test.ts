import { mkdtemp, mkdir, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
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
});
