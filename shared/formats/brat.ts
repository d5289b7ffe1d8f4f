import { strToU8, zipSync } from 'fflate';
import type { FileProblem } from '../ipc/contract';
import type { Corpus, Document, Relation, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { baseTitle, makeRelation, makeSpan, newDocument, result, safeFileNames } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult, ImportOptions, ImportResult, OutputFile, TextFile } from './types';

/**
 * brat standoff: `name.txt` holds the text, `name.ann` one annotation per line:
 *   T1<TAB>claim 10 42<TAB>the covered text     (discontinuous: `10 20;25 42`)
 *   R1<TAB>source Arg1:T3 Arg2:T1
 *   A1<TAB>Negated T1            A2<TAB>Certainty T1 high
 *   #1<TAB>AnnotatorNotes T1<TAB>free text
 * brat's server is Python and counts offsets in characters of the decoded
 * text, i.e. code points (on a "wide" Python build; every Python 3 is one),
 * and keeps CRLF as two characters. There is no offsets option: a brat
 * file with UTF-16 offsets is not brat.
 *
 * Discontinuous entities have no counterpart in our model; each fragment
 * is imported as its own span with the same label (relations, notes and
 * attributes follow the first fragment) and a warning says so.
 */

const ENTITY = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/;
const RELATION = /^(R\d+)\t(\S+) (\S+):(\S+) (\S+):(\S+)\s*$/;
const ATTRIBUTE = /^([AM]\d+)\t(\S+) (\S+)(?: (\S+))?\s*$/;
const NOTE = /^(#[A-Za-z]*\d+)\t(\S+) (\S+)\t?(.*)$/;
/** events, normalizations, equivalences: not in our model, skipped with a warning */
const SKIPPED = /^([EN]\d+|\*\d*)\t/;

/** brat writes newlines inside a span as spaces in the .ann text column */
const flat = (s: string) => s.replace(/\r\n|\r|\n/g, ' ');
/** the gap between two fragments of one span that crossed a line break, as brat (and our export) writes it */
const LINE_GAP = /^[^\S\r\n]*(?:\r\n|\r|\n)\s*$/;

export function importBrat(files: TextFile[], opts: ImportOptions = {}): ImportResult {
  const txt = files.find((f) => !f.name.endsWith('.ann'));
  const ann = files.find((f) => f.name.endsWith('.ann'));
  if (!txt) return result([], [{ file: ann?.name ?? 'brat', message: 'a brat .ann file needs its .txt file beside it (same name)' }]);
  if (!ann) return result([newDocument({ title: baseTitle(txt.name), text: txt.text, fileName: txt.name, format: 'brat' })], []);
  if (!txt.utf8Bom) return readAnn(txt, ann, 0, opts);
  // brat reads the .txt with Python's utf-8 codec, which keeps a byte order mark as character 0; we strip it,
  // so offsets written by brat are one too high. A file written by a tool that skipped the mark reads as is.
  const shifted = readAnn(txt, ann, 1, opts);
  if (!shifted.problems.length) {
    shifted.warnings.unshift({ file: txt.name, message: `${txt.name} starts with a byte order mark, which brat counts as character 0; it was removed and the offsets moved back by one` });
    return shifted;
  }
  const plain = readAnn(txt, ann, 0, opts);
  return plain.problems.length ? shifted : plain;
}

function readAnn(txt: TextFile, ann: TextFile, shift: number, opts: ImportOptions): ImportResult {
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const doc = newDocument({ title: baseTitle(txt.name), text: txt.text, fileName: txt.name, format: 'brat' });
  const index = new OffsetIndex(txt.text);
  const annotator = opts.annotator ?? 'unknown';
  const entities = new Map<string, Span[]>();
  const relations = new Map<string, Relation>();
  /** ids of lines we skip (events, normalizations…): what points at them is skipped too, with a warning */
  const skipped = new Set<string>();
  const deferredRelations: (() => void)[] = [];
  const deferred: (() => void)[] = [];
  const problem = (line: number, message: string) => problems.push({ file: ann.name, line, message });
  const warn = (line: number, message: string) => warnings.push({ file: ann.name, line, message });
  const otherNoteTypes = new Set<string>();

  ann.text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let m: RegExpExecArray | null;
    if ((m = ENTITY.exec(raw))) {
      const [, id, label, ranges, text] = m as unknown as [string, string, string, string, string];
      if (entities.has(id)) return problem(line, `duplicate id ${id}`);
      const fragments = ranges.split(';').map((r) => r.split(' ').map((n) => Number(n) - shift) as [number, number]);
      for (const [start, end] of fragments) {
        if (!(start < end) || start < 0 || end > index.cpLength) return problem(line, `${id}: offsets ${start + shift}–${end + shift} lie outside the text (${index.cpLength + shift} characters) or are empty`);
      }
      const covered = flat(fragments.map(([start, end]) => index.slice(start, end)).join(' '));
      if (covered !== flat(text)) return problem(line, `${id}: text ${JSON.stringify(text)} does not match ${JSON.stringify(covered)} at ${ranges} (wrong .txt file or offsets?)`);
      // fragments split only by a line break are one span that crossed lines (brat cannot draw one)
      const merged: [number, number][] = [];
      for (const f of fragments) {
        const last = merged[merged.length - 1];
        if (last && f[0] >= last[1] && LINE_GAP.test(index.slice(last[1], f[0]))) last[1] = f[1];
        else merged.push([f[0], f[1]]);
      }
      const spans = merged.map(([start, end]) => makeSpan(index, { label, start, end, annotator }));
      if (spans.length > 1) warn(line, `${id} is discontinuous (${ranges}); imported as ${spans.length} separate "${label}" spans`);
      entities.set(id, spans);
      doc.spans.push(...spans);
    } else if ((m = RELATION.exec(raw))) {
      const [, id, type, , a, , b] = m as unknown as [string, string, string, string, string, string, string];
      deferredRelations.push(() => {
        const from = entities.get(a)?.[0];
        const to = entities.get(b)?.[0];
        if (from && to) {
          const r = makeRelation({ type, from: from.id, to: to.id, annotator });
          relations.set(id, r);
          doc.relations.push(r);
        } else if (skipped.has(a) || skipped.has(b)) {
          skipped.add(id);
          warn(line, `${id} points to ${skipped.has(a) ? a : b}, which was skipped; line skipped`);
        } else problem(line, `${id} points to a missing entity (${a} → ${b})`);
      });
    } else if ((m = ATTRIBUTE.exec(raw))) {
      const [, id, name, target, value] = m as unknown as [string, string, string, string, string | undefined];
      deferred.push(() => {
        const spans = entities.get(target);
        if (spans) for (const s of spans) s.attributes = { ...s.attributes, [name]: value ?? true };
        else if (skipped.has(target) || relations.has(target)) warn(line, `${id}: attribute ${name} of ${target} skipped (attributes are kept on text spans only)`);
        else problem(line, `attribute ${name} points to a missing annotation ${target}`);
      });
    } else if ((m = NOTE.exec(raw))) {
      const [, id, type, target, text] = m as unknown as [string, string, string, string, string];
      deferred.push(() => {
        // AnnotatorNotes is the note; other note types keep their name in front so nothing is lost
        const note = type === 'AnnotatorNotes' ? text : `${type}: ${text}`;
        if (type !== 'AnnotatorNotes' && !otherNoteTypes.has(type)) {
          otherNoteTypes.add(type);
          warn(line, `${id}: note type ${type} kept as a note starting "${type}: "`);
        }
        const spans = entities.get(target);
        const rel = relations.get(target);
        if (spans) for (const s of spans) s.note = s.note ? `${s.note}\n${note}` : note;
        else if (rel) rel.note = rel.note ? `${rel.note}\n${note}` : note;
        else if (skipped.has(target)) warn(line, `${id}: note on ${target}, which was skipped; line skipped`);
        else problem(line, `note points to a missing annotation ${target}`);
      });
    } else if ((m = SKIPPED.exec(raw))) {
      if (m[1] !== '*') skipped.add(m[1]!);
      warn(line, `${m[1]}: events, normalizations and equivalences are not supported; line skipped`);
    } else {
      problem(line, `not a brat annotation line: ${JSON.stringify(raw.slice(0, 80))}`);
    }
  });
  // any line may precede its target; relations first, as attributes and notes may point at them
  for (const apply of [...deferredRelations, ...deferred]) apply();
  return result([doc], problems, warnings);
}

