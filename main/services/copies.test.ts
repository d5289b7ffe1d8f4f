import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document, type Span } from '../../shared/model/schema';
import { CorpusStore } from './corpus-store';
import { agreeFromCorpora, annotatorOf, CopyError, loadCopy, makeAnnotatorCopy, parseCorpusFile } from './copies';
import { main } from '../cli/index';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'Officials said 62 soldiers died.';
const span = (who: string, label: string, start: number, end: number, id = `${who}-${label}-${start}`): Span => ({
  id, label, start, end, text: TEXT.slice(start, end), annotator: who, createdAt: T, updatedAt: T,
});
const doc = (spans: Span[]): Document => ({ id: 'd1', title: 'Strike', source: {}, text: TEXT, status: 'done', spans, relations: [] });
const corpus = (...documents: Document[]): Corpus => ({ schemaVersion: SCHEMA_VERSION, id: 'c', name: 'Korvany', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents });

const ann = corpus(doc([span('ann', 'actor', 0, 9), span('ann', 'claim', 15, 31), span('ann', 'figure', 15, 26)]));
const bob = corpus(doc([span('bob', 'actor', 0, 9), span('bob', 'claim', 15, 32), span('bob', 'figure', 15, 26)]));

describe('agreeFromCorpora', () => {
  it('prints per-label F1 and κ, and α', () => {
    const { text, report, csv } = agreeFromCorpora([
      { annotator: 'ann', corpus: ann },
      { annotator: 'bob', corpus: bob },
    ]);
    // exact: actor and figure match, claim 15–31 vs 15–32 does not → tp 2, fp 1, fn 1 → F1 4/6
    expect(report.pairs[0]!.micro.exact.f1).toBeCloseTo(2 / 3, 12);
    expect(text).toMatch(/ann × bob — 1 shared document\n/);
    expect(text).toMatch(/claim\s+1\s+1\s+0\.000\s+1\.000\s+0\.667/); // κ on 6 tokens: ann 3, bob 4 marked → 2/3
    expect(text).toMatch(/actor\s+1\s+1\s+1\.000\s+1\.000\s+1\.000/);
    expect(text).toMatch(/all labels\s+3\s+3\s+0\.667\s+1\.000/);
    expect(text).toMatch(/Krippendorff's α/);
    expect(csv.split('\r\n')[0]).toBe('section,annotator_a,annotator_b,document,label,metric,value,tp,fp,fn,n');
  });
  it('keeps two copies with one annotator name apart', () => {
    const { report } = agreeFromCorpora([
      { annotator: 'ann', corpus: ann },
      { annotator: 'ann', corpus: bob },
    ]);
    expect(report.annotators).toEqual(['ann', 'ann (2)']);
  });
});

describe('annotatorOf', () => {
  it('takes the most common span annotator, never "unknown", ties alphabetically', () => {
    const mixed = corpus(doc([span('sample', 'actor', 0, 9), span('bob', 'claim', 15, 31), span('bob', 'figure', 15, 26), span('unknown', 'figure', 15, 17), span('unknown', 'claim', 0, 5), span('unknown', 'actor', 0, 3)]));
    expect(annotatorOf(mixed, 'file')).toBe('bob');
    expect(annotatorOf(corpus(doc([span('zed', 'actor', 0, 9), span('amy', 'claim', 15, 31)])), 'file')).toBe('amy');
    expect(annotatorOf(corpus(doc([span('unknown', 'actor', 0, 9)])), 'copy-3')).toBe('copy-3');
    expect(annotatorOf(corpus(), 'copy-3')).toBe('copy-3');
  });
});

describe('parseCorpusFile', () => {
  it('reads a single-file corpus and explains what is wrong with others', () => {
    expect(parseCorpusFile(JSON.stringify(ann), 'a.json').documents).toHaveLength(1);
    expect(() => parseCorpusFile('{', 'a.json')).toThrow(/not valid JSON/);
    expect(() => parseCorpusFile('{}', 'a.json')).toThrow(/no valid schemaVersion/);
    expect(() => parseCorpusFile(JSON.stringify({ ...ann, schemaVersion: 99 }), 'a.json')).toThrow(/newer Spanmark/);
    expect(() => parseCorpusFile(JSON.stringify({ ...ann, documents: 'x' }), 'a.json')).toThrow(CopyError);
  });
});

describe('loading copies from disk (no processes spawned)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'spanmark-agree-'));
    await writeFile(path.join(dir, 'ann.json'), JSON.stringify(ann));
    const store = await CorpusStore.create(path.join(dir, 'bob-folder'), { name: 'Korvany' });
    await store.addDocuments(bob.documents);
    await store.close();
    await writeFile(path.join(dir, 'empty.json'), JSON.stringify(corpus()));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a JSON file and a corpus folder', async () => {
    const a = await loadCopy(path.join(dir, 'ann.json'));
    const b = await loadCopy(path.join(dir, 'bob-folder'));
    expect([a.annotator, b.annotator]).toEqual(['ann', 'bob']);
    expect((await loadCopy(path.join(dir, 'empty.json'))).annotator).toBe('empty');
    await expect(loadCopy(path.join(dir, 'nope.json'))).rejects.toThrow(CopyError);
  });

  it('runs through the CLI entry point and writes the CSV', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const csvPath = path.join(dir, 'out.csv');
    const code = await main(['node', 'spanmark', 'agree', path.join(dir, 'ann.json'), path.join(dir, 'bob-folder'), '--csv', csvPath], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/ann × bob/);
    expect(await readFile(csvPath, 'utf8')).toMatch(/^section,annotator_a/);
  });

  it('refuses a single copy with a usage error', async () => {
    const err: string[] = [];
    const code = await main(['node', 'spanmark', 'agree', path.join(dir, 'ann.json')], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/at least two copies/);
  });
});

