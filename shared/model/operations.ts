import { z } from 'zod';
import { OffsetIndex } from '../text/offsets';
import { applyTextEdit, EditError, sortedPosition } from './edits';
import { DocumentStatus, RelationSchema, SourceSchema, SpanSchema, type DocStatus, type Document, type Relation, type Source, type Span } from './schema';

/**
 * Edits as operations (ProseMirror's steps, CodeMirror's transactions): a
 * change is a small serialisable value that can be applied, inverted for
 * undo and sent over IPC. Each op carries what its inverse needs (a removed
 * span, a field's old value), so undo never keeps a whole document.
 *
 * Offsets in spans are code points; a text op addresses the text in UTF-16
 * (`at`, with the exact `removed` and `insert` strings) so that replacing
 * and un-replacing is exact even around lone surrogates.
 */

/** One changed span field; `null` means "absent" (JSON drops `undefined`). */
const SpanPatchSchema = z
  .object({
    label: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
    updatedAt: z.string().min(1),
    note: z.string().nullable(),
    attributes: SpanSchema.shape.attributes.unwrap().nullable(),
    proposedBy: z.array(z.string()).nullable(),
    acceptedBy: z.string().nullable(),
  })
  .partial()
  .strict();
export type SpanPatch = z.infer<typeof SpanPatchSchema>;

// rejected suggestion keys travel as document meta: a rejection is undoable and saved like any edit
const MetaPatchSchema = z.object({ title: z.string(), source: SourceSchema, rejectedSuggestions: z.array(z.string()) }).partial().strict();
export type MetaPatch = { title?: string; source?: Source; rejectedSuggestions?: string[] };

const index = z.number().int().nonnegative().optional();

export const OpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('addSpan'), span: SpanSchema, index }),
  z.object({ op: z.literal('removeSpan'), span: SpanSchema, index }),
  z.object({ op: z.literal('updateSpan'), id: z.string().min(1), before: SpanPatchSchema, after: SpanPatchSchema }),
  z.object({ op: z.literal('addRelation'), relation: RelationSchema, index }),
  z.object({ op: z.literal('removeRelation'), relation: RelationSchema, index }),
  z.object({
    op: z.literal('text'),
    /** UTF-16 offset of the replacement */
    at: z.number().int().nonnegative(),
    removed: z.string(),
    insert: z.string(),
    /** the replaced range in code points, before and after the edit (the inverse swaps them) */
    range: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
    rangeAfter: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
    /**
     * Spans at or near the edit, as they were and as they become. Every other
     * span either ends before the edit (unchanged) or starts after it (shifted),
     * so the op stays O(change) whatever the number of spans.
     */
    moves: z.array(z.object({ before: SpanSchema, after: SpanSchema })),
  }),
  z.object({ op: z.literal('status'), before: DocumentStatus, after: DocumentStatus }),
  z.object({ op: z.literal('meta'), before: MetaPatchSchema, after: MetaPatchSchema }),
]);
export type Op = z.infer<typeof OpSchema>;
export const OpsSchema = z.array(OpSchema).max(100_000);

/** An op that does not fit the document it is applied to. */
export class OpError extends Error {
  readonly code = 'invalid_ops';
}

export function invertOp(op: Op): Op {
  switch (op.op) {
    case 'addSpan':
      return { op: 'removeSpan', span: op.span, ...(op.index === undefined ? {} : { index: op.index }) };
    case 'removeSpan':
      return { op: 'addSpan', span: op.span, ...(op.index === undefined ? {} : { index: op.index }) };
    case 'updateSpan':
      return { op: 'updateSpan', id: op.id, before: op.after, after: op.before };
    case 'addRelation':
      return { op: 'removeRelation', relation: op.relation, ...(op.index === undefined ? {} : { index: op.index }) };
    case 'removeRelation':
      return { op: 'addRelation', relation: op.relation, ...(op.index === undefined ? {} : { index: op.index }) };
    case 'text':
      return {
        op: 'text',
        at: op.at,
        removed: op.insert,
        insert: op.removed,
        range: op.rangeAfter,
        rangeAfter: op.range,
        moves: op.moves.map((m) => ({ before: m.after, after: m.before })),
      };
    case 'status':
    case 'meta':
      return { ...op, before: op.after, after: op.before } as Op;
  }
}