/** brat type names: no whitespace; keep letters, digits, _ and - */
function bratName(name: string): string {
  return name.replace(/[^\p{L}\p{N}_-]+/gu, '_');
}

export function exportBrat(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const warnings: string[] = [];
  if (opts.offsets === 'utf16') warnings.push('brat offsets are always code points; the utf16 option was ignored');
  const names = safeFileNames(filtered.documents.map((d) => d.id));
  const files: OutputFile[] = [];
  const renamed = new Set<string>();
  const rename = (n: string) => {
    const b = bratName(n);
    if (b !== n && !renamed.has(n)) {
      renamed.add(n);
      warnings.push(`"${n}" written as "${b}": brat type names cannot contain spaces or punctuation`);
    }
    return b;
  };
  const attributeValues = new Map<string, Set<string>>();
  let spanCount = 0;
  for (const doc of filtered.documents) {
    const name = names.get(doc.id)!;
    files.push({ path: `${name}.txt`, data: doc.text });
    files.push({ path: `${name}.ann`, data: annLines(doc, rename, attributeValues, warnings).join('\n') + (doc.spans.length ? '\n' : '') });
    spanCount += doc.spans.length;
  }
  files.push({ path: 'annotation.conf', data: annotationConf(filtered, rename, attributeValues) });
  return { files, documents: filtered.documents.length, spans: spanCount, warnings };
}

