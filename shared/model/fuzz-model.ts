import fc from 'fast-check';
import { mixedText, mixedTextWithLoneSurrogates, TEXT_PIECES } from '../text/arbitraries';
import { OffsetIndex } from '../text/offsets';
import { DEFAULT_SCHEMA } from './defaults';
import { addRelation, addSpan, applyTextEdit, EditError, removeRelation, removeSpans, resizeSpan, updateSpan } from './edits';
import { DOC_STATUSES, type AnnotationSchema, type Document } from './schema';

/**
 * Test-only: random editing sessions for the model-based fuzz tests
 * (shared/model/fuzz.test.ts, main/services/store-fuzz.test.ts). An
 * operation is data with free numbers; `applyOp` maps them onto whatever
 * the document holds at that moment, so every generated sequence is
 * meaningful however earlier steps went. Not imported by app code.
 */

export const LABELS = DEFAULT_SCHEMA.labels.map((l) => l.name);
export const TYPES = DEFAULT_SCHEMA.relationTypes.map((t) => t.name);

export type Op =
  | { k: 'add'; label: number; at: number; len: number }
  | { k: 'remove'; i: number }
  | { k: 'relabel'; i: number; label: number }
  | { k: 'resize'; i: number; ds: number; de: number }
  | { k: 'link'; type: number; from: number; to: number; fitting: boolean }
  | { k: 'unlink'; i: number }
  | { k: 'edit'; at: number; len: number; insert: string }
  | { k: 'status'; s: number }
  | { k: 'undo' }
  | { k: 'redo' };

const n = fc.nat({ max: 10_000 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('add' as const), label: n, at: n, len: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('remove' as const), i: n }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('relabel' as const), i: n, label: n }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('resize' as const), i: n, ds: fc.integer({ min: -3, max: 3 }), de: fc.integer({ min: -3, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('link' as const), type: n, from: n, to: n, fitting: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('unlink' as const), i: n }) },
  {
    weight: 4,
    arbitrary: fc.record({ k: fc.constant('edit' as const), at: n, len: fc.integer({ min: 0, max: 15 }), insert: fc.oneof({ weight: 4, arbitrary: mixedText(6) }, { weight: 1, arbitrary: mixedTextWithLoneSurrogates(4) }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('status' as const), s: n }) },
  { weight: 3, arbitrary: fc.constant({ k: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'redo' as const }) },
);

/** Never empty, so labelling has something to work on from the first step. */
export const initialTextArb = fc.array(fc.constantFrom(...TEXT_PIECES), { minLength: 3, maxLength: 60 }).map((p) => p.join(''));

/** Sessions long enough to build spans, link them and then edit the text under them. */
export const sessionArb = (maxLength = 60): fc.Arbitrary<Op[]> => fc.array(opArb, { minLength: 5, maxLength, size: 'max' });

export function newDoc(id: string, text: string): Document {
  return { id, title: `Doc ${id}`, source: {}, text, status: 'todo', spans: [], relations: [] };
}

/**
 * The renderer's undo history (renderer/app/actions.ts commit/undo/redo),
 * re-implemented without the store: snapshots of whole documents. Beside
 * each snapshot it keeps a deep copy taken when that document became
 * current, so a test can prove that no operation mutated a document it was
 * given (operations must return new documents, never edit old ones).
 */
export class EditSession {
  past: Document[] = [];
  future: Document[] = [];
  private pastCopies: Document[] = [];
  private futureCopies: Document[] = [];
  /** deep copy of `doc` taken the moment it became current, before any later operation could touch it */
  current: Document;
  private clock = 0;
  private ids = 0;

  constructor(public doc: Document) {
    this.current = structuredClone(doc);
  }