/** The inverse of a batch: each op inverted, in reverse order. */
export function invertOps(ops: readonly Op[]): Op[] {
  const out: Op[] = new Array(ops.length);
  for (let i = 0; i < ops.length; i++) out[ops.length - 1 - i] = invertOp(ops[i]!);
  return out;
}

function applyPatch(span: Span, patch: SpanPatch): Span {
  const next: Record<string, unknown> = { ...span };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next as Span;
}

function matches(span: Span, patch: SpanPatch): boolean {
  for (const [k, v] of Object.entries(patch)) {
    const have = (span as Record<string, unknown>)[k];
    if (v === null ? have !== undefined : JSON.stringify(have) !== JSON.stringify(v)) return false;
  }
  return true;
}

/**
 * A working copy for one batch: arrays are copied once, on first write, and
 * ids are looked up through maps built once, so a batch of k ops on a
 * document of n spans costs O(n + k log n), not O(n·k).
 */
/** Lookups in one applyOps call done by scanning before a map is built (see Draft.findSpan). */
const FEW = 8;

class Draft {
  private spans: Span[] | null = null;
  private relations: Relation[] | null = null;
  private spanAt: Map<string, number> | null = null;
  private relationIds: Set<string> | null = null;
  private lookups = 0;
  text: string;
  status: DocStatus;
  title: string;
  source: Source;
  rejected: string[] | undefined;
  private textIndex: OffsetIndex | null;

  constructor(
    private readonly doc: Document,
    textIndex?: OffsetIndex,
  ) {
    this.text = doc.text;
    this.status = doc.status;
    this.title = doc.title;
    this.rejected = doc.rejectedSuggestions;
    this.source = doc.source;
    this.textIndex = textIndex && textIndex.text === doc.text ? textIndex : null;
  }

  index(): OffsetIndex {
    if (this.textIndex?.text !== this.text) this.textIndex = new OffsetIndex(this.text);
    return this.textIndex;
  }

  spanList(): Span[] {
    return (this.spans ??= this.doc.spans.slice());
  }

  relationList(): Relation[] {
    return (this.relations ??= this.doc.relations.slice());
  }

  private spanPositions(): Map<string, number> {
    if (!this.spanAt) {
      this.spanAt = new Map();
      const list = this.spans ?? this.doc.spans;
      for (let i = 0; i < list.length; i++) this.spanAt.set(list[i]!.id, i);
    }
    return this.spanAt;
  }

  /** Positions shift when a span is inserted or removed: rebuilt lazily on the next lookup. */
  private spansMoved(): void {
    this.spanAt = null;
  }

  /**
   * One edit looks up a handful of ids: scanning the list for those costs
   * far less than a map of 20,000 spans built for them; a batch of many ops
   * (a paste, an import, undoing a big step) builds the map once.
   */
  findSpan(id: string, hint?: number): number {
    const list = this.spans ?? this.doc.spans;
    if (hint !== undefined && list[hint]?.id === id) return hint;
    if (!this.spanAt && ++this.lookups <= FEW) return list.findIndex((s) => s.id === id);
    return this.spanPositions().get(id) ?? -1;
  }

  hasRelation(id: string): boolean {
    if (!this.relationIds && ++this.lookups <= FEW) return (this.relations ?? this.doc.relations).some((r) => r.id === id);
    this.relationIds ??= new Set((this.relations ?? this.doc.relations).map((r) => r.id));
    return this.relationIds.has(id);
  }