function annLines(doc: Document, rename: (n: string) => string, attributeValues: Map<string, Set<string>>, warnings: string[]): string[] {
  const lines: string[] = [];
  const tid = new Map<string, string>();
  doc.spans.forEach((s, i) => {
    const id = `T${i + 1}`;
    tid.set(s.id, id);
    const fragments = lineFragments(s);
    lines.push(`${id}\t${rename(s.label)} ${fragments.map((f) => `${f.start} ${f.end}`).join(';')}\t${flat(fragments.map((f) => f.text).join(' '))}`);
  });
  let n = 0;
  doc.relations.forEach((r, i) => {
    lines.push(`R${i + 1}\t${rename(r.type)} Arg1:${tid.get(r.from)} Arg2:${tid.get(r.to)}`);
    if (r.note) lines.push(`#${++n}\tAnnotatorNotes R${i + 1}\t${flat(r.note)}`);
  });
  let a = 0;
  for (const s of doc.spans) {
    for (const [key, value] of Object.entries(s.attributes ?? {})) {
      if (value === false || value === null) continue; // absent is false in brat
      const values = attributeValues.get(rename(key)) ?? new Set<string>();
      attributeValues.set(rename(key), values);
      if (value === true) lines.push(`A${++a}\t${rename(key)} ${tid.get(s.id)}`);
      else if (/\s/.test(String(value))) warnings.push(`${doc.id}/${s.id}: attribute ${key} value ${JSON.stringify(value)} has spaces, which brat cannot store; skipped`);
      else {
        values.add(String(value));
        lines.push(`A${++a}\t${rename(key)} ${tid.get(s.id)} ${String(value)}`);
      }
    }
    if (s.note) lines.push(`#${++n}\tAnnotatorNotes ${tid.get(s.id)}\t${flat(s.note)}`);
  }
  return lines;
}

/**
 * A span as brat can hold it: brat's parser drops a text-bound annotation
 * whose text runs over a line break, so a span that crosses lines is
 * written as a discontinuous one, one fragment per line (line breaks left
 * out), as brat itself saves such a selection. Import joins fragments
 * separated only by a line break back into one span.
 */
