import { strToU8, zipSync } from 'fflate';
import type { FileProblem } from '../ipc/contract';
import type { Corpus, Document, Span } from '../model/schema';
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
const RELATION = /^(R\d+)\t(\S+) (\S+):(T\d+) (\S+):(T\d+)\s*$/;
const ATTRIBUTE = /^([AM]\d+)\t(\S+) (T\d+)(?: (\S+))?\s*$/;
const NOTE = /^(#\d+)\t(\S+) (T\d+)\t?(.*)$/;

/** brat writes newlines inside a span as spaces in the .ann text column */
const flat = (s: string) => s.replace(/\r\n|\r|\n/g, ' ');

export function importBrat(files: TextFile[], opts: ImportOptions = {}): ImportResult {
  const txt = files.find((f) => !f.name.endsWith('.ann'));
  const ann = files.find((f) => f.name.endsWith('.ann'));
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  if (!txt) return result([], [{ file: ann?.name ?? 'brat', message: 'a brat .ann file needs its .txt file beside it (same name)' }]);
  const doc = newDocument({ title: baseTitle(txt.name), text: txt.text, fileName: txt.name, format: 'brat' });
  if (!ann) return result([doc], []);
  const index = new OffsetIndex(txt.text);
  const annotator = opts.annotator ?? 'unknown';
  const entities = new Map<string, Span[]>();
  const deferred: { line: number; apply: () => void }[] = [];
  const problem = (line: number, message: string) => problems.push({ file: ann.name, line, message });

  ann.text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let m: RegExpExecArray | null;
    if ((m = ENTITY.exec(raw))) {
      const [, id, label, ranges, text] = m as unknown as [string, string, string, string, string];
      if (entities.has(id)) return problem(line, `duplicate id ${id}`);
      const fragments = ranges.split(';').map((r) => r.split(' ').map(Number) as [number, number]);
      const spans: Span[] = [];
      for (const [start, end] of fragments) {
        if (!(start < end) || end > index.cpLength) return problem(line, `${id}: offsets ${start}–${end} lie outside the text (${index.cpLength} characters) or are empty`);
        spans.push(makeSpan(index, { label, start, end, annotator }));
      }
      const covered = flat(spans.map((s) => s.text).join(' '));
      if (covered !== flat(text)) return problem(line, `${id}: text ${JSON.stringify(text)} does not match ${JSON.stringify(covered)} at ${ranges} (wrong .txt file or offsets?)`);
      if (spans.length > 1) warnings.push({ file: ann.name, line, message: `${id} is discontinuous (${ranges}); imported as ${spans.length} separate "${label}" spans` });
      entities.set(id, spans);
      doc.spans.push(...spans);
    } else if ((m = RELATION.exec(raw))) {
      const [, id, type, , a, , b] = m as unknown as [string, string, string, string, string, string, string];
      deferred.push({
        line,
        apply: () => {
          const from = entities.get(a)?.[0];
          const to = entities.get(b)?.[0];
          if (!from || !to) problem(line, `${id} points to a missing entity (${a} → ${b})`);
          else doc.relations.push(makeRelation({ type, from: from.id, to: to.id, annotator }));
        },
      });
    } else if ((m = ATTRIBUTE.exec(raw))) {
      const [, , name, target, value] = m as unknown as [string, string, string, string, string | undefined];
      deferred.push({
        line,
        apply: () => {
          const spans = entities.get(target);
          if (!spans) return problem(line, `attribute ${name} points to a missing entity ${target}`);
          for (const s of spans) s.attributes = { ...s.attributes, [name]: value ?? true };
        },
      });
    } else if ((m = NOTE.exec(raw))) {
      const [, , , target, note] = m as unknown as [string, string, string, string, string];
      deferred.push({
        line,
        apply: () => {
          const spans = entities.get(target);
          if (!spans) return problem(line, `note points to a missing entity ${target}`);
          for (const s of spans) s.note = s.note ? `${s.note}\n${note}` : note;
        },
      });
    } else if (/^[EN*]\d*\t/.test(raw)) {
      warnings.push({ file: ann.name, line, message: `${raw.split('\t')[0]}: events, normalizations and equivalences are not supported; line skipped` });
    } else {
      problem(line, `not a brat annotation line: ${JSON.stringify(raw.slice(0, 80))}`);
    }
  });
  // relations, attributes and notes may precede the entity they refer to
  for (const d of deferred) d.apply();
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
    lines.push(`${id}\t${rename(s.label)} ${s.start} ${s.end}\t${flat(s.text)}`);
  });
  doc.relations.forEach((r, i) => lines.push(`R${i + 1}\t${rename(r.type)} Arg1:${tid.get(r.from)} Arg2:${tid.get(r.to)}`));
  let a = 0;
  let n = 0;
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
  return ['[entities]', ...labels, '', '[relations]', ...rel, '', '[events]', '', '[attributes]', ...attrs, ''].join('\n');
}

/** The same files in one zip, for a single download. */
export function bratZip(files: OutputFile[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f.path] = typeof f.data === 'string' ? strToU8(f.data) : f.data;
  return zipSync(entries, { level: 6 });
}

export const bratCodec: Codec = { id: 'brat', extension: '.ann', import: importBrat, export: exportBrat };
