import { SCHEMA_VERSION, type Corpus, type Document, type Span } from '../../model/schema';
import { DEFAULT_SCHEMA } from '../../model/defaults';
import { documentProblems } from '../../model/validate';
import { cpLength, cpSlice } from '../../text/offsets';

/**
 * The golden corpus for round-trip tests: non-BMP emoji (a ZWJ family and
 * a rocket), a combining accent, CRLF line ends, Cyrillic and Arabic,
 * nested and crossing spans, relations, notes and attributes.
 */

const T = '2024-01-01T00:00:00.000Z';

/** Code point offsets of the n-th occurrence of `needle` in `text`. */
export function at(text: string, needle: string, nth = 1): { start: number; end: number } {
  let from = -1;
  for (let i = 0; i < nth; i++) {
    from = text.indexOf(needle, from + 1);
    if (from < 0) throw new Error(`"${needle}" not found`);
  }
  const start = cpLength(text.slice(0, from));
  return { start, end: start + cpLength(needle) };
}

function span(doc: { text: string }, id: string, label: string, needle: string, extra: Partial<Span> = {}, nth = 1): Span {
  const { start, end } = at(doc.text, needle, nth);
  return { id, label, start, end, text: cpSlice(doc.text, start, end), annotator: 'alice', createdAt: T, updatedAt: T, ...extra };
}

export const TEXT_1 =
  'Президент 👩‍👩‍👧 said:\r\n“The strike 🚀 killed 62 servicemen,” according to officials.\r\nمرحبا بالعالم — a café (cafe\u0301) closed.';

export const TEXT_2 = 'Short text.\nSecond line 🚀 ends here.';

function doc1(): Document {
  const d = { text: TEXT_1 };
  const spans: Span[] = [
    span(d, 's1', 'actor', 'Президент 👩‍👩‍👧'),
    span(d, 's2', 'claim', 'The strike 🚀 killed 62 servicemen', { note: 'contested, see AP', attributes: { certainty: 'high', negated: true } }),
    span(d, 's3', 'figure', '62 servicemen', { annotator: 'bob' }),
    // crosses s3 without nesting in it
    span(d, 's4', 'actor', 'strike 🚀 killed 62'),
    span(d, 's5', 'attribution', 'according to'),
    span(d, 's6', 'actor', 'officials'),
    span(d, 's7', 'claim', 'مرحبا بالعالم'),
    span(d, 's8', 'figure', 'cafe\u0301'),
    // same range, different label
    span(d, 's9', 'claim', '62 servicemen', { annotator: 'bob' }),
  ];
  return {
    id: 'doc-1',
    title: 'Strike report',
    source: { fileName: 'strike.txt', outlet: 'Example News' },
    text: TEXT_1,
    status: 'done',
    spans,
    relations: [
      { id: 'r1', type: 'source', from: 's5', to: 's6', annotator: 'alice', createdAt: T },
      { id: 'r2', type: 'content', from: 's5', to: 's2', annotator: 'alice', createdAt: T },
    ],
    updatedAt: T,
  };
}

function doc2(): Document {
  const d = { text: TEXT_2 };
  return {
    id: 'doc-2',
    title: 'Second',
    source: {},
    text: TEXT_2,
    status: 'todo',
    spans: [span(d, 'a1', 'figure', '🚀', { annotator: 'bob' })],
    relations: [],
  };
}

export function goldenCorpus(): Corpus {
  const corpus: Corpus = {
    schemaVersion: SCHEMA_VERSION,
    id: 'c-golden',
    name: 'Golden',
    schema: DEFAULT_SCHEMA,
    guidelines: '',
    createdAt: T,
    updatedAt: T,
    documents: [doc1(), doc2()],
  };
  for (const d of corpus.documents) {
    const p = documentProblems(d, corpus.schema);
    if (p.length) throw new Error(`golden corpus is invalid: ${JSON.stringify(p)}`);
  }
  return corpus;
}

export interface ProjectOptions {
  annotator?: boolean;
  note?: boolean;
  attributes?: boolean;
  title?: boolean;
  status?: boolean;
}

/**
 * The information a format carries, in a comparable shape: spans by
 * offsets, label and text (ids differ after a round trip), relations by
 * the spans they join.
 */
export function project(doc: Document, opts: ProjectOptions = {}) {
  const key = (id: string) => {
    const s = doc.spans.find((x) => x.id === id);
    return s ? `${s.start}-${s.end}-${s.label}` : `missing:${id}`;
  };
  const spans = doc.spans
    .map((s) => ({
      start: s.start,
      end: s.end,
      label: s.label,
      text: s.text,
      ...(opts.annotator ? { annotator: s.annotator } : {}),
      ...(opts.note && s.note !== undefined ? { note: s.note } : {}),
      ...(opts.attributes && s.attributes !== undefined ? { attributes: s.attributes } : {}),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.label.localeCompare(b.label));
  const relations = doc.relations.map((r) => `${r.type}:${key(r.from)}->${key(r.to)}`).sort();
  return {
    text: doc.text,
    ...(opts.title ? { title: doc.title } : {}),
    ...(opts.status ? { status: doc.status } : {}),
    spans,
    relations,
  };
}
