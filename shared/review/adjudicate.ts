/**
 * Adjudication: from N annotators' versions of one document to one gold
 * version. Spans are pooled into candidates keyed by (start, end, label);
 * a candidate proposed by every annotator is agreed, the rest are
 * disagreements for the reviewer. Every operation returns a new gold
 * Document and never mutates, like shared/model/edits.ts, so the review
 * screen can undo by keeping snapshots.
 *
 * Relations are candidates too: one enters gold only when the reviewer
 * accepts it (`a` accepts the agreed ones) and only while both of its
 * spans are in gold; a span leaving gold takes its relations with it.
 *
 * Gold spans and relations record `proposedBy` (the annotators) and
 * `acceptedBy` (the reviewer), so the gold file explains itself. Gold ids
 * are derived from the candidate key, so keeping the same candidate twice,
 * or in two sessions, yields the same id.
 */

import { sortedPosition, sortSpans, type Actor } from '../model/edits';
import { textHash } from '../model/ids';
import type { Document, Relation, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import type { DocumentVersion } from './gather';

export interface Candidate {
  key: string;
  label: string;
  start: number;
  end: number;
  text: string;
  /** annotators who drew this span, in version order */
  proposedBy: string[];
  /** annotator → that annotator's span id */
  spanIds: Record<string, string>;
  agreed: boolean;
  /** taken from the first proposer that set them; the reviewer can edit them in gold */
  attributes?: Span['attributes'];
  note?: string;
}

export interface RelationCandidate {
  key: string;
  type: string;
  from: string;
  to: string;
  proposedBy: string[];
  agreed: boolean;
}

export interface Adjudication {
  annotators: string[];
  /** the shared text and metadata, from the first version */
  base: Pick<Document, 'id' | 'title' | 'source' | 'text'>;
  candidates: Candidate[];
  relations: RelationCandidate[];
}

export class AdjudicationError extends Error {}

export function candidateKey(s: { start: number; end: number; label: string }): string {
  return `${s.start}:${s.end}:${s.label}`;
}

/** A hash per key, remembered: statuses are asked for every candidate on every decision. */
function remembered(prefix: string): (key: string) => string {
  const ids = new Map<string, string>();
  return (key) => {
    let id = ids.get(key);
    if (id === undefined) {
      if (ids.size >= 500_000) ids.clear(); // a bound, for a long session over many documents
      ids.set(key, (id = `${prefix}${textHash(key)}`));
    }
    return id;
  };
}
const spanIdOf = remembered('g_');
const relationIdOf = remembered('gr_');

export function goldSpanId(c: Pick<Candidate, 'key'>): string {
  return spanIdOf(c.key);
}

export function goldRelationId(r: Pick<RelationCandidate, 'key'>): string {
  return relationIdOf(r.key);
}

// Gold documents are never mutated (every step returns a new one), so their
// span and relation arrays can be indexed once and the index kept with them.
const spanIndexes = new WeakMap<readonly Span[], ReadonlyMap<string, Span>>();
const relationIndexes = new WeakMap<readonly Relation[], ReadonlySet<string>>();

/** Gold's spans by id, built once per spans array. */
export function goldSpansById(gold: Pick<Document, 'spans'>): ReadonlyMap<string, Span> {
  let index = spanIndexes.get(gold.spans);
  if (!index) spanIndexes.set(gold.spans, (index = new Map(gold.spans.map((s) => [s.id, s]))));
  return index;
}

function goldRelationIds(gold: Pick<Document, 'relations'>): ReadonlySet<string> {
  let index = relationIndexes.get(gold.relations);
  if (!index) relationIndexes.set(gold.relations, (index = new Set(gold.relations.map((r) => r.id))));
  return index;
}

/** The gold span a candidate became, if it is in gold. */
export function goldSpanOf(c: Pick<Candidate, 'key'>, gold: Pick<Document, 'spans'>): Span | undefined {
  return goldSpansById(gold).get(goldSpanId(c));
}

export function adjudicate(versions: readonly DocumentVersion[]): Adjudication {
  const first = versions[0];
  if (!first) throw new AdjudicationError('Nothing to adjudicate: no versions.');
  for (const v of versions) {
    // gather() never groups differing texts; this guards callers that skip it
    if (v.doc.text !== first.doc.text) throw new AdjudicationError(`The text of "${v.doc.title}" differs between ${first.annotator} and ${v.annotator}.`);
  }
  const annotators = [...new Set(versions.map((v) => v.annotator))];
  const index = new OffsetIndex(first.doc.text);
  const byKey = new Map<string, Candidate>();
  const keyOfSpan = new Map<string, Map<string, string>>(); // annotator → span id → candidate key

  for (const { annotator, doc } of versions) {
    const mine = new Map<string, string>();
    keyOfSpan.set(annotator, mine);
    for (const s of doc.spans) {
      const key = candidateKey(s);
      mine.set(s.id, key);
      let c = byKey.get(key);
      if (!c) {
        c = { key, label: s.label, start: s.start, end: s.end, text: index.slice(s.start, s.end), proposedBy: [], spanIds: {}, agreed: false };
        byKey.set(key, c);
      }
      if (!c.proposedBy.includes(annotator)) {
        c.proposedBy.push(annotator);
        c.spanIds[annotator] = s.id;
      }
      if (c.attributes === undefined && s.attributes && Object.keys(s.attributes).length > 0) c.attributes = s.attributes;
      if (c.note === undefined && s.note) c.note = s.note;
    }
  }

  const relByKey = new Map<string, RelationCandidate>();
  for (const { annotator, doc } of versions) {
    const mine = keyOfSpan.get(annotator)!;
    for (const r of doc.relations) {
      const from = mine.get(r.from);
      const to = mine.get(r.to);
      if (from === undefined || to === undefined) continue; // dangling in the annotator's file
      const key = `${r.type}|${from}|${to}`;
      let rc = relByKey.get(key);
      if (!rc) relByKey.set(key, (rc = { key, type: r.type, from, to, proposedBy: [], agreed: false }));
      if (!rc.proposedBy.includes(annotator)) rc.proposedBy.push(annotator);
    }
  }

  const all = annotators.length;
  const candidates = [...byKey.values()]
    .map((c) => ({ ...c, agreed: c.proposedBy.length === all }))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
  const relations = [...relByKey.values()].map((r) => ({ ...r, agreed: r.proposedBy.length === all }));
  const { id, title, source, text } = first.doc;
  return { annotators, base: { id, title, source, text }, candidates, relations };
}

export function agreed(adj: Adjudication): Candidate[] {
  return adj.candidates.filter((c) => c.agreed);
}

export function disagreements(adj: Adjudication): Candidate[] {
  return adj.candidates.filter((c) => !c.agreed);
}

/**
 * Two candidates compete when they are two readings of one stretch of text:
 * the same label with different but overlapping bounds, or the same bounds
 * with different labels. Overlap across labels (a figure inside a claim) is
 * the scheme working as designed, not a conflict.
 */
export function competes(a: Candidate, b: Candidate): boolean {
  if (a.key === b.key) return false;
  if (a.start === b.start && a.end === b.end) return true;
  return a.label === b.label && a.start < b.end && b.start < a.end;
}

/** Pairs of competing candidates, at least one of them disputed. */
export function conflicts(adj: Adjudication): [Candidate, Candidate][] {
  const out: [Candidate, Candidate][] = [];
  const cs = adj.candidates;
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      const a = cs[i]!;
      const b = cs[j]!;
      if (b.start >= a.end) break; // sorted by start: nothing later can overlap a
      if ((!a.agreed || !b.agreed) && competes(a, b)) out.push([a, b]);
    }
  }
  return out;
}