  now(): string {
    return new Date(Date.UTC(2026, 0, 1) + ++this.clock * 1000).toISOString();
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.ids}`;
  }

  commit(next: Document): void {
    // as the renderer does: the first edit of a document starts it
    const doc = { ...next, status: next.status === 'todo' ? 'in_progress' : next.status } satisfies Document;
    this.past.push(this.doc);
    this.pastCopies.push(this.current);
    this.doc = doc;
    this.current = structuredClone(doc);
    this.future = [];
    this.futureCopies = [];
  }

  /** Returns the restored document and the copy taken when it became current, or null when there is nothing to undo. */
  undo(): { restored: Document; expected: Document } | null {
    const prev = this.past.pop();
    if (!prev) return null;
    const expected = this.pastCopies.pop()!;
    this.future.unshift(this.doc);
    this.futureCopies.unshift(this.current);
    this.doc = prev;
    this.current = structuredClone(prev);
    return { restored: prev, expected };
  }

  redo(): { restored: Document; expected: Document } | null {
    const next = this.future.shift();
    if (!next) return null;
    const expected = this.futureCopies.shift()!;
    this.past.push(this.doc);
    this.pastCopies.push(this.current);
    this.doc = next;
    this.current = structuredClone(next);
    return { restored: next, expected };
  }
}

export interface OpOutcome {
  kind: 'committed' | 'rejected' | 'undo' | 'redo' | 'nothing';
  /** for undo/redo: the document now current and what it must equal */
  restored?: { restored: Document; expected: Document };
  /** for a rejected op: the EditError code */
  code?: EditError['code'];
}

/** Applies one operation the way the UI would; EditErrors are rejections (the document stays as it was). */
export function applyOp(s: EditSession, op: Op, schema: AnnotationSchema = DEFAULT_SCHEMA): OpOutcome {
  const doc = s.doc;
  const index = new OffsetIndex(doc.text);
  const len = index.cpLength;
  const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  try {
    switch (op.k) {
      case 'add': {
        const start = len ? op.at % len : 0;
        const end = Math.min(len, start + op.len);
        s.commit(addSpan(doc, { label: LABELS[op.label % LABELS.length]!, start, end, id: s.nextId('s') }, { annotator: 'fuzz', now: s.now() }, index).doc);
        return { kind: 'committed' };
      }
      case 'remove': {
        const span = pick(doc.spans, op.i);
        if (!span) return { kind: 'nothing' };
        s.commit(removeSpans(doc, [span.id], s.now()));
        return { kind: 'committed' };
      }
      case 'relabel': {
        const span = pick(doc.spans, op.i);
        const label = LABELS[op.label % LABELS.length]!;
        if (!span || span.label === label) return { kind: 'nothing' };
        s.commit(updateSpan(doc, span.id, { label }, { annotator: 'fuzz', now: s.now() }));
        return { kind: 'committed' };
      }
      case 'resize': {
        const span = pick(doc.spans, op.i);
        if (!span) return { kind: 'nothing' };
        s.commit(resizeSpan(doc, span.id, span.start + op.ds, span.end + op.de, { annotator: 'fuzz', now: s.now() }, index));
        return { kind: 'committed' };
      }
      case 'link': {
        const type = schema.relationTypes[op.type % schema.relationTypes.length]!;
        // half the time choose ends the schema allows, so relations actually get made; otherwise anything (rejections)
        const fits = (labels: string[]) => doc.spans.filter((sp) => !op.fitting || !labels.length || labels.includes(sp.label));
        const from = pick(fits(type.from), op.from);
        const to = pick(fits(type.to), op.to);
        if (!from || !to) return { kind: 'nothing' };
        s.commit(addRelation(doc, schema, { type: type.name, from: from.id, to: to.id, id: s.nextId('r') }, { annotator: 'fuzz', now: s.now() }).doc);
        return { kind: 'committed' };
      }
      case 'unlink': {
        const rel = pick(doc.relations, op.i);
        if (!rel) return { kind: 'nothing' };
        s.commit(removeRelation(doc, rel.id, s.now()));
        return { kind: 'committed' };
      }
      case 'edit': {
        const a = len ? op.at % (len + 1) : 0;
        const b = Math.min(len, a + op.len);
        if (a === b && op.insert === '') return { kind: 'nothing' };
        s.commit(applyTextEdit(doc, a, b, op.insert, s.now()).doc);
        return { kind: 'committed' };
      }
      case 'status': {
        const status = DOC_STATUSES[op.s % DOC_STATUSES.length]!;
        if (status === doc.status) return { kind: 'nothing' };
        s.commit({ ...doc, status });
        return { kind: 'committed' };
      }
      case 'undo': {
        const r = s.undo();
        return r ? { kind: 'undo', restored: r } : { kind: 'nothing' };
      }
      case 'redo': {
        const r = s.redo();
        return r ? { kind: 'redo', restored: r } : { kind: 'nothing' };
      }
    }
  } catch (e) {
    if (e instanceof EditError) return { kind: 'rejected', code: e.code };
    throw e;
  }
}

/**
 * The model's invariants, checked directly rather than through
 * validate.ts (which the app uses and which could share a bug). Returns
 * the broken ones and how many checks ran.
 */
export function invariantProblems(doc: Document): { problems: string[]; checks: number } {
  const problems: string[] = [];
  let checks = 0;
  const check = (ok: boolean, message: () => string) => {
    checks++;
    if (!ok) problems.push(message());
  };
  const cps = Array.from(doc.text); // code points, independently of OffsetIndex
  const spanIds = new Set<string>();
  for (const sp of doc.spans) {
    check(Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.start >= 0 && sp.start < sp.end && sp.end <= cps.length, () => `span ${sp.id} ${sp.start}–${sp.end} not inside 0–${cps.length}`);
    check(sp.text === cps.slice(sp.start, sp.end).join(''), () => `span ${sp.id} text ${JSON.stringify(sp.text)} ≠ slice ${JSON.stringify(cps.slice(sp.start, sp.end).join(''))}`);
    check(!spanIds.has(sp.id), () => `duplicate span id ${sp.id}`);
    spanIds.add(sp.id);
  }
  const relIds = new Set<string>();
  for (const r of doc.relations) {
    check(spanIds.has(r.from) && spanIds.has(r.to), () => `relation ${r.id} points at a missing span (${r.from} → ${r.to})`);
    check(r.from !== r.to, () => `relation ${r.id} relates a span to itself`);
    check(!relIds.has(r.id), () => `duplicate relation id ${r.id}`);
    relIds.add(r.id);
  }
  return { problems, checks };
}
