import { OffsetIndex } from '../text/offsets';
import { newId } from './ids';
import type { AnnotationSchema, Document, Relation, Span } from './schema';

/**
 * The annotation operations. Each takes a document and returns a new one
 * (never mutates), so the renderer's undo history can keep snapshots and
 * the same rules run in Node tests. Offsets are code points.
 */

export interface Actor {
  annotator: string;
  now: string;
}

export interface NewSpan {
  label: string;
  start: number;
  end: number;
  id?: string;
  note?: string;
  attributes?: Span['attributes'];
}

export class EditError extends Error {
  constructor(
    readonly code: 'out_of_range' | 'empty' | 'duplicate' | 'bad_relation' | 'unknown_label',
    message: string,
  ) {
    super(message);
  }
}

export function addSpan(doc: Document, input: NewSpan, who: Actor, index = new OffsetIndex(doc.text)): { doc: Document; span: Span } {
  const { start, end } = input;
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end > index.cpLength) {
    throw new EditError('out_of_range', `Span ${start}–${end} is outside the text (0–${index.cpLength}).`);
  }
  if (start >= end) throw new EditError('empty', 'A span must cover at least one character.');
  const dup = doc.spans.find((s) => s.start === start && s.end === end && s.label === input.label);
  if (dup) throw new EditError('duplicate', `This text is already labelled ${input.label}.`);
  const span: Span = {
    id: input.id ?? newId('s_'),
    label: input.label,
    start,
    end,
    text: index.slice(start, end),
    annotator: who.annotator,
    createdAt: who.now,
    updatedAt: who.now,
    ...(input.note ? { note: input.note } : {}),
    ...(input.attributes ? { attributes: input.attributes } : {}),
  };
  return { doc: { ...doc, spans: withSpan(doc.spans, span), updatedAt: who.now }, span };
}

/** Reading order: by start, longer first, then label and id, so every document lists its spans the same way. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
}

export function sortSpans(spans: Span[]): Span[] {
  return spans.slice().sort(compareSpans);
}

/** Where `span` goes in spans kept in reading order (binary search). */
export function sortedPosition(spans: readonly Span[], span: Span): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(spans[mid]!, span) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `spans` (in reading order) with `span` inserted in place: O(n) copy, not an O(n log n) sort per label. */
function withSpan(spans: Span[], span: Span): Span[] {
  const lo = sortedPosition(spans, span);
  const ordered = (lo === 0 || compareSpans(spans[lo - 1]!, span) <= 0) && (lo === spans.length || compareSpans(span, spans[lo]!) <= 0);
  if (!ordered) return sortSpans([...spans, span]);
  const out = spans.slice(0, lo);
  out.push(span);
  for (let i = lo; i < spans.length; i++) out.push(spans[i]!);
  return out;
}

/** Relations that would dangle if `spanIds` went away. */
export function relationsTouching(doc: Document, spanIds: ReadonlySet<string>): Relation[] {
  return doc.relations.filter((r) => spanIds.has(r.from) || spanIds.has(r.to));
}

export function removeSpans(doc: Document, spanIds: Iterable<string>, now: string): Document {
  const ids = new Set(spanIds);
  return {
    ...doc,
    spans: doc.spans.filter((s) => !ids.has(s.id)),
    relations: doc.relations.filter((r) => !ids.has(r.from) && !ids.has(r.to)),
    updatedAt: now,
  };
}

export function updateSpan(doc: Document, spanId: string, patch: Partial<Pick<Span, 'label' | 'note' | 'attributes'>>, who: Actor): Document {
  return {
    ...doc,
    spans: doc.spans.map((s) => {
      if (s.id !== spanId) return s;
      const next: Span = { ...s, ...patch, updatedAt: who.now };
      if (patch.note === '') delete next.note;
      return next;
    }),
    updatedAt: who.now,
  };
}

/** Move a span's boundaries (keyboard grow/shrink). */
export function resizeSpan(doc: Document, spanId: string, start: number, end: number, who: Actor, index = new OffsetIndex(doc.text)): Document {
  if (start < 0 || end > index.cpLength || start >= end) throw new EditError('out_of_range', 'The span would be empty or leave the text.');
  return {
    ...doc,
    spans: sortSpans(doc.spans.map((s) => (s.id === spanId ? { ...s, start, end, text: index.slice(start, end), updatedAt: who.now } : s))),
    updatedAt: who.now,
  };
}

/** Relations that a relabel of `spanId` to `label` would leave pointing at a label their type does not allow. */
export function relationsBrokenByRelabel(doc: Document, schema: AnnotationSchema, spanId: string, label: string): Relation[] {
  return doc.relations.filter((r) => {
    const rt = schema.relationTypes.find((t) => t.name === r.type);
    if (!rt) return false;
    if (r.from === spanId && rt.from.length && !rt.from.includes(label)) return true;
    return r.to === spanId && rt.to.length > 0 && !rt.to.includes(label);
  });
}