/** An empty gold document to start from. */
export function startGold(adj: Adjudication, now: string): Document {
  return { ...adj.base, status: 'in_progress', spans: [], relations: [], updatedAt: now };
}

function goldSpan(c: Candidate, who: Actor): Span {
  return {
    id: goldSpanId(c),
    label: c.label,
    start: c.start,
    end: c.end,
    text: c.text,
    annotator: who.annotator,
    createdAt: who.now,
    updatedAt: who.now,
    ...(c.note ? { note: c.note } : {}),
    ...(c.attributes ? { attributes: { ...c.attributes } } : {}),
    proposedBy: [...c.proposedBy],
    acceptedBy: who.annotator,
  };
}

function findCandidate(adj: Adjudication, c: Candidate | string): Candidate {
  const key = typeof c === 'string' ? c : c.key;
  const found = adj.candidates.find((x) => x.key === key);
  if (!found) throw new AdjudicationError(`No candidate ${key} in this document.`);
  return found;
}

/** Add spans; their relations wait for the reviewer (acceptRelation, or `a` for agreed ones). */
function addToGold(gold: Document, add: Candidate[], who: Actor): Document {
  const have = goldSpansById(gold);
  const adding = new Set<string>();
  const fresh = add.filter((c) => {
    const id = goldSpanId(c);
    if (have.has(id) || adding.has(id)) return false;
    adding.add(id);
    return true;
  });
  if (fresh.length === 0) return gold;
  const added = fresh.map((c) => goldSpan(c, who));
  // one decision adds a span or two: put them in place rather than sort all of gold again
  let spans: Span[];
  if (added.length > 8) spans = sortSpans([...gold.spans, ...added]);
  else {
    spans = gold.spans.slice();
    for (const s of added) spans.splice(sortedPosition(spans, s), 0, s);
  }
  return { ...gold, spans, updatedAt: who.now };
}

