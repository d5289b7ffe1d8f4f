import { call } from '../../api';
import { actor, attempt, notify } from '../../app/actions';
import { createStore } from '../../app/create-store';
import type { ReviewDocument, ReviewSummary } from '../../../shared/ipc/contract';
import type { Document } from '../../../shared/model/schema';
import { sortSpans, updateSpan } from '../../../shared/model/edits';
import {
  acceptAllAgreed, acceptRelation, competes, finalize, goldRelationId, goldSpanId, goldSpanOf, keep, keepBoth, reject, rejectRelation,
  relationEndsInGold, relationInGold, startGold, type Candidate, type RelationCandidate,
} from '../../../shared/review/adjudicate';

/**
 * The review screen's state, kept apart from the annotation store: the open
 * review, the document being adjudicated, its gold version so far and the
 * candidates the reviewer has turned down. The adjudication rules are the
 * pure functions of shared/review; every step keeps a snapshot for undo.
 * Relations are candidates like spans (keys `type|from|to`), decided once
 * both of their spans are in gold.
 */

export type CandidateStatus = 'agreed' | 'disputed' | 'kept' | 'rejected';
/** `waiting`: a span of the relation is not in gold, so it cannot enter */
export type RelationStatus = CandidateStatus | 'waiting';

interface Snapshot {
  gold: Document;
  /** candidates and relations decided without being kept (rejected, or pushed out by a rival) */
  declined: ReadonlySet<string>;
}

export interface ReviewState {
  summary: ReviewSummary | null;
  doc: ReviewDocument | null;
  gold: Document | null;
  declined: ReadonlySet<string>;
  past: Snapshot[];
  /** the candidate or relation the keys act on */
  current: string | null;
  editing: boolean;
  /** where the last finalized gold document was written */
  savedTo: string | null;
}

const initial: ReviewState = { summary: null, doc: null, gold: null, declined: new Set(), past: [], current: null, editing: false, savedTo: null };
// the renderer's one store primitive, as the app store uses
const store = createStore<ReviewState>(initial);

export function getReview(): ReviewState {
  return store.get();
}

function set(patch: Partial<ReviewState>): void {
  store.set(patch);
}

export function useReview<T>(selector: (s: ReviewState) => T): T {
  return store.use(selector);
}

export function statusOf(c: Candidate, gold: Document | null, declined: ReadonlySet<string>): CandidateStatus {
  if (gold && goldSpanOf(c, gold)) return 'kept';
  if (declined.has(c.key)) return 'rejected';
  return c.agreed ? 'agreed' : 'disputed';
}

export function relationStatusOf(r: RelationCandidate, gold: Document | null, declined: ReadonlySet<string>): RelationStatus {
  if (gold && relationInGold(r, gold)) return 'kept';
  if (declined.has(r.key)) return 'rejected';
  if (!gold || !relationEndsInGold(r, gold)) return 'waiting';
  return r.agreed ? 'agreed' : 'disputed';
}

const open = (st: string): boolean => st === 'agreed' || st === 'disputed';

/** Candidates that still need a decision: agreed ones not yet accepted count too. */
export function undecided(s: Pick<ReviewState, 'doc' | 'gold' | 'declined'>): Candidate[] {
  if (!s.doc) return [];
  return s.doc.adjudication.candidates.filter((c) => open(statusOf(c, s.gold, s.declined)));
}

/** Relations that need a decision: both spans in gold, neither accepted nor rejected. */
export function undecidedRelations(s: Pick<ReviewState, 'doc' | 'gold' | 'declined'>): RelationCandidate[] {
  if (!s.doc) return [];
  return s.doc.adjudication.relations.filter((r) => open(relationStatusOf(r, s.gold, s.declined)));
}

export interface DocumentIndex {
  candidates: ReadonlyMap<string, Candidate>;
  relations: ReadonlyMap<string, RelationCandidate>;
  /** what j/k walk through: span disagreements, then relation disagreements */
  disagreements: readonly string[];
  /** where each of those stands in that walk */
  position: ReadonlyMap<string, number>;
  candidateKeys: readonly string[];
  relationKeys: readonly string[];
}

// one index per document the server sent (tens of thousands of candidates: no linear search per key press)
const indexes = new WeakMap<ReviewDocument, DocumentIndex>();

/** The document's candidates and relations by key, and its walk of disagreements, built once per document. */
export function reviewIndex(doc: ReviewDocument): DocumentIndex {
  let index = indexes.get(doc);
  if (!index) {
    const adj = doc.adjudication;
    const disagreements = [...adj.candidates.filter((c) => !c.agreed).map((c) => c.key), ...adj.relations.filter((r) => !r.agreed).map((r) => r.key)];
    index = {
      candidates: new Map(adj.candidates.map((c) => [c.key, c])),
      relations: new Map(adj.relations.map((r) => [r.key, r])),
      disagreements,
      position: new Map(disagreements.map((k, i) => [k, i])),
      candidateKeys: adj.candidates.map((c) => c.key),
      relationKeys: adj.relations.map((r) => r.key),
    };
    indexes.set(doc, index);
  }
  return index;
}

