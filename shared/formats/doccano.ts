import type { FileProblem } from '../ipc/contract';
import { DocumentStatus, type Corpus, type Document } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { baseTitle, fromCodePoints, isRecord, makeRelation, makeSpan, newDocument, result, toCodePoints } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult, ImportOptions, ImportResult, TextFile } from './types';

/**
 * doccano JSONL, one document per line. Reads both export shapes:
 *   {"text": …, "label": [[start, end, "claim"], …]}              (sequence labeling;
 *                                                                   `"labels"` in doccano 1.x)
 *   {"text": …, "entities": [{id, label, start_offset, end_offset}],
 *    "relations": [{id, from_id, to_id, type}]}                    (with relations)
 * and writes the second. doccano's server is Python and stores offsets as
 * Python string indices, i.e. code points; the default here matches, and
 * `offsets: 'utf16'` reads or writes JavaScript-style offsets instead for
 * files produced by older front-end-only tooling.
 *
 * doccano keeps every column it does not know as the example's metadata,
 * so we do too: `meta` and unknown keys go to `document.meta` and are
 * written back as top-level keys. A key that looks like annotations but is
 * not one of the shapes above is kept that way too and warned about, so
 * spans are never dropped without a word.
 */

/** keys we read or write ourselves; everything else is metadata */
const KNOWN_KEYS = new Set(['text', 'title', 'status', 'annotator', 'label', 'labels', 'entities', 'relations', 'id', 'document_id', 'Comments', 'meta']);
const LOOKS_LIKE_ANNOTATIONS = /label|entit|annot|span|relation|tag|^ents$|^cats$|comment/i;
/** never copied into an object by name (prototype pollution) */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DOC_ID = /^[^\s/\\]{1,200}$/;

export function importDoccano(files: TextFile[], opts: ImportOptions = {}): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const unit = opts.offsets ?? 'codepoint';
  const problems: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const documents: Document[] = [];
  const records = readRecords(file, problems);
  const many = records.length > 1;
  for (const { line, value } of records) {
    const problem = (message: string) => problems.push({ file: file.name, ...(line !== undefined ? { line } : {}), message });
    const warn = (message: string) => warnings.push({ file: file.name, ...(line !== undefined ? { line } : {}), message });
    if (!isRecord(value) || typeof value.text !== 'string') {
      problem('each record needs a "text" string');
      continue;
    }
    const text = value.text;
    const title = typeof value.title === 'string' ? value.title : many && line !== undefined ? `${baseTitle(file.name)} ${line}` : baseTitle(file.name);
    // our own exports write the Spanmark id as document_id; reading it back keeps ids stable across a round trip
    const id = typeof value.document_id === 'string' && DOC_ID.test(value.document_id) ? value.document_id : undefined;
    const doc = newDocument({ title, text, fileName: file.name, format: 'doccano', ...(id ? { id } : {}) });
    const meta = metadataOf(value, warn);
    if (meta) doc.meta = meta;
    // our own exports carry the status as metadata; other doccano files have none
    const status = DocumentStatus.safeParse(value.status);
    if (status.success) doc.status = status.data;
    const index = new OffsetIndex(text);
    const annotator = typeof value.annotator === 'string' ? value.annotator : opts.annotator;
    const byEntityId = new Map<unknown, string>();
    const addSpan = (label: unknown, start: unknown, end: unknown, entityId?: unknown): void => {
      if (typeof label !== 'string' || label === '') return void problem(`label must be a non-empty string, got ${JSON.stringify(label)}`);
      const range = toCodePoints(index, start, end, unit);
      if (typeof range === 'string') return void problem(`${label}: ${range}`);
      const span = makeSpan(index, { label, ...range, ...(annotator ? { annotator } : {}) });
      doc.spans.push(span);
      if (entityId !== undefined) {
        if (byEntityId.has(entityId)) problem(`duplicate entity id ${JSON.stringify(entityId)}`);
        byEntityId.set(entityId, span.id);
      }
    };
    for (const key of ['label', 'labels'] as const) {
      const list = value[key];
      if (list === undefined) continue;
      // a list of names is doccano's text classification: labels of the whole document, which we have no place for
      if (Array.isArray(list) && list.every((item) => typeof item === 'string')) {
        if (list.length) warn(`"${key}": ${JSON.stringify(list)} are labels of the whole document (text classification); not imported`);
        continue;
      }
      if (!Array.isArray(list)) {
        problem(`"${key}" must be a list of [start, end, label], got ${JSON.stringify(list).slice(0, 80)}`);
        continue;
      }
      for (const item of list) {
        if (!Array.isArray(item) || item.length < 3) problem(`"${key}" items must be [start, end, label], got ${JSON.stringify(item)}`);
        else addSpan(item[2], item[0], item[1]);
      }
    }
    if (value.entities !== undefined && !Array.isArray(value.entities)) problem('"entities" must be a list');
    for (const e of Array.isArray(value.entities) ? value.entities : []) {
      if (!isRecord(e)) problem(`entity must be an object, got ${JSON.stringify(e)}`);
      else addSpan(e.label, e.start_offset, e.end_offset, e.id);
    }
    if (value.relations !== undefined && !Array.isArray(value.relations)) problem('"relations" must be a list');
    for (const r of Array.isArray(value.relations) ? value.relations : []) {
      if (!isRecord(r) || typeof r.type !== 'string' || r.type === '') {
        problem(`relation needs a "type": ${JSON.stringify(r)}`);
        continue;
      }
      const from = byEntityId.get(r.from_id);
      const to = byEntityId.get(r.to_id);
      if (!from || !to) problem(`relation ${JSON.stringify(r.id)} points to a missing entity (${JSON.stringify(r.from_id)} → ${JSON.stringify(r.to_id)})`);
      else doc.relations.push(makeRelation({ type: r.type, from, to, ...(annotator ? { annotator } : {}) }));
    }
    documents.push(doc);
  }
  return result(documents, problems, warnings);
}