describe('makeAnnotatorCopy', () => {
  it('copies documents, schema and ids with no spans or relations, all todo, and refuses a folder with files in it', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spanmark-copy-'));
    try {
      const source = { ...ann, name: 'Korvany', documents: ann.documents.map((d) => ({ ...d, status: 'done' as const })) };
      expect(source.documents.some((d) => d.spans.length > 0)).toBe(true);
      const out = path.join(root, 'for-maria');
      const made = await makeAnnotatorCopy(source, out, 'maria');
      expect(made.documents).toBe(source.documents.length);
      const store = await CorpusStore.open(out, { readOnly: true });
      const copy = await store.readAll();
      await store.close();
      expect(copy.id).toBe(source.id);
      expect(copy.name).toBe('Korvany — maria');
      expect(copy.schema).toEqual(source.schema);
      expect(copy.documents.map((d) => [d.id, d.title, d.text, d.status, d.spans.length, d.relations.length])).toEqual(source.documents.map((d) => [d.id, d.title, d.text, 'todo', 0, 0]));
      // on disk too, as a lead would hand it over
      const manifest = JSON.parse(await readFile(path.join(out, 'corpus.json'), 'utf8')) as { id: string };
      expect(manifest.id).toBe(source.id);

      const busy = path.join(root, 'busy');
      await mkdir(busy);
      await writeFile(path.join(busy, 'notes.txt'), 'mine');
      await expect(makeAnnotatorCopy(source, busy, 'maria')).rejects.toThrow(/not empty/);
      expect(await readFile(path.join(busy, 'notes.txt'), 'utf8')).toBe('mine');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('spanmark copy', () => {
  it('writes an empty copy for another annotator, and refuses a folder that holds files (exit 2)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'spanmark-copy-cli-'));
    try {
      const src = path.join(root, 'lead');
      const store = await CorpusStore.create(src, { name: 'Korvany' });
      await store.addDocuments(ann.documents);
      await store.close();
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
      expect(await main(['node', 'spanmark', 'copy', src, '--for', 'maria', '--out', path.join(root, 'maria')], io)).toBe(0);
      expect(out.join('\n')).toMatch(/copied 1 document\(s\) without annotations for maria/);
      const copy = await loadCopy(path.join(root, 'maria'));
      expect(copy.corpus.documents.map((d) => [d.id, d.spans.length, d.status])).toEqual([['d1', 0, 'todo']]);
      expect(await main(['node', 'spanmark', 'copy', src, '--for', 'maria', '--out', src], io)).toBe(2);
      expect(err.join('\n')).toMatch(/not empty/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