function findRelation(adj: Adjudication, r: RelationCandidate | string): RelationCandidate {
  const key = typeof r === 'string' ? r : r.key;
  const found = adj.relations.find((x) => x.key === key);
  if (!found) throw new AdjudicationError(`No relation ${key} in this document.`);
  return found;
}

/** Whether both spans of a relation candidate are in gold, so it can be accepted. */
export function relationEndsInGold(r: RelationCandidate, gold: Pick<Document, 'spans'>): boolean {
  const ids = goldSpansById(gold);
  return ids.has(goldSpanId({ key: r.from })) && ids.has(goldSpanId({ key: r.to }));
}

export function relationInGold(r: RelationCandidate, gold: Pick<Document, 'relations'>): boolean {
  return goldRelationIds(gold).has(goldRelationId(r));
}

function addRelations(gold: Document, add: RelationCandidate[], who: Actor): Document {
  const adding = new Set<string>();
  const fresh = add.filter((r) => {
    const id = goldRelationId(r);
    if (relationInGold(r, gold) || adding.has(id)) return false;
    adding.add(id);
    return true;
  });
  if (!fresh.length) return gold;
  const relations: Relation[] = [
    ...gold.relations,
    ...fresh.map((rc) => ({
      id: goldRelationId(rc),
      type: rc.type,
      from: goldSpanId({ key: rc.from }),
      to: goldSpanId({ key: rc.to }),
      annotator: who.annotator,
      createdAt: who.now,
      proposedBy: [...rc.proposedBy],
      acceptedBy: who.annotator,
    })),
  ];
  return { ...gold, relations, updatedAt: who.now };
}

/** Accept one relation candidate into gold; refused while either of its spans is not in gold. */
export function acceptRelation(adj: Adjudication, gold: Document, relation: RelationCandidate | string, who: Actor): Document {
  const r = findRelation(adj, relation);
  if (!relationEndsInGold(r, gold)) throw new AdjudicationError(`Keep both spans of this ${r.type} relation first.`);
  return addRelations(gold, [r], who);
}

/** Leave a relation candidate out of gold (removing it if it was accepted). */
export function rejectRelation(adj: Adjudication, gold: Document, relation: RelationCandidate | string, who: Actor): Document {
  const id = goldRelationId(findRelation(adj, relation));
  if (!gold.relations.some((x) => x.id === id)) return gold;
  return { ...gold, relations: gold.relations.filter((x) => x.id !== id), updatedAt: who.now };
}

function removeFromGold(gold: Document, ids: ReadonlySet<string>, now: string): Document {
  if (!gold.spans.some((s) => ids.has(s.id))) return gold;
  return {
    ...gold,
    spans: gold.spans.filter((s) => !ids.has(s.id)),
    relations: gold.relations.filter((r) => !ids.has(r.from) && !ids.has(r.to)),
    updatedAt: now,
  };
}

/** `a`: every agreed span, then every agreed relation whose spans are now in gold. */
export function acceptAllAgreed(adj: Adjudication, gold: Document, who: Actor): Document {
  const withSpans = addToGold(gold, agreed(adj), who);
  return addRelations(withSpans, adj.relations.filter((r) => r.agreed && relationEndsInGold(r, withSpans)), who);
}

/**
 * Keep one reading: the candidate goes into gold and its competitors
 * (see `competes`) leave it. Use keepBoth to keep two competing readings.
 */
export function keep(adj: Adjudication, gold: Document, candidate: Candidate | string, who: Actor): Document {
  const c = findCandidate(adj, candidate);
  const rivals = new Set(adj.candidates.filter((x) => competes(c, x)).map(goldSpanId));
  return addToGold(removeFromGold(gold, rivals, who.now), [c], who);
}

/** Keep two competing candidates side by side, e.g. when both boundaries are defensible. */
export function keepBoth(adj: Adjudication, gold: Document, a: Candidate | string, b: Candidate | string, who: Actor): Document {
  return addToGold(gold, [findCandidate(adj, a), findCandidate(adj, b)], who);
}

/** Leave a candidate out of gold, taking its relations with it. */
export function reject(adj: Adjudication, gold: Document, candidate: Candidate | string, who: Actor): Document {
  const c = findCandidate(adj, candidate);
  return removeFromGold(gold, new Set([goldSpanId(c)]), who.now);
}

/** Mark gold as reviewed, dropping any relation whose ends are no longer there. */
export function finalize(gold: Document, who: Actor): Document {
  const ids = new Set(gold.spans.map((s) => s.id));
  return {
    ...gold,
    status: 'reviewed',
    relations: gold.relations.filter((r) => ids.has(r.from) && ids.has(r.to)),
    updatedAt: who.now,
  };
}
