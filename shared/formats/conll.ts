import type { FileProblem } from '../ipc/contract';
import type { Corpus, Document, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { isAbbreviation, sentenceStarts, type Token } from '../text/tokenize';
import { alignToGraphemes, bioTags, flatten, layersByLabel, tokensFor } from './bio';
import { baseTitle, makeSpan, newDocument, result } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult, ImportOptions, ImportResult, TextFile } from './types';

/**
 * CoNLL-style BIO (IOB2): one token per line, tab-separated tag columns,
 * a blank line between sentences, `-DOCSTART-` before each document.
 *
 *   -DOCSTART-
 *
 *   according	B-attribution	O
 *   to	I-attribution	O
 *   officials	O	B-actor
 *
 * CoNLL has no text, only tokens, so it loses the original whitespace and
 * line breaks: import rebuilds the text by joining tokens with one space
 * and sentences with "\n". Offsets are therefore those of the rebuilt text.
 * It also has no relations, notes, annotators or titles.
 *
 * Nested and overlapping spans: by default ('layers') each label gets its
 * own tag column, and a label whose spans nest or cross within itself gets
 * more than one, so nothing is lost. 'outermost' or 'innermost' write a
 * single column, keeping the longest or shortest of overlapping spans and
 * reporting the dropped ones.
 *
 * Import accepts any number of tag columns (each decoded on its own), IOB1
 * (I- opening a span), BIOES, space- or tab-separated fields, and
 * CoNLL-2003's `token POS chunk NER` (only the last column is read when the
 * second is not a tag column).
 */

const TAG = /^(O|[BIES]-\S+)$/;

export function exportConll(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const twoColumns = opts.conllColumns === 2;
  // the two-column form has one tag column, so nested spans are flattened
  const policy = opts.nested && opts.nested !== 'layers' ? opts.nested : twoColumns ? 'outermost' : 'layers';
  const warnings: string[] = [];
  if (opts.offsets === 'utf16') warnings.push('CoNLL has no offsets; the offsets option was ignored');
  if (twoColumns && filtered.documents.length > 1) warnings.push('two-column CoNLL has no -DOCSTART- lines (doccano and most two-column readers refuse them): documents are separated by a blank line like sentences');
  const layout = layersByLabel(filtered.documents, corpus.schema.labels.map((l) => l.name));
  const out: string[] = [];
  let spanCount = 0;
  for (const doc of filtered.documents) {
    let layers: Span[][];
    if (policy === 'layers') layers = layout.assign(doc).map((l) => l.spans);
    else {
      const { kept, dropped } = flatten(doc.spans, policy);
      if (dropped.length) warnings.push(`${doc.id}: ${dropped.length} overlapping span(s) left out (${policy} kept)`);
      layers = [kept];
    }
    layers = layers.map((l) => alignToGraphemes(doc, l, warnings));
    const exported = layers.flat();
    spanCount += exported.length;
    const tokens = tokensFor(doc, exported);
    const unplaced: Span[] = [];
    const columns = layers.map((l) => bioTags(tokens, l, unplaced));
    for (const s of unplaced) warnings.push(`${doc.id}/${s.id}: span ${JSON.stringify(s.text)} covers only whitespace; left out`);
    if (!twoColumns) out.push('-DOCSTART-', '');
    for (const sentence of sentences(doc.text, tokens, exported)) {
      for (let i = sentence[0]!; i < sentence[1]!; i++) out.push([tokens[i]!.text, ...columns.map((c) => c[i]!)].join('\t'));
      out.push('');
    }
  }
  return { files: [{ path: 'corpus.conll', data: out.join('\n') }], documents: filtered.documents.length, spans: spanCount, warnings };
}

/**
 * Sentences as [first, end) token index ranges: a break where ICU's
 * sentence rules put one (not after an abbreviation such as "U.S.") or
 * at a line break, never inside a span. One pass over tokens and spans.
 */
function sentences(text: string, tokens: Token[], spans: Span[]): [number, number][] {
  const starts = sentenceStarts(text);
  const lineBreaks: number[] = [];
  let cp = 0;
  for (const ch of text) {
    if (ch === '\n' || ch === '\r') lineBreaks.push(cp);
    cp++;
  }
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  let nextSpan = 0;
  let reach = -1; // furthest end of the spans that start before the current gap
  let nextBreak = 0;
  const out: [number, number][] = [];
  let first = 0;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    while (nextSpan < byStart.length && byStart[nextSpan]!.start < t.end) reach = Math.max(reach, byStart[nextSpan++]!.end);
    while (nextBreak < lineBreaks.length && lineBreaks[nextBreak]! < t.end) nextBreak++;
    const lineBreak = nextBreak < lineBreaks.length && lineBreaks[nextBreak]! < next.start;
    let sentenceEnd = false;
    for (let p = t.end; p <= next.start && !sentenceEnd; p++) sentenceEnd = starts.has(p);
    const boundary = lineBreak || (sentenceEnd && !isAbbreviation(t.text));
    if (boundary && reach <= next.start) {
      out.push([first, i + 1]);
      first = i + 1;
    }
  }
  if (first < tokens.length) out.push([first, tokens.length]);
  return out;
}

