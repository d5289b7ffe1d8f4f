import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { goldenCorpus, project } from './__fixtures__/golden';
import { bratZip, exportBrat, importBrat } from './brat';
import type { OutputFile } from './types';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`./__fixtures__/brat/${name}`, import.meta.url), 'utf8') });
const str = (d: string | Uint8Array) => (typeof d === 'string' ? d : new TextDecoder().decode(d));

function reimport(files: OutputFile[]) {
  const byBase = new Map<string, OutputFile[]>();
  for (const f of files) {
    if (f.path === 'annotation.conf') continue;
    const base = f.path.replace(/\.(txt|ann)$/, '');
    byBase.set(base, [...(byBase.get(base) ?? []), f]);
  }
  return [...byBase.values()].map((pair) => importBrat(pair.map((f) => ({ name: f.path, text: str(f.data) }))));
}

describe('brat codec', () => {
  it('round-trips text, spans, relations, notes and attributes', () => {
    const corpus = goldenCorpus();
    const out = exportBrat(corpus);
    const back = reimport(out.files);
    for (const r of back) expect(r.problems).toEqual([]);
    const opts = { note: true, attributes: true };
    expect(back.map((r) => project(r.documents[0]!, opts))).toEqual(corpus.documents.map((d) => project(d, opts)));
  });

  it('writes the documented line shapes and an annotation.conf', () => {
    const out = exportBrat(goldenCorpus());
    const ann = str(out.files.find((f) => f.path === 'doc-1.ann')!.data).split('\n');
    expect(ann).toContain('T1\tactor 0 15\tПрезидент 👩‍👩‍👧');
    expect(ann).toContain('R1\tsource Arg1:T5 Arg2:T6');
    expect(ann).toContain('A1\tcertainty T2 high');
    expect(ann).toContain('A2\tnegated T2');
    expect(ann).toContain('#1\tAnnotatorNotes T2\tcontested, see AP');
    const conf = str(out.files.find((f) => f.path === 'annotation.conf')!.data);
    expect(conf).toContain('[entities]\nclaim\nactor\nfigure\nattribution');
    expect(conf).toContain('source\tArg1:attribution, Arg2:actor');
  });

  it('zips the files', () => {
    const out = exportBrat(goldenCorpus());
    const unzipped = unzipSync(bratZip(out.files));
    expect(Object.keys(unzipped).sort()).toEqual(['annotation.conf', 'doc-1.ann', 'doc-1.txt', 'doc-2.ann', 'doc-2.txt']);
    expect(strFromU8(unzipped['doc-1.txt']!)).toBe(corpus0Text());
  });

  it('reads a hand-written brat pair', () => {
    const r = importBrat([fixture('strike.txt'), fixture('strike.ann')]);
    expect(r.problems).toEqual([]);
    const d = r.documents[0]!;
    expect(d.title).toBe('strike');
    expect(d.spans.map((s) => [s.label, s.start, s.end, s.text])).toEqual([
      ['figure', 17, 30, '62 servicemen'],
      ['attribution', 37, 49, 'according to'],
      ['actor', 50, 62, 'the Ministry'],
      ['claim', 17, 35, '62 servicemen died'],
      ['actor', 64, 76, 'Министерство'],
      ['claim', 0, 9, 'Officials'],
      ['claim', 15, 16, '🚀'],
    ]);
    expect(d.spans[3]!.attributes).toEqual({ Negated: true });
    expect(d.spans[0]!.attributes).toEqual({ Certainty: 'low' });
    expect(d.spans[0]!.note).toBe('official figure, unconfirmed');
    const text = new Map(d.spans.map((s) => [s.id, s.text]));
    expect(d.relations.map((x) => [x.type, text.get(x.from), text.get(x.to)])).toEqual([
      ['source', 'according to', 'the Ministry'],
      ['content', 'according to', '62 servicemen died'],
    ]);
    expect(r.warnings.map((w) => w.line)).toEqual([11, 12]);
    expect(r.warnings[0]!.message).toMatch(/discontinuous/);
  });

  it('reports bad lines with file and line', () => {
    const r = importBrat([
      { name: 'a.txt', text: 'abc def' },
      { name: 'a.ann', text: 'T1\tclaim 0 3\tabc\nT2\tclaim 4 99\tdef\ngarbage\nT3\tclaim 4 7\txyz\nR1\tsource Arg1:T1 Arg2:T9\n' },
    ]);
    expect(r.problems.map((p) => [p.file, p.line])).toEqual([
      ['a.ann', 2],
      ['a.ann', 3],
      ['a.ann', 4],
      ['a.ann', 5],
    ]);
  });

  it('imports a .txt without .ann as an unannotated document', () => {
    const r = importBrat([{ name: 'only.txt', text: 'hello' }]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.spans).toEqual([]);
  });
});

function corpus0Text(): string {
  return goldenCorpus().documents[0]!.text;
}