export function lineFragments(s: Span): { start: number; end: number; text: string }[] {
  if (!/[\r\n]/.test(s.text)) return [{ start: s.start, end: s.end, text: s.text }];
  const pieces = s.text.split(/((?:\r\n|\r|\n)+)/);
  const out: { start: number; end: number; text: string }[] = [];
  let cp = s.start;
  pieces.forEach((piece, i) => {
    const len = [...piece].length;
    // a line break is cut out only between two pieces of text; one at an edge stays, so the span keeps its bounds
    const inner = i % 2 === 1 && i > 0 && i < pieces.length - 1 && pieces[i - 1] !== '' && pieces[i + 1] !== '';
    const last = out[out.length - 1];
    if (inner || (piece === '' && out.length)) {
      if (inner) out.push({ start: cp + len, end: cp + len, text: '' });
    } else if (last) {
      last.end = cp + len;
      last.text += piece;
    } else out.push({ start: cp, end: cp + len, text: piece });
    cp += len;
  });
  return out.filter((f) => f.end > f.start);
}

/**
 * brat's verifier flags any two overlapping spans unless annotation.conf
 * allows it: `<OVERLAP> Arg1:inner, Arg2:outer, <OVL-TYPE>:contain` (and
 * `equal`, `cross`). One line per pair of labels that nest, coincide or
 * cross in the exported documents, found with one sweep per document.
 */
function overlapRules(docs: Document[], rename: (n: string) => string): string[] {
  const rules = new Map<string, Set<string>>();
  const add = (a: string, b: string, type: string) => {
    const key = `${rename(a)}\t${rename(b)}`;
    const set = rules.get(key) ?? new Set<string>();
    rules.set(key, set.add(type));
  };
  for (const doc of docs) {
    const sorted = [...doc.spans].sort((x, y) => x.start - y.start || y.end - x.end);
    let active: Span[] = [];
    for (const s of sorted) {
      active = active.filter((o) => o.end > s.start);
      for (const o of active) {
        // o starts at or before s and ends after s starts
        if (o.start === s.start && o.end === s.end) add(o.label, s.label, 'equal');
        else if (s.end <= o.end) add(s.label, o.label, 'contain');
        else add(o.label, s.label, 'cross');
      }
      active.push(s);
    }
  }
  return [...rules].map(([pair, types]) => {
    const [a, b] = pair.split('\t');
    return `<OVERLAP>\tArg1:${a}, Arg2:${b}, <OVL-TYPE>:${[...types].sort().join('|')}`;
  });
}

/** The brat project config, so the folder opens in brat with our labels and relation types. */
function annotationConf(corpus: Corpus, rename: (n: string) => string, attributeValues: Map<string, Set<string>>): string {
  const labels = new Set(corpus.schema.labels.map((l) => rename(l.name)));
  const types = new Map(corpus.schema.relationTypes.map((t) => [rename(t.name), t]));
  for (const d of corpus.documents) {
    for (const s of d.spans) labels.add(rename(s.label));
    for (const r of d.relations) if (!types.has(rename(r.type))) types.set(rename(r.type), { name: r.type, from: [], to: [], description: '', color: '#000000' });
  }
  const ends = (list: string[]) => (list.length ? list.map(rename).join('|') : '<ENTITY>');
  const rel = [...types].map(([name, t]) => `${name}\tArg1:${ends(t.from)}, Arg2:${ends(t.to)}`);
  const attrs = [...attributeValues].map(([name, values]) => (values.size ? `${name}\tArg:<ENTITY>, Value:${[...values].join('|')}` : `${name}\tArg:<ENTITY>`));
  const overlaps = overlapRules(corpus.documents, rename);
  return ['[entities]', ...labels, '', '[relations]', ...rel, ...(overlaps.length ? ['', ...overlaps] : []), '', '[events]', '', '[attributes]', ...attrs, ''].join('\n');
}

/** The same files in one zip, for a single download. */
export function bratZip(files: OutputFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path] = typeof f.data === 'string' ? strToU8(f.data) : f.data;
  return zipSync(entries, { level: 6 });
}

export const bratCodec: Codec = { id: 'brat', extension: '.ann', import: importBrat, export: exportBrat };