export function relationProblem(doc: Document, schema: AnnotationSchema, type: string, from: string, to: string): string | null {
  const rt = schema.relationTypes.find((t) => t.name === type);
  if (!rt) return `Unknown relation type "${type}".`;
  const a = doc.spans.find((s) => s.id === from);
  const b = doc.spans.find((s) => s.id === to);
  if (!a || !b) return 'Both ends of a relation must be existing spans.';
  if (from === to) return 'A span cannot be related to itself.';
  if (rt.from.length && !rt.from.includes(a.label)) return `A ${type} relation must start at ${rt.from.join(' or ')}, not ${a.label}.`;
  if (rt.to.length && !rt.to.includes(b.label)) return `A ${type} relation must point at ${rt.to.join(' or ')}, not ${b.label}.`;
  if (doc.relations.some((r) => r.type === type && r.from === from && r.to === to)) return 'That relation already exists.';
  return null;
}

export function addRelation(doc: Document, schema: AnnotationSchema, input: { type: string; from: string; to: string; id?: string }, who: Actor): { doc: Document; relation: Relation } {
  const problem = relationProblem(doc, schema, input.type, input.from, input.to);
  if (problem) throw new EditError('bad_relation', problem);
  const relation: Relation = { id: input.id ?? newId('r_'), type: input.type, from: input.from, to: input.to, annotator: who.annotator, createdAt: who.now };
  return { doc: { ...doc, relations: [...doc.relations, relation], updatedAt: who.now }, relation };
}

export function removeRelation(doc: Document, relationId: string, now: string): Document {
  return { ...doc, relations: doc.relations.filter((r) => r.id !== relationId), updatedAt: now };
}

/**
 * Replace code points [a, b) of the text with `insert`, carrying every span
 * along: spans after the edit shift, an edit inside a span resizes it, a
 * span wholly inside a deleted range is removed (with its relations).
 * Insertion exactly at a span boundary stays outside the span.
 */
export function applyTextEdit(doc: Document, a: number, b: number, insert: string, now: string, index = new OffsetIndex(doc.text)): { doc: Document; removed: Span[]; delta: number } {
  if (a < 0 || b > index.cpLength || a > b) throw new EditError('out_of_range', `Edit ${a}–${b} is outside the text.`);
  const u16a = index.toUtf16(a);
  const u16b = index.toUtf16(b);
  const text = doc.text.slice(0, u16a) + insert + doc.text.slice(u16b);
  const nextIndex = index.afterEdit(text, u16a, u16b, insert);
  // measured on the whole text, not the insert: a lone surrogate at either end can pair up with its neighbour
  const delta = nextIndex.cpLength - index.cpLength;
  const insLen = delta + (b - a);
  const spans: Span[] = [];
  const removed: Span[] = [];
  for (const s of doc.spans) {
    // away from the edit a span keeps its characters and only moves (next to it, a lone surrogate may pair up
    // with one across the edit, so those spans take the long way); on a long text this is nearly every span
    if (s.end < a) {
      spans.push(s);
      continue;
    }
    if (s.start > b + 1) {
      spans.push(delta ? { ...s, start: s.start + delta, end: s.end + delta } : s);
      continue;
    }
    const r = moveRange(s.start, s.end, a, b, insLen, delta);
    if (!r) {
      removed.push(s);
      continue;
    }
    const t = nextIndex.slice(r.start, r.end);
    if (t === s.text && r.start === s.start && r.end === s.end) spans.push(s);
    // only whitespace left (its words deleted one by one): nothing is annotated any more
    else if (t !== s.text && /^\s*$/u.test(t)) removed.push(s);
    else spans.push({ ...s, ...r, ...(t === s.text ? {} : { text: t, updatedAt: now }) });
  }
  const gone = new Set(removed.map((s) => s.id));
  let sorted = true;
  for (let i = 1; i < spans.length && sorted; i++) sorted = compareSpans(spans[i - 1]!, spans[i]!) <= 0;
  return {
    delta,
    doc: { ...doc, text, spans: sorted ? spans : sortSpans(spans), relations: gone.size ? doc.relations.filter((r) => !gone.has(r.from) && !gone.has(r.to)) : doc.relations, updatedAt: now },
    removed,
  };
}

function moveRange(s: number, e: number, a: number, b: number, insLen: number, delta: number): { start: number; end: number } | null {
  if (a === b) {
    if (a <= s) return { start: s + delta, end: e + delta };
    return a >= e ? { start: s, end: e } : { start: s, end: e + delta };
  }
  if (e <= a) return { start: s, end: e };
  if (s >= b) return { start: s + delta, end: e + delta };
  if (s >= a && e <= b) return null; // every character of the span was deleted
  const start = s < a ? s : a;
  const end = e > b ? e + delta : a + insLen;
  return start < end ? { start, end } : null;
}