  addSpan(span: Span, at?: number): void {
    if (this.findSpan(span.id) >= 0 || this.hasRelation(span.id)) throw new OpError(`Span id "${span.id}" is already taken.`);
    this.checkSpanText(span);
    const list = this.spanList();
    const pos = at === undefined ? sortedPosition(list, span) : at;
    if (pos > list.length) throw new OpError(`Span position ${pos} is past the end (${list.length}).`);
    list.splice(pos, 0, span);
    this.spansMoved();
  }

  removeSpan(span: Span, hint?: number): number {
    const pos = this.findSpan(span.id, hint);
    if (pos < 0) throw new OpError(`No span "${span.id}" to remove.`);
    const list = this.spanList();
    if ((this.relations ?? this.doc.relations).some((r) => r.from === span.id || r.to === span.id)) throw new OpError(`Span "${span.id}" still has relations; remove them first.`);
    list.splice(pos, 1);
    this.spansMoved();
    return pos;
  }

  updateSpan(id: string, before: SpanPatch, after: SpanPatch): void {
    const pos = this.findSpan(id);
    if (pos < 0) throw new OpError(`No span "${id}" to update.`);
    const list = this.spanList();
    const current = list[pos]!;
    if (!matches(current, before)) throw new OpError(`Span "${id}" changed since this edit was made.`);
    const next = applyPatch(current, after);
    if ('start' in after || 'end' in after || 'text' in after) this.checkSpanText(next);
    if (!next.label) throw new OpError(`Span "${id}" needs a label.`);
    // in place: re-sorting here could not be undone exactly in a document whose spans are not in reading order
    list[pos] = next;
  }

  private checkSpanText(span: Span): void {
    const index = this.index();
    if (!(span.start < span.end && span.end <= index.cpLength)) throw new OpError(`Span ${span.start}–${span.end} is empty or outside the text (0–${index.cpLength}).`);
    if (index.slice(span.start, span.end) !== span.text) throw new OpError(`Span "${span.id}" text does not match the document at ${span.start}–${span.end}.`);
  }

  addRelation(relation: Relation, at?: number): void {
    if (this.hasRelation(relation.id) || this.findSpan(relation.id) >= 0) throw new OpError(`Relation id "${relation.id}" is already taken.`);
    if (this.findSpan(relation.from) < 0 || this.findSpan(relation.to) < 0) throw new OpError('Both ends of a relation must be existing spans.');
    if (relation.from === relation.to) throw new OpError('A span cannot be related to itself.');
    const list = this.relationList();
    const pos = at === undefined ? list.length : at;
    if (pos > list.length) throw new OpError(`Relation position ${pos} is past the end (${list.length}).`);
    list.splice(pos, 0, relation);
    this.relationIds?.add(relation.id);
  }

  removeRelation(relation: Relation): void {
    if (!this.hasRelation(relation.id)) throw new OpError(`No relation "${relation.id}" to remove.`);
    const list = this.relationList();
    const pos = list.findIndex((r) => r.id === relation.id);
    list.splice(pos, 1);
    this.relationIds?.delete(relation.id);
  }

