import { describe, expect, it } from 'vitest';
import { cpSlice } from '../text/offsets';
import { goldenCorpus } from './__fixtures__/golden';
import { exportHf } from './hf';
import { exportSpacy } from './spacy';

const lines = (d: string | Uint8Array) => (d as string).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
type Off = { start: number; end: number; label: string };

describe('spaCy export', () => {
  it('writes outermost ents, every span in spans.sc, and tokens that tile the text', () => {
    const corpus = goldenCorpus();
    const out = exportSpacy(corpus);
    const [d1] = lines(out.files[0]!.data) as { text: string; ents: Off[]; spans: { sc: Off[] }; tokens: { start: number; end: number }[] }[];
    const doc = corpus.documents[0]!;
    expect(d1!.text).toBe(doc.text);
    expect(d1!.spans.sc).toHaveLength(doc.spans.length);
    for (const s of d1!.spans.sc) expect(doc.spans.some((x) => x.start === s.start && x.end === s.end && x.label === s.label)).toBe(true);
    const ents = d1!.ents.map((e) => `${e.label}:${cpSlice(doc.text, e.start, e.end)}`);
    expect(ents).toContain('claim:The strike 🚀 killed 62 servicemen');
    expect(ents).not.toContain('figure:62 servicemen');
    for (let i = 1; i < d1!.ents.length; i++) expect(d1!.ents[i]!.start).toBeGreaterThanOrEqual(d1!.ents[i - 1]!.end);
    // spaCy rebuilds text from tokens + single trailing spaces: check that holds
    let rebuilt = '';
    d1!.tokens.forEach((t, i) => {
      rebuilt += cpSlice(doc.text, t.start, t.end);
      const next = d1!.tokens[i + 1];
      if (next && next.start > t.end) rebuilt += ' ';
      else if (!next && t.end < [...doc.text].length) rebuilt += ' ';
    });
    expect(rebuilt).toBe(doc.text);
    // every ent starts and ends on a token boundary
    const starts = new Set(d1!.tokens.map((t) => t.start));
    const ends = new Set(d1!.tokens.map((t) => t.end));
    for (const e of d1!.spans.sc) expect(starts.has(e.start) && ends.has(e.end)).toBe(true);
  });
});

describe('Hugging Face export', () => {
  it('writes tokens, BIO ner_tags and the full span list', () => {
    const corpus = goldenCorpus();
    const out = exportHf(corpus, { offsets: 'utf16' });
    const [d1] = lines(out.files[0]!.data) as { tokens: string[]; ner_tags: string[]; spans: (Off & { text: string })[] }[];
    expect(d1!.tokens.length).toBe(d1!.ner_tags.length);
    const i = d1!.tokens.indexOf('according');
    expect(d1!.ner_tags.slice(i, i + 3)).toEqual(['B-attribution', 'I-attribution', 'B-actor']);
    expect(d1!.tokens.slice(0, 2)).toEqual(['Президент', '👩‍👩‍👧']);
    expect(d1!.ner_tags.slice(0, 2)).toEqual(['B-actor', 'I-actor']);
    const text = corpus.documents[0]!.text;
    for (const s of d1!.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(d1!.spans).toHaveLength(corpus.documents[0]!.spans.length);
  });
});

describe('awkward spans in spaCy and Hugging Face exports (issue 12 items 10, 11, 13)', () => {
  const T = '2024-01-01T00:00:00.000Z';
  const text = 'Jane Smith said a café (cafe\u0301) fed a family 👩‍👩‍👧 today.';
  const mk = (id: string, label: string, start: number, end: number) => ({ id, label, start, end, text: cpSlice(text, start, end), annotator: 'a', createdAt: T, updatedAt: T });
  const cp = (needle: string) => [...text.slice(0, text.indexOf(needle))].length;
  const corpus = () => ({
    ...goldenCorpus(),
    documents: [
      {
        id: 'd',
        title: 't',
        source: {},
        text,
        status: 'todo' as const,
        spans: [
          mk('trailing', 'actor', 0, 11), // "Jane Smith " as a Label Studio selection keeps it
          mk('cut-accent', 'place', cp('cafe\u0301'), cp('cafe\u0301') + 4),
          mk('one-person', 'actor', cp('👩'), cp('👩') + 1),
          mk('space', 'claim', 10, 11),
        ],
        relations: [],
      },
    ],
  });

  /** What spaCy's Doc.from_json does: every ent and span must start at a token's start and end at a token's end (char_span, strict). */
  function e1039(row: { ents: Off[]; spans: { sc: Off[] }; tokens: { start: number; end: number }[] }): string[] {
    const starts = new Set(row.tokens.map((t) => t.start));
    const ends = new Set(row.tokens.map((t) => t.end));
    return [...row.ents, ...row.spans.sc].filter((s) => !starts.has(s.start) || !ends.has(s.end)).map((s) => `${s.label} ${s.start}-${s.end}`);
  }

  it('spaCy: no span that Doc.from_json would refuse (E1039): edge spaces trimmed, clusters whole, whitespace-only left out; each reported', () => {
    const out = exportSpacy(corpus());
    const [row] = lines(out.files[0]!.data) as { ents: Off[]; spans: { sc: Off[] }; tokens: { start: number; end: number }[] }[];
    expect(e1039(row!)).toEqual([]);
    expect(row!.spans.sc.map((s) => `${s.label}:${cpSlice(text, s.start, s.end)}`)).toEqual(['actor:Jane Smith', 'place:cafe\u0301', 'actor:👩‍👩‍👧']);
    const warned = out.warnings.join('\n');
    expect(warned).toMatch(/d\/trailing: span "Jane Smith " starts or ends with whitespace; trimmed/);
    expect(warned).toMatch(/d\/cut-accent: .* cuts a character cluster/);
    expect(warned).toMatch(/d\/one-person: .* cuts a character cluster/);
    expect(warned).toMatch(/d\/space: span " " is only whitespace/);
  });

  it('Hugging Face: rows carry the text, so spans resolve from the dataset; a cut cluster is tagged whole and reported', () => {
    const out = exportHf(corpus());
    const [row] = lines(out.files[0]!.data) as { text: string; tokens: string[]; ner_tags: string[]; spans: (Off & { text: string })[] }[];
    expect(row!.text).toBe(text);
    for (const s of row!.spans) expect(cpSlice(row!.text, s.start, s.end)).toBe(s.text);
    const tagged = row!.tokens.map((t, i) => `${t}/${row!.ner_tags[i]}`);
    expect(tagged).toContain('cafe\u0301/B-place');
    expect(tagged).toContain('👩‍👩‍👧/B-actor');
    expect(out.warnings.filter((w) => /cuts a character cluster/.test(w))).toHaveLength(2);
  });
});

