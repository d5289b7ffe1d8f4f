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

  it('reads CoNLL-2003 POS and chunk columns with a warning that names them', () => {
    const r = importConll([{ name: 'eng.testa', text: 'EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n' }]);
    expect(r.problems).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(["columns 2–3 (POS and chunk tags, as in CoNLL-2003) not imported; only the last column's entity tags are read"]);
  });
});

const T2 = '2024-01-01T00:00:00.000Z';
function oneDoc(text: string, spans: [string, string, number?][]): Corpus {
  const doc: Document = {
    id: 'd',
    title: 't',
    source: {},
    text,
    status: 'todo',
    spans: spans.map(([label, needle, nth], i) => {
      const { start, end } = at(text, needle, nth ?? 1);
      return { id: `s${i}`, label, start, end, text: cpSlice(text, start, end), annotator: 'a', createdAt: T2, updatedAt: T2 };
    }),
    relations: [],
  };
  return { ...goldenCorpus(), documents: [doc] };
}

/** Sentences of a CoNLL file as lists of tokens. */
const sentencesOf = (conll: string) =>
  conll
    .split('\n\n')
    .map((block) => block.split('\n').filter((l) => l && l !== '-DOCSTART-').map((l) => l.split('\t')[0]!))
    .filter((s) => s.length);

describe('CoNLL tokens and sentences (issue 12 item 12)', () => {
  it('keeps abbreviations whole, does not end a sentence inside "U.S.-led" or before a closing quote', () => {
    const corpus = oneDoc('The U.S.-led coalition said “62 servicemen died.” Officials in the U.S. Senate disagreed. Mr. Smith left.', [
      ['actor', 'U.S.-led coalition'],
      ['figure', '62 servicemen'],
      ['actor', 'U.S. Senate'],
    ]);
    const out = str(exportConll(corpus).files[0]!.data);
    expect(sentencesOf(out)).toEqual([
      ['The', 'U.S.-led', 'coalition', 'said', '“', '62', 'servicemen', 'died', '.', '”'],
      ['Officials', 'in', 'the', 'U.S.', 'Senate', 'disagreed', '.'],
      ['Mr.', 'Smith', 'left', '.'],
    ]);
  });

  it('writes the two-column token<TAB>tag form that doccano\'s CoNLL reader takes, and reads it back', () => {
    const corpus = tokenCorpus();
    const out = exportConll(corpus, { conllColumns: 2 });
    const text = str(out.files[0]!.data);
    // doccano: every non-blank line is exactly two tab-separated fields, and the tags are valid IOB2
    const bad: string[] = [];
    let prev = 'O';
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return void (prev = 'O');
      const fields = line.split('\t');
      if (fields.length !== 2) bad.push(`${i + 1}: ${line}`);
      const tag = fields[1] ?? '';
      if (!/^(O|[BI]-\S+)$/.test(tag) || (tag.startsWith('I-') && prev.slice(2) !== tag.slice(2))) bad.push(`${i + 1}: ${tag} after ${prev}`);
      prev = tag;
    });
    expect(bad).toEqual([]);
    expect(text).not.toContain('-DOCSTART-');
    expect(out.warnings.some((w) => /overlapping span\(s\) left out \(outermost kept\)/.test(w))).toBe(true);
    const back = importConll([{ name: 'two.conll', text }]);
    expect(back.problems).toEqual([]);
    const labelled = (d: Document) => d.spans.map((x) => `${x.label}:${x.text}`);
    expect(back.documents.flatMap(labelled).sort()).toEqual(['actor:Президент 👩‍👩‍👧', 'attribution:according to', 'actor:officials', 'claim:The strike 🚀 killed 62 servicemen', 'claim:مرحبا بالعالم', 'figure:cafe\u0301', 'figure:a', 'figure:café', 'claim:Second'].sort());
  });
});

describe('character clusters (issue 12 item 11)', () => {
  // "cafe\u0301": a span ending before the accent cuts the é; one person of the family cuts the emoji sequence
  const corpus = () =>
    oneDoc('A café (cafe\u0301) and a family 👩‍👩‍👧 moved.', [
      ['place', 'cafe'],
      ['actor', '👩'],
    ]);

  it('CoNLL never cuts a cluster: the span is exported over the whole cluster and reported', () => {
    const out = exportConll(corpus());
    const text = str(out.files[0]!.data);
    expect(text.split('\n')).toContain('cafe\u0301\tO\tB-place');
    expect(text.split('\n')).toContain('👩‍👩‍👧\tB-actor\tO');
    expect(out.warnings.filter((w) => /cuts a character cluster/.test(w))).toHaveLength(2);
    expect(out.warnings.join('\n')).not.toMatch(/only whitespace/);
    const back = importConll([{ name: 'c.conll', text }]);
    expect(back.documents[0]!.spans.map((x) => x.text)).toEqual(['cafe\u0301', '👩‍👩‍👧']);
  });
});
