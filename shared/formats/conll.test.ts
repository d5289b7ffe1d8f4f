import { describe, expect, it } from 'vitest';
import type { Corpus, Document } from '../model/schema';
import { cpSlice } from '../text/offsets';
import { at, goldenCorpus, project } from './__fixtures__/golden';
import { exportConll, importConll } from './conll';

const str = (d: string | Uint8Array) => (typeof d === 'string' ? d : new TextDecoder().decode(d));
const T = '2024-01-01T00:00:00.000Z';

/** Text already in CoNLL's shape (single spaces, one sentence per line), so a round trip is exact. */
function tokenCorpus(): Corpus {
  const text = 'Президент 👩‍👩‍👧 said : “ The strike 🚀 killed 62 servicemen , ” according to officials .\nمرحبا بالعالم — a café ( cafe\u0301 ) closed .\nNo spans here';
  const mk = (id: string, label: string, needle: string, nth = 1) => {
    const { start, end } = at(text, needle, nth);
    return { id, label, start, end, text: cpSlice(text, start, end), annotator: 'a', createdAt: T, updatedAt: T };
  };
  const doc: Document = {
    id: 'd1',
    title: 't',
    source: {},
    text,
    status: 'todo',
    spans: [
      mk('s1', 'actor', 'Президент 👩‍👩‍👧'),
      mk('s2', 'claim', 'The strike 🚀 killed 62 servicemen'),
      mk('s3', 'figure', '62 servicemen'),
      mk('s4', 'actor', 'strike 🚀 killed 62'),
      mk('s5', 'attribution', 'according to'),
      mk('s6', 'actor', 'officials'),
      mk('s7', 'claim', 'مرحبا بالعالم'),
      mk('s8', 'figure', 'cafe\u0301'),
      mk('s9', 'claim', 'killed 62'),
      // adjacent spans with the same label must stay two spans
      mk('s10', 'figure', 'a', 4),
      mk('s11', 'figure', 'café'),
    ],
    relations: [],
  };
  const g = goldenCorpus();
  return { ...g, documents: [doc, { ...doc, id: 'd2', text: 'Second doc .', spans: [mk('x', 'claim', 'Президент')].map((s) => ({ ...s, start: 0, end: 6, text: 'Second' })) }] };
}

describe('CoNLL codec', () => {
  it('round-trips nested, crossing and adjacent spans exactly when the text is token-shaped', () => {
    const corpus = tokenCorpus();
    const out = exportConll(corpus);
    expect(out.warnings).toEqual([]);
    const back = importConll([{ name: 'c.conll', text: str(out.files[0]!.data) }]);
    expect(back.problems).toEqual([]);
    expect(back.documents.map((d) => project(d))).toEqual(corpus.documents.map((d) => project(d)));
  });

  it('writes one column per label layer, a blank line between sentences and -DOCSTART- per document', () => {
    const text = str(exportConll(tokenCorpus()).files[0]!.data);
    const lines = text.split('\n');
    expect(lines[0]).toBe('-DOCSTART-');
    // columns: claim ×2 (the claim and the nested "killed 62"), actor, figure, attribution (schema order)
    expect(lines).toContain('killed\tI-claim\tB-claim\tI-actor\tO\tO');
    expect(lines).toContain('62\tI-claim\tI-claim\tI-actor\tB-figure\tO');
    expect(lines).toContain('according\tO\tO\tO\tO\tB-attribution');
    expect(lines.filter((l) => l === '-DOCSTART-')).toHaveLength(2);
    expect(lines[lines.findIndex((l) => l.startsWith('.\t')) + 1]).toBe('');
  });

  it('keeps span texts of real text (CRLF, emoji) though whitespace is rebuilt', () => {
    const corpus = goldenCorpus();
    const back = importConll([{ name: 'g.conll', text: str(exportConll(corpus).files[0]!.data) }]);
    expect(back.problems).toEqual([]);
    const labelled = (d: Document) => d.spans.map((s) => `${s.label}:${s.text}`).sort();
    expect(back.documents.map(labelled)).toEqual(corpus.documents.map(labelled));
    expect(back.documents[0]!.text).not.toContain('\r');
  });

  it('flattens to the outermost or innermost spans on request', () => {
    const corpus = tokenCorpus();
    for (const nested of ['outermost', 'innermost'] as const) {
      const out = exportConll(corpus, { nested });
      const lines = str(out.files[0]!.data).split('\n');
      // innermost keeps "killed 62" over the longer "62 servicemen" it crosses
      expect(lines.find((l) => l.startsWith('servicemen\t'))).toBe(nested === 'outermost' ? 'servicemen\tI-claim' : 'servicemen\tO');
      expect(out.warnings.some((w) => /overlapping/.test(w))).toBe(true);
    }
  });

  it('reads CoNLL-2003 with POS and chunk columns, IOB1 and BIOES', () => {
    const text = [
      '-DOCSTART- -X- -X- O',
      '',
      'EU NNP B-NP I-ORG',
      'rejects VBZ B-VP O',
      'German JJ B-NP I-MISC',
      'call NN I-NP O',
      '. . O O',
      '',
      'Peter NNP B-NP B-PER',
      'Blackburn NNP I-NP I-PER',
      '',
      '-DOCSTART- -X- -X- O',
      '',
      'New NNP B-NP B-LOC',
      'York NNP I-NP E-LOC',
      'Paris NNP I-NP S-LOC',
    ].join('\n');
    const r = importConll([{ name: 'eng.train', text }]);
    expect(r.problems).toEqual([]);
    expect(r.documents).toHaveLength(2);
    expect(r.documents[0]!.text).toBe('EU rejects German call .\nPeter Blackburn');
    expect(r.documents[0]!.spans.map((s) => [s.label, s.text])).toEqual([
      ['ORG', 'EU'],
      ['MISC', 'German'],
      ['PER', 'Peter Blackburn'],
    ]);
    expect(r.documents[1]!.spans.map((s) => [s.label, s.text])).toEqual([
      ['LOC', 'New York'],
      ['LOC', 'Paris'],
    ]);
  });

  it('reports ragged lines and tagless files with file and line', () => {
    const r = importConll([{ name: 'x.conll', text: 'a\tO\tO\nb\tB-claim\n' }]);
    expect(r.problems[0]).toMatchObject({ file: 'x.conll', line: 2 });
    const r2 = importConll([{ name: 'y.conll', text: 'a\tNN\nb\tVB\n' }]);
    expect(r2.problems[0]!.message).toMatch(/no column of BIO tags/);
  });
});
