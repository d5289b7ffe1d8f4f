import type { FileProblem } from '../ipc/contract';
import { newId } from '../model/ids';
import type { Document, Relation, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import type { ImportResult, OffsetUnit } from './types';

/** Helpers shared by the codecs: building documents and spans from foreign files. */

export function now(): string {
  return new Date().toISOString();
}

export function newDocument(init: { title: string; text: string; fileName: string; format: string; id?: string }): Document {
  return {
    id: init.id ?? newId('d'),
    title: init.title,
    source: { fileName: init.fileName, format: init.format },
    text: init.text,
    status: 'todo',
    spans: [],
    relations: [],
  };
}

/** Title fallback: the file name without folders or extension. */
export function baseTitle(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || base;
}

export function makeSpan(index: OffsetIndex, init: { label: string; start: number; end: number; annotator?: string; id?: string; note?: string; attributes?: Span['attributes'] }): Span {
  const t = now();
  return {
    id: init.id ?? newId('s'),
    label: init.label,
    start: init.start,
    end: init.end,
    text: index.slice(init.start, init.end),
    annotator: init.annotator ?? 'unknown',
    createdAt: t,
    updatedAt: t,
    ...(init.note !== undefined ? { note: init.note } : {}),
    ...(init.attributes !== undefined ? { attributes: init.attributes } : {}),
  };
}

export function makeRelation(init: { type: string; from: string; to: string; annotator?: string }): Relation {
  return { id: newId('r'), type: init.type, from: init.from, to: init.to, annotator: init.annotator ?? 'unknown', createdAt: now() };
}

/**
 * Reads an offset pair written in `unit` and returns code points, or a
 * reason it cannot be a span of this text. UTF-16 offsets that split a
 * surrogate pair are rejected rather than rounded: they mean the file was
 * written against different text.
 */
export function toCodePoints(index: OffsetIndex, start: unknown, end: unknown, unit: OffsetUnit): { start: number; end: number } | string {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `offsets must be integers, got ${JSON.stringify(start)}–${JSON.stringify(end)}`;
  const s = start as number;
  const e = end as number;
  const length = unit === 'utf16' ? index.utf16Length : index.cpLength;
  if (s < 0 || e > length) return `span ${s}–${e} lies outside the text (${length} ${unit === 'utf16' ? 'UTF-16 units' : 'characters'})`;
  if (s >= e) return `span ${s}–${e} is empty or reversed`;
  if (unit === 'codepoint') return { start: s, end: e };
  const cs = index.toCodePoint(s, 'start');
  const ce = index.toCodePoint(e, 'end');
  if (index.toUtf16(cs) !== s || index.toUtf16(ce) !== e) return `UTF-16 span ${s}–${e} splits a surrogate pair`;
  return { start: cs, end: ce };
}

export function fromCodePoints(index: OffsetIndex, start: number, end: number, unit: OffsetUnit): { start: number; end: number } {
  return unit === 'utf16' ? { start: index.toUtf16(start), end: index.toUtf16(end) } : { start, end };
}

const SPACE = /^\s$/u;

/**
 * The range without whitespace at its edges, or null when nothing else is
 * left. spaCy's `Doc.char_span` cannot align a span that starts or ends
 * with a space (E1039), and a word selected in Label Studio often keeps one.
 */
export function trimWhitespace(index: OffsetIndex, r: { start: number; end: number }): { start: number; end: number } | null {
  const chars = [...index.slice(r.start, r.end)];
  let lead = 0;
  while (lead < chars.length && SPACE.test(chars[lead]!)) lead++;
  let trail = 0;
  while (trail < chars.length - lead && SPACE.test(chars[chars.length - 1 - trail]!)) trail++;
  return lead + trail < chars.length ? { start: r.start + lead, end: r.end - trail } : null;
}

/** Assembles an ImportResult, collecting the label and relation names used. */
export function result(documents: Document[], problems: FileProblem[], warnings: FileProblem[] = []): ImportResult {
  const labels = new Set<string>();
  const types = new Set<string>();
  for (const d of documents) {
    for (const s of d.spans) labels.add(s.label);
    for (const r of d.relations) types.add(r.type);
  }
  return { documents, labels: [...labels].sort(), relationTypes: [...types].sort(), problems, warnings };
}

/** 1-based line of a character offset, for JSON parse errors. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Line of a JSON.parse SyntaxError, from the position V8 reports. */
export function jsonErrorLine(text: string, err: unknown): number | undefined {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (pos) return lineAt(text, Number(pos[1]));
  const lc = /line (\d+)/.exec(msg);
  if (lc) return Number(lc[1]);
  if (/Unexpected end of JSON/.test(msg)) return lineAt(text, text.length);
  // V8 sometimes quotes the surroundings instead of a position: `Unexpected token '}', ..."nts": [\n  }" is not valid JSON`
  const quoted = /Unexpected token '([^']*)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(msg);
  if (quoted) {
    const at = text.indexOf(quoted[2]!);
    if (at >= 0) return lineAt(text, at + Math.max(0, quoted[2]!.indexOf(quoted[1]!)));
  }
  return undefined;
}

export function parseJson(file: { name: string; text: string }): { ok: true; value: unknown } | { ok: false; problem: FileProblem } {
  try {
    return { ok: true, value: JSON.parse(file.text) };
  } catch (err) {
    const line = jsonErrorLine(file.text, err);
    return { ok: false, problem: { file: file.name, ...(line !== undefined ? { line } : {}), message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** Line on which a JSON value for `key` equal to `value` first appears; a best effort for pointing at a record. */
export function lineOfJsonValue(text: string, key: string, value: string | number): number | undefined {
  const needle = new RegExp(`"${key}"\\s*:\\s*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const m = needle.exec(text);
  return m ? lineAt(text, m.index) : undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Stable file-system-safe name for a document, unique within one export. */
export function safeFileNames(ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    const base = id.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 100) || 'doc';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    used.add(name.toLowerCase());
    out.set(id, name);
  }
  return out;
}