/** `meta` and every key we do not read, as doccano keeps them; keys that look like annotations are warned about. */
function metadataOf(value: Record<string, unknown>, warn: (message: string) => void): Record<string, unknown> | undefined {
  const meta: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const put = (key: string, v: unknown) => {
    if (UNSAFE_KEYS.has(key)) return warn(`key ${JSON.stringify(key)} ignored`);
    meta[key] = v;
  };
  if (isRecord(value.meta)) for (const [k, v] of Object.entries(value.meta)) put(k, v);
  else if (value.meta !== undefined) put('meta', value.meta);
  for (const [k, v] of Object.entries(value)) {
    if (KNOWN_KEYS.has(k)) continue;
    if (LOOKS_LIKE_ANNOTATIONS.test(k) && v !== null && typeof v === 'object') warn(`"${k}" looks like annotations but is not a shape Spanmark reads (doccano's "label"/"labels" or "entities"/"relations"); kept as document metadata, no spans made from it`);
    put(k, v);
  }
  return Object.keys(meta).length ? { ...meta } : undefined;
}

/** JSONL records with their line numbers; a JSON array (doccano's "JSON" export) is read too. */
function readRecords(file: TextFile, problems: FileProblem[]): { line: number | undefined; value: unknown }[] {
  const trimmed = file.text.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const arr = JSON.parse(file.text) as unknown;
      if (Array.isArray(arr)) return arr.map((value) => ({ line: undefined, value }));
    } catch {
      // fall through: maybe JSONL whose first record happens to be an array; each line reports its own error
    }
  }
  const out: { line: number | undefined; value: unknown }[] = [];
  const lines = file.text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      // V8 counts from the start of the string it parsed, i.e. this line: "(line 1 column 14)" would contradict our line number
      const message = (err instanceof Error ? err.message : String(err)).replace(/ \(line 1 column (\d+)\)/, ' (column $1)');
      problems.push({ file: file.name, line: i + 1, message: `not valid JSON: ${message}` });
    }
  });
  return out;
}

export function exportDoccano(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const unit = opts.offsets ?? 'codepoint';
  let nextEntity = 1;
  let nextRelation = 1;
  let spans = 0;
  const lines = filtered.documents.map((doc, i) => {
    const index = new OffsetIndex(doc.text);
    const ids = new Map<string, number>();
    const entities = doc.spans.map((s) => {
      const id = nextEntity++;
      ids.set(s.id, id);
      const { start, end } = fromCodePoints(index, s.start, s.end, unit);
      return { id, label: s.label, start_offset: start, end_offset: end };
    });
    spans += entities.length;
    const relations = doc.relations.map((r) => ({ id: nextRelation++, from_id: ids.get(r.from), to_id: ids.get(r.to), type: r.type }));
    // doccano keeps unknown keys as metadata, so title and status travel along
    const own = { id: i + 1, text: doc.text, title: doc.title, document_id: doc.id, status: doc.status, entities, relations, Comments: [] };
    const meta = Object.fromEntries(Object.entries(doc.meta ?? {}).filter(([k]) => !KNOWN_KEYS.has(k) && !UNSAFE_KEYS.has(k)));
    return JSON.stringify({ ...meta, ...own });
  });
  return { files: [{ path: 'corpus.doccano.jsonl', data: lines.join('\n') + (lines.length ? '\n' : '') }], documents: filtered.documents.length, spans, warnings: [] };
}

export const doccanoCodec: Codec = { id: 'doccano', extension: '.jsonl', import: importDoccano, export: exportDoccano };