  replaceText(op: Extract<Op, { op: 'text' }>): void {
    const index = this.index();
    if (op.at + op.removed.length > this.text.length || this.text.slice(op.at, op.at + op.removed.length) !== op.removed) {
      throw new OpError('The text changed since this edit was made.');
    }
    const [a, b] = op.range;
    const text = this.text.slice(0, op.at) + op.insert + this.text.slice(op.at + op.removed.length);
    this.text = text;
    const nextIndex = this.index();
    const delta = nextIndex.cpLength - index.cpLength;
    const moved = new Map(op.moves.map((m) => [m.before.id, m]));
    const list = this.spanList();
    // spans keep their places in the list (a moved span too), so the inverse restores the exact order
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      const m = moved.get(s.id);
      if (m) {
        if (!matches(s, m.before as SpanPatch)) throw new OpError(`Span "${s.id}" changed since this edit was made.`);
        moved.delete(s.id);
        list[i] = m.after;
        this.checkSpanText(m.after);
      } else if (s.start > b) {
        if (delta) list[i] = { ...s, start: s.start + delta, end: s.end + delta };
      } else if (s.end >= a) {
        throw new OpError(`Span "${s.id}" overlaps the edited text but the edit does not say where it goes.`);
      }
    }
    if (moved.size) throw new OpError(`The edit moves span "${[...moved.keys()][0]}", which is not in the document.`);
    this.spansMoved();
  }

  result(): Document {
    const { doc } = this;
    if (!this.spans && !this.relations && this.text === doc.text && this.status === doc.status && this.title === doc.title && this.source === doc.source && this.rejected === doc.rejectedSuggestions) return doc;
    return { ...doc, text: this.text, status: this.status, title: this.title, source: this.source, ...(this.rejected ? { rejectedSuggestions: this.rejected } : {}), spans: this.spans ?? doc.spans, relations: this.relations ?? doc.relations };
  }
}

/**
 * Apply a batch to a document, returning a new document (the input is never
 * changed). Throws OpError when an op does not fit: a span that is not there,
 * a taken id, offsets outside the text, a span text that does not match.
 * `textIndex` may be the offset index of `doc.text`, saving a pass over a
 * long text.
 */
export function applyOps(doc: Document, ops: readonly Op[], textIndex?: OffsetIndex): Document {
  const d = new Draft(doc, textIndex);
  for (const op of ops) {
    switch (op.op) {
      case 'addSpan':
        d.addSpan(op.span, op.index);
        break;
      case 'removeSpan':
        d.removeSpan(op.span, op.index);
        break;
      case 'updateSpan':
        d.updateSpan(op.id, op.before, op.after);
        break;
      case 'addRelation':
        d.addRelation(op.relation, op.index);
        break;
      case 'removeRelation':
        d.removeRelation(op.relation);
        break;
      case 'text':
        d.replaceText(op);
        break;
      case 'status':
        if (d.status !== op.before) throw new OpError(`The document status is ${d.status}, not ${op.before}.`);
        d.status = op.after;
        break;
      case 'meta':
        if (op.before.title !== undefined && d.title !== op.before.title) throw new OpError('The title changed since this edit was made.');
        if (op.after.title !== undefined) d.title = op.after.title;
        if (op.after.source !== undefined) d.source = op.after.source;
        if (op.after.rejectedSuggestions !== undefined) d.rejected = op.after.rejectedSuggestions;
        break;
    }
  }
  return d.result();
}

// --- building ops for the edits the UI makes (the rules live in edits.ts)

/** Removing spans: their relations go first, each remembered where it was, so undo restores the document exactly. */
export function removeSpansOps(doc: Document, spanIds: Iterable<string>): Op[] {
  const ids = new Set(spanIds);
  const ops: Op[] = [];
  if (!ids.size) return ops;
  // relations removed from the end backwards, so each index is the one it had when the inverse puts it back
  for (let i = doc.relations.length - 1; i >= 0; i--) {
    const r = doc.relations[i]!;
    if (ids.has(r.from) || ids.has(r.to)) ops.push({ op: 'removeRelation', relation: r, index: i });
  }
  for (let i = doc.spans.length - 1; i >= 0; i--) {
    const s = doc.spans[i]!;
    if (ids.has(s.id)) ops.push({ op: 'removeSpan', span: s, index: i });
  }
  return ops;
}

export function removeRelationsOps(doc: Document, relationIds: Iterable<string>): Op[] {
  const ids = new Set(relationIds);
  const ops: Op[] = [];
  for (let i = doc.relations.length - 1; i >= 0; i--) {
    const r = doc.relations[i]!;
    if (ids.has(r.id)) ops.push({ op: 'removeRelation', relation: r, index: i });
  }
  return ops;
}