function isOpen(doc: ReviewDocument, key: string, gold: Document, declined: ReadonlySet<string>): boolean {
  const { candidates, relations } = reviewIndex(doc);
  const c = candidates.get(key);
  if (c) return statusOf(c, gold, declined) === 'disputed';
  const r = relations.get(key);
  return !!r && relationStatusOf(r, gold, declined) === 'disputed';
}

export function rivalsOf(c: Candidate, all: readonly Candidate[]): Candidate[] {
  return all.filter((x) => competes(c, x));
}

export async function openCopies(pick: 'files' | 'folder' = 'files', add = false): Promise<void> {
  await attempt(async () => {
    const summary = await call('review:open', { paths: [], pick, add });
    if (!summary) return;
    set({ ...initial, summary });
    const first = summary.documents.find((d) => !d.reviewed) ?? summary.documents[0];
    if (first) await selectDocument(first.key);
  });
}

/** The lead's review of the team's copies, straight from the sync server. */
export async function openTeamCopies(): Promise<void> {
  await attempt(async () => {
    const summary = await call('team:review', {});
    set({ ...initial, summary });
    const first = summary.documents.find((d) => !d.reviewed) ?? summary.documents[0];
    if (first) await selectDocument(first.key);
  });
}

export async function selectDocument(key: string): Promise<void> {
  await attempt(async () => {
    const doc = await call('review:document', { key });
    const adj = doc.adjudication;
    const gold = doc.gold ?? startGold(adj, new Date().toISOString());
    // resuming a reviewed document: whatever is not in its gold was turned down then
    const inGold = new Set([...gold.spans.map((s) => s.id), ...gold.relations.map((r) => r.id)]);
    const reviewed = doc.gold?.status === 'reviewed';
    const declined = new Set(
      reviewed ? [...adj.candidates.filter((c) => !inGold.has(goldSpanId(c))).map((c) => c.key), ...adj.relations.filter((r) => !inGold.has(goldRelationId(r))).map((r) => r.key)] : [],
    );
    reviewIndex(doc); // built now, as part of opening, rather than on the first key press
    const firstDisputed = adj.candidates.find((c) => statusOf(c, gold, declined) === 'disputed') ?? adj.candidates.find((c) => !c.agreed);
    set({ doc, gold, declined, past: [], current: firstDisputed?.key ?? adj.candidates[0]?.key ?? null, editing: false, savedTo: null });
  });
}

export function stepDocument(dir: 1 | -1): void {
  const { summary, doc } = store.get();
  if (!summary?.documents.length) return;
  const i = summary.documents.findIndex((d) => d.key === doc?.key);
  const next = summary.documents[(i + dir + summary.documents.length) % summary.documents.length]!;
  void selectDocument(next.key);
}

export function focusCandidate(key: string): void {
  set({ current: key, editing: false });
}

/** j/k: the previous or next disagreement (spans, then relations), decided or not, so earlier decisions can be revisited. */
export function stepDisagreement(dir: 1 | -1): void {
  const { doc, current } = store.get();
  if (!doc) return;
  const { disagreements: list, position } = reviewIndex(doc);
  if (!list.length) return;
  const i = current ? (position.get(current) ?? -1) : -1;
  const next = i < 0 ? (dir === 1 ? 0 : list.length - 1) : (i + dir + list.length) % list.length;
  set({ current: list[next]!, editing: false });
}

/** Apply one decision as an undoable step, then move on to the next open disagreement. */
function decide(change: (gold: Document, declined: Set<string>) => Document, advance = true): void {
  const { doc, gold, declined, past, current } = store.get();
  if (!doc || !gold) return;
  const nextDeclined = new Set(declined);
  const nextGold = change(gold, nextDeclined);
  // a kept candidate or relation is no longer declined
  const { candidates, relations, disagreements: list, position } = reviewIndex(doc);
  for (const key of nextDeclined) {
    const c = candidates.get(key);
    const r = c ? undefined : relations.get(key);
    if ((c && goldSpanOf(c, nextGold)) || (r && relationInGold(r, nextGold))) nextDeclined.delete(key);
  }
  let nextCurrent = current;
  if (advance) {
    const i = current ? (position.get(current) ?? -1) : -1;
    for (let k = 1; k <= list.length; k++) {
      const key = list[(i + k + list.length) % list.length]!;
      if (isOpen(doc, key, nextGold, nextDeclined)) {
        nextCurrent = key;
        break;
      }
    }
  }
  set({ gold: nextGold, declined: nextDeclined, past: [...past, { gold, declined }].slice(-200), current: nextCurrent, editing: false, savedTo: null });
}

function currentCandidate(): Candidate | null {
  const { doc, current } = store.get();
  return (doc && current && reviewIndex(doc).candidates.get(current)) || null;
}

function currentRelation(): RelationCandidate | null {
  const { doc, current } = store.get();
  return (doc && current && reviewIndex(doc).relations.get(current)) || null;
}

