import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { goldenCorpus, project } from './__fixtures__/golden';
import { bratZip, exportBrat, importBrat } from './brat';
import type { OutputFile } from './types';
import { decodeText } from '../text/encoding';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`./__fixtures__/brat/${name}`, import.meta.url), 'utf8') });
/** brat files with events, notes on relations, a BOM: kept apart so folder-import tests of brat/ keep their counts */
const more = (name: string) => ({ name, text: readFileSync(new URL(`./__fixtures__/brat-more/${name}`, import.meta.url), 'utf8') });
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

describe('brat files as brat writes them (issue 12)', () => {
  it('skips attributes, modifiers and notes on skipped events with a warning, and keeps notes on relations and other note types', () => {
    const r = importBrat([more('events.txt'), more('events.ann')]);
    expect(r.problems).toEqual([]);
    const d = r.documents[0]!;
    expect(d.spans.map((s) => [s.label, s.text])).toEqual([
      ['actor', 'The minister'],
      ['Statement', 'said'],
      ['figure', '62 soldiers'],
      ['Death', 'died'],
      ['actor', 'Officials'],
      ['Denial', 'did not confirm'],
    ]);
    const text = new Map(d.spans.map((s) => [s.id, s.text]));
    expect(d.relations.map((x) => [x.type, text.get(x.from), text.get(x.to), x.note])).toEqual([['count', 'The minister', '62 soldiers', 'the minister gave the count']]);
    expect(d.spans.find((s) => s.text === '62 soldiers')!.note).toBe('CuratorComment: check against the ministry release');
    const warned = r.warnings.map((w) => `${w.line}: ${w.message}`);
    for (const id of ['E1', 'E2', 'E3', 'N1', '*']) expect(warned.some((w) => w.includes(`${id}: events, normalizations`))).toBe(true);
    for (const line of [10, 11, 13, 14, 15, 17, 20]) expect(warned.some((w) => w.startsWith(`${line}: `))).toBe(true);
    expect(warned.join('\n')).toMatch(/R2 points to E2, which was skipped/);
    expect(warned.join('\n')).toMatch(/note type CuratorComment kept/);
  });

  it('round-trips a note on a relation', () => {
    const r = importBrat([more('events.txt'), more('events.ann')]);
    const corpus = { ...goldenCorpus(), documents: r.documents };
    const [back] = reimport(exportBrat(corpus).files);
    expect(back!.problems).toEqual([]);
    expect(back!.documents[0]!.relations.map((x) => x.note)).toEqual(['the minister gave the count']);
  });

  it('reads a .txt with a byte order mark as brat counts it (the mark is character 0), and shifts the offsets', () => {
    const bytes = readFileSync(new URL('./__fixtures__/brat-more/bom.txt', import.meta.url));
    const decoded = decodeText(bytes, 'bom.txt');
    expect(decoded.utf8Bom).toBe(true);
    const r = importBrat([{ name: 'bom.txt', text: decoded.text, utf8Bom: true }, more('bom.ann')]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.text.startsWith('The strike')).toBe(true);
    expect(r.documents[0]!.spans.map((s) => [s.label, s.start, s.end, s.text])).toEqual([
      ['figure', 18, 31, '62 servicemen'],
      ['claim', 0, 31, 'The strike killed 62 servicemen'],
    ]);
    expect(r.warnings[0]!.message).toMatch(/byte order mark/);
    // written back without the mark, so the offsets of the export are those of the text as stored
    const [back] = reimport(exportBrat({ ...goldenCorpus(), documents: r.documents }).files);
    expect(back!.documents[0]!.spans.map((s) => [s.start, s.end, s.text])).toEqual(r.documents[0]!.spans.map((s) => [s.start, s.end, s.text]));
  });

  it('still reads a BOM .txt whose .ann did not count the mark', () => {
    const r = importBrat([{ name: 'b.txt', text: 'ab cd', utf8Bom: true }, { name: 'b.ann', text: 'T1\tclaim 3 5\tcd\n' }]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.spans[0]!.text).toBe('cd');
  });

  it('writes a span that crosses a line break as one fragment per line, which brat can read, and imports it back as one span', () => {
    const corpus = goldenCorpus();
    const doc = corpus.documents[0]!;
    // "said:\r\n“The strike" crosses the CRLF
    const from = [...doc.text].indexOf('s', 10);
    const text = [...doc.text].slice(from, from + 17).join('');
    expect(text).toBe('said:\r\n“The strik');
    doc.spans = [{ ...doc.spans[0]!, id: 'x', start: from, end: from + 17, text }];
    doc.relations = [];
    const out = exportBrat(corpus);
    const ann = str(out.files.find((f) => f.path === 'doc-1.ann')!.data);
    expect(ann).toBe(`T1\tactor ${from} ${from + 5};${from + 7} ${from + 17}\tsaid: “The strik\n`);
    // brat's rule: each fragment's text is on one line of the .txt
    for (const [a, b] of [[from, from + 5], [from + 7, from + 17]] as const) expect([...doc.text].slice(a, b).join('')).not.toMatch(/[\r\n]/);
    const [back] = reimport(out.files);
    expect(back!.warnings).toEqual([]);
    expect(back!.documents[0]!.spans.map((s) => [s.start, s.end, s.text])).toEqual([[from, from + 17, text]]);
  });

  it('annotation.conf allows every nesting, crossing and identical span the documents hold (<OVERLAP>)', () => {
    const corpus = goldenCorpus();
    const conf = str(exportBrat(corpus).files.find((f) => f.path === 'annotation.conf')!.data);
    const rules = conf
      .split('\n')
      .filter((l) => l.startsWith('<OVERLAP>'))
      .map((l) => /^<OVERLAP>\tArg1:(\S+), Arg2:(\S+), <OVL-TYPE>:(\S+)$/.exec(l)!)
      .map((m) => ({ inner: m[1]!, outer: m[2]!, types: m[3]!.split('|') }));
    const allows = (a: string, b: string, type: string) => rules.some((r) => r.inner === a && r.outer === b && r.types.includes(type));
    // brat's verifier: contain is asked as (inner, outer); equal and cross in either order
    const issues: string[] = [];
    for (const d of corpus.documents) {
      for (const x of d.spans) {
        for (const y of d.spans) {
          if (x === y || !(x.start < y.end && y.start < x.end)) continue;
          if (x.start === y.start && x.end === y.end) {
            if (!allows(x.label, y.label, 'equal') && !allows(y.label, x.label, 'equal')) issues.push(`${x.label} = ${y.label}`);
          } else if (y.start <= x.start && x.end <= y.end) {
            if (!allows(x.label, y.label, 'contain')) issues.push(`${y.label} cannot contain ${x.label}`);
          } else if (!(x.start <= y.start && y.end <= x.end) && !allows(x.label, y.label, 'cross') && !allows(y.label, x.label, 'cross')) issues.push(`${x.label} x ${y.label}`);
        }
      }
    }
    expect(issues).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
    expect(conf).toContain('<OVERLAP>\tArg1:figure, Arg2:claim, <OVL-TYPE>:contain|equal');
  });
});

function corpus0Text(): string {
  return goldenCorpus().documents[0]!.text;
}