/** A change to some of a span's fields, with their old values for the inverse. */
export function updateSpanOp(span: Span, patch: SpanPatch): Op {
  const before: SpanPatch = {};
  for (const k of Object.keys(patch) as (keyof SpanPatch)[]) {
    const v = (span as Record<string, unknown>)[k];
    (before as Record<string, unknown>)[k] = v === undefined ? null : v;
  }
  return { op: 'updateSpan', id: span.id, before, after: patch };
}

/**
 * Replace UTF-16 [from, to) of the text with `insert` as ops, carrying spans
 * the way applyTextEdit does: spans wholly deleted go (with their
 * relations), spans around the edit resize, later spans shift. Spans that
 * only shift are not listed, so typing one character costs O(spans near the
 * caret) on the wire, not O(spans).
 */
export function textEditOps(doc: Document, from: number, to: number, insert: string, now: string, index = new OffsetIndex(doc.text)): { ops: Op[]; removed: Span[]; doc: Document } {
  if (from < 0 || to > doc.text.length || from > to) throw new EditError('out_of_range', `Edit ${from}–${to} is outside the text.`);
  const { doc: edited, removed } = applyTextEdit(doc, index.toCodePoint(from), index.toCodePoint(to, 'end'), insert, now, index);
  const { ops, spans } = textEditResultOps(doc, edited, from, to, index);
  return { ops, removed, doc: { ...doc, text: edited.text, spans, relations: edited.relations } };
}

/**
 * The ops that turn `doc` into `edited`, a text edit's result computed
 * elsewhere (the editor, which knows where the caret was), given the
 * replaced UTF-16 range [from, to) of `doc.text`.
 */
/**
 * Each span's successor after an edit, by its place in `before` (undefined:
 * gone). An edit keeps the surviving spans in their order almost always, so
 * the lists are walked together, with no map of every span per typed key;
 * a reordered list falls back to a map by id.
 */
function successors(before: readonly Span[], after: readonly Span[]): (Span | undefined)[] {
  let j = 0;
  const out = before.map((s) => (after[j]?.id === s.id ? after[j++] : undefined));
  if (j === after.length) return out;
  const byId = new Map(after.map((s) => [s.id, s]));
  return before.map((s) => byId.get(s.id));
}

export function textEditResultOps(
  doc: Document,
  edited: Document,
  from: number,
  to: number,
  index = new OffsetIndex(doc.text),
  nextIndex = new OffsetIndex(edited.text),
  insert = edited.text.slice(from, edited.text.length - (doc.text.length - to)),
): { ops: Op[]; spans: Span[] } {
  const a = index.toCodePoint(from);
  const b = index.toCodePoint(to, 'end');
  const delta = nextIndex.cpLength - index.cpLength;
  const after = successors(doc.spans, edited.spans);
  const gone = doc.spans.filter((_, i) => !after[i]).map((s) => s.id);
  const ops = removeSpansOps(doc, gone);
  const rangeAfter: [number, number] = [a, a + delta + (b - a)];
  const moves: { before: Span; after: Span }[] = [];
  // the spans as applying the ops leaves them: each in its old place in the list
  const spans: Span[] = [];
  for (const [i, s] of doc.spans.entries()) {
    const next = after[i];
    if (!next) continue;
    spans.push(next);
    // listed unless the plain rule (before: unchanged, after: shifted) gives exactly this span both ways
    const untouched = s.end < a && s.end < rangeAfter[0] && next === s;
    const shifted = s.start > b && s.start + delta > rangeAfter[1] && next.start === s.start + delta && next.end === s.end + delta && next.text === s.text && next.updatedAt === s.updatedAt;
    if (!untouched && !shifted) moves.push({ before: s, after: next });
  }
  ops.push({ op: 'text', at: from, removed: doc.text.slice(from, to), insert, range: [a, b], rangeAfter, moves });
  return { ops, spans };
}