interface Row {
  line: number;
  token: string;
  tags: string[];
}

export function importConll(files: TextFile[], opts: ImportOptions = {}): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const problems: FileProblem[] = [];
  // documents → sentences → rows
  const docs: Row[][][] = [[]];
  let sentence: Row[] = [];
  const endSentence = () => {
    if (sentence.length) docs[docs.length - 1]!.push(sentence);
    sentence = [];
  };
  let width = -1;
  file.text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return endSentence();
    const fields = raw.includes('\t') ? raw.split('\t') : raw.trim().split(/ +/);
    if (fields[0] === '-DOCSTART-') {
      endSentence();
      if (docs[docs.length - 1]!.length) docs.push([]);
      return;
    }
    if (width >= 0 && fields.length !== width) return void problems.push({ file: file.name, line, message: `expected ${width} columns like the lines before, found ${fields.length}` });
    width = fields.length;
    sentence.push({ line, token: fields[0]!, tags: fields.slice(1) });
  });
  endSentence();
  const rows = docs.flat(2);
  const tagColumns = pickTagColumns(rows, width - 1);
  if (typeof tagColumns === 'string') return result([], [...problems, { file: file.name, message: tagColumns }]);
  const warnings: FileProblem[] = [];
  const skipped = width - 1 - tagColumns.length;
  // CoNLL-2003's POS and chunk columns have no place in a span corpus: say so rather than drop them quietly
  if (skipped > 0) warnings.push({ file: file.name, message: `column${skipped > 1 ? `s 2–${skipped + 1}` : ' 2'} (${skipped === 2 ? 'POS and chunk tags, as in CoNLL-2003' : 'not BIO tags'}) not imported; only the last column's entity tags are read` });

  const documents: Document[] = [];
  const nonEmpty = docs.filter((d) => d.length);
  nonEmpty.forEach((sentences, d) => {
    const title = nonEmpty.length > 1 ? `${baseTitle(file.name)} ${d + 1}` : baseTitle(file.name);
    const positions: { start: number; end: number; row: Row; sentence: number }[] = [];
    const parts: string[] = [];
    let cp = 0;
    sentences.forEach((sent, si) => {
      if (si > 0) {
        parts.push('\n');
        cp += 1;
      }
      sent.forEach((row, ri) => {
        if (ri > 0) {
          parts.push(' ');
          cp += 1;
        }
        const len = [...row.token].length;
        positions.push({ start: cp, end: cp + len, row, sentence: si });
        parts.push(row.token);
        cp += len;
      });
    });
    const doc = newDocument({ title, text: parts.join(''), fileName: file.name, format: 'conll' });
    const index = new OffsetIndex(doc.text);
    for (const col of tagColumns) {
      const state: { open: { label: string; start: number; end: number; sentence: number } | null } = { open: null };
      const close = () => {
        const o = state.open;
        if (o) doc.spans.push(makeSpan(index, { label: o.label, start: o.start, end: o.end, ...(opts.annotator ? { annotator: opts.annotator } : {}) }));
        state.open = null;
      };
      for (const p of positions) {
        const tag = p.row.tags[col]!;
        const prefix = tag[0];
        const label = tag.slice(2);
        // a sentence break always ends a span
        if (state.open && state.open.sentence !== p.sentence) close();
        if (tag === 'O') close();
        else if (state.open && (prefix === 'I' || prefix === 'E') && state.open.label === label) state.open.end = p.end;
        else {
          // B-, S-, or an I- that opens a span (IOB1, or a stray I- after O)
          close();
          state.open = { label, start: p.start, end: p.end, sentence: p.sentence };
        }
        if (prefix === 'S' || prefix === 'E') close();
      }
      close();
    }
    doc.spans.sort((a, b) => a.start - b.start || b.end - a.end);
    documents.push(doc);
  });
  return result(documents, problems, warnings);
}

/** Which fields after the token hold tags; CoNLL-2003 keeps POS and chunk before NER. */
function pickTagColumns(rows: Row[], count: number): number[] | string {
  if (count <= 0) return [];
  const isTagColumn = (c: number) => rows.every((r) => TAG.test(r.tags[c] ?? ''));
  const all = Array.from({ length: count }, (_, c) => c);
  if (isTagColumn(0)) {
    const bad = all.find((c) => !isTagColumn(c));
    return bad === undefined ? all : `column ${bad + 2} holds something other than BIO tags (O, B-label, I-label)`;
  }
  return isTagColumn(count - 1) ? [count - 1] : 'no column of BIO tags (O, B-label, I-label) found';
}

export const conllCodec: Codec = { id: 'conll', extension: '.conll', import: importConll, export: exportConll };