/** `1`/`2` on a relation: accept it, once both of its spans are in gold. */
function keepRelation(r: RelationCandidate): void {
  const { doc, gold } = store.get();
  if (!doc || !gold) return;
  if (!relationEndsInGold(r, gold)) {
    notify(`Keep both spans of this ${r.type} relation first; then it can enter gold.`, 'info');
    return;
  }
  decide((g) => acceptRelation(doc.adjudication, g, r, actor()));
}

export function acceptAgreed(): void {
  const { doc } = store.get();
  if (!doc) return;
  decide((gold) => acceptAllAgreed(doc.adjudication, gold, actor()), false);
}

/** `1`: keep the current reading; its rivals leave gold. */
export function keepCurrent(): void {
  const r = currentRelation();
  if (r) return keepRelation(r);
  const c = currentCandidate();
  const { doc } = store.get();
  if (!c || !doc) return;
  decide((gold, declined) => {
    for (const r of rivalsOf(c, doc.adjudication.candidates)) declined.add(r.key);
    return keep(doc.adjudication, gold, c, actor());
  });
}

/** `2`: keep the current reading and its competing alternative side by side. */
export function keepBothCurrent(): void {
  const r = currentRelation();
  if (r) return keepRelation(r); // a relation has no competing reading
  const c = currentCandidate();
  const { doc } = store.get();
  if (!c || !doc) return;
  const alt = rivalsOf(c, doc.adjudication.candidates)[0];
  if (!alt) {
    notify('This span has no competing reading; kept it alone.', 'info');
    return keepCurrent();
  }
  decide((gold) => keepBoth(doc.adjudication, gold, c, alt, actor()));
}

/** `0`/`x`: keep neither — the current reading and its disputed rivals stay out of gold. */
export function rejectCurrent(): void {
  const r = currentRelation();
  const { doc: d } = store.get();
  if (r && d) {
    decide((gold, declined) => {
      declined.add(r.key);
      return rejectRelation(d.adjudication, gold, r, actor());
    });
    return;
  }
  const c = currentCandidate();
  const { doc } = store.get();
  if (!c || !doc) return;
  const out = [c, ...rivalsOf(c, doc.adjudication.candidates).filter((r) => !r.agreed)];
  decide((gold, declined) => {
    let g = gold;
    for (const r of out) {
      g = reject(doc.adjudication, g, r, actor());
      declined.add(r.key);
    }
    return g;
  });
}

/** The gold span the current candidate became, if it was kept. */
export function currentGoldSpan() {
  const c = currentCandidate();
  const gold = store.get().gold;
  return (c && gold && goldSpanOf(c, gold)) || null;
}

export function startEdit(): void {
  if (!currentGoldSpan()) {
    notify('Keep this span first (1 or 2); then e edits its label.', 'info');
    return;
  }
  set({ editing: true });
}

export function cancelEdit(): void {
  set({ editing: false });
}

/** `e`: relabel the current gold span. Its proposers stay on record; acceptedBy becomes the reviewer. */
export function relabelCurrent(label: string): void {
  const span = currentGoldSpan();
  if (!span) return;
  if (span.label === label) return set({ editing: false });
  if (store.get().gold!.spans.some((s) => s.id !== span.id && s.start === span.start && s.end === span.end && s.label === label)) {
    notify(`Gold already has this text as ${label}.`);
    return;
  }
  const who = actor();
  decide((gold) => {
    const next = updateSpan(gold, span.id, { label }, who);
    return { ...next, spans: sortSpans(next.spans.map((s) => (s.id === span.id ? { ...s, acceptedBy: who.annotator } : s))) };
  }, false);
}

export function undoReview(): void {
  const prev = store.get().past[store.get().past.length - 1];
  if (!prev) return;
  set({ gold: prev.gold, declined: prev.declined, past: store.get().past.slice(0, -1), editing: false, savedTo: null });
}

/** Enter/f: every candidate decided → gold with status reviewed, written to the gold corpus. */
export async function finalizeCurrent(): Promise<void> {
  const { doc, gold, summary } = store.get();
  if (!doc || !gold || !summary) return;
  const spans = undecided(store.get());
  const relations = undecidedRelations(store.get());
  if (spans.length || relations.length) {
    const agreedLeft = spans.filter((c) => c.agreed).length + relations.filter((r) => r.agreed).length;
    const what = [spans.length ? `${spans.length} span${spans.length === 1 ? '' : 's'}` : '', relations.length ? `${relations.length} relation${relations.length === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
    notify(`${what} still undecided${agreedLeft ? ` (${agreedLeft} agreed: press a)` : ''}. Keep (1, 2) or reject (0) each first.`);
    const first = spans.find((c) => !c.agreed)?.key ?? relations.find((r) => !r.agreed)?.key;
    if (first) set({ current: first });
    return;
  }
  await attempt(async () => {
    const final = finalize(gold, actor());
    const { path } = await call('review:saveGold', { key: doc.key, document: final });
    set({
      gold: final,
      savedTo: path,
      summary: { ...summary, goldPath: path, documents: summary.documents.map((d) => (d.key === doc.key ? { ...d, reviewed: true } : d)) },
    });
    notify(`Gold saved to ${path}`, 'info');
  });
}
