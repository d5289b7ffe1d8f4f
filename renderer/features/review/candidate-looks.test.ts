import { describe, expect, it } from 'vitest';
import type { ReviewDocument } from '../../../shared/ipc/contract';
import { DEFAULT_SCHEMA } from '../../../shared/model/defaults';
import { updateSpan } from '../../../shared/model/edits';
import type { Relation, Span } from '../../../shared/model/schema';
import { acceptAllAgreed, acceptRelation, adjudicate, goldSpanId, keep, startGold } from '../../../shared/review/adjudicate';
import { CandidateLooks, RelationLooks } from './candidate-looks';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'The ministry said 62 soldiers died.';
const span = (who: string, id: string, label: string, quote: string): Span => {
  const start = TEXT.indexOf(quote);
  return { id, label, start, end: start + quote.length, text: quote, annotator: who, createdAt: T, updatedAt: T };
};
const rel = (who: string, id: string, from: string, to: string): Relation => ({ id, type: 'source', from, to, annotator: who });
const version = (annotator: string, spans: Span[], relations: Relation[]) => ({
  annotator,
  doc: { id: 'd1', title: 'Toll', source: {}, text: TEXT, status: 'done' as const, spans, relations },
});

const adj = adjudicate([
  version('alice', [span('alice', 'a1', 'actor', 'The ministry'), span('alice', 'a2', 'attribution', 'said'), span('alice', 'a3', 'figure', '62 soldiers')], [rel('alice', 'r1', 'a2', 'a1')]),
  version('bob', [span('bob', 'b1', 'actor', 'The ministry'), span('bob', 'b2', 'attribution', 'said'), span('bob', 'b3', 'figure', '62')], [rel('bob', 'r1', 'b2', 'b1')]),
]);
const doc: ReviewDocument = { key: 'd1', title: 'Toll', matchedBy: 'id', versions: [], adjudication: adj, gold: null };
const key = (label: string, quote: string) => `${TEXT.indexOf(quote)}:${TEXT.indexOf(quote) + quote.length}:${label}`;
const rita = { annotator: 'rita', now: T };
const MINISTRY = key('actor', 'The ministry');
const LONG = key('figure', '62 soldiers');
const SHORT = key('figure', '62');

describe('CandidateLooks: what the text shows of each candidate, worked out when the view asks', () => {
  it('draws agreed, disputed, kept and turned-down candidates distinctly, and knows every candidate', () => {
    const start = startGold(adj, T);
    const before = new CandidateLooks(doc, start, new Set(), DEFAULT_SCHEMA);
    expect(before.get(MINISTRY)?.className).toBe('rv-agreed rv-agreed-candidate');
    expect(before.get(LONG)?.className).toBe('rv-disputed');
    expect(before.get('0:1:nothing')).toBeUndefined();
    expect([...before.keys()]).toEqual(adj.candidates.map((c) => c.key));
    expect(before.size).toBe(adj.candidates.length);

    const gold = keep(adj, acceptAllAgreed(adj, start, rita), LONG, rita);
    const after = new CandidateLooks(doc, gold, new Set([SHORT]), DEFAULT_SCHEMA);
    expect(after.get(MINISTRY)?.className).toBe('rv-kept rv-agreed-candidate');
    expect(after.get(LONG)?.className).toBe('rv-kept rv-settled');
    expect(after.get(SHORT)).toMatchObject({ className: 'rv-rejected rv-settled', color: '#e4572e55', title: 'figure: bob (rejected)' });
    expect(new Map(after.entries()).get(LONG)).toBe(after.get(LONG));
  });

  it('keeps a candidate’s decoration object while its look is unchanged, and follows a relabel in gold', () => {
    const gold = keep(adj, startGold(adj, T), LONG, rita);
    const first = new CandidateLooks(doc, gold, new Set(), DEFAULT_SCHEMA);
    const unchanged = first.get(MINISTRY);
    const kept = first.get(LONG);
    const relabelled = updateSpan(gold, goldSpanId({ key: LONG }), { label: 'actor' }, rita);
    const next = new CandidateLooks(doc, relabelled, new Set(), DEFAULT_SCHEMA);
    expect(next.get(MINISTRY)).toBe(unchanged); // the view's paragraph signature stays, nothing is rebuilt there
    expect(next.get(LONG)).not.toBe(kept);
    expect(next.get(LONG)?.color).toBe('#5b8def'); // actor's colour: gold's label, not the proposed one
  });
});

describe('RelationLooks', () => {
  it('shows a relation waiting until both of its spans are in gold, then its status, and marks the current one', () => {
    const [source] = adj.relations;
    const start = startGold(adj, T);
    expect(new RelationLooks(doc, start, new Set(), null).get(source!.key)?.className).toBe('rv-waiting');
    const gold = acceptAllAgreed(adj, start, rita);
    expect(new RelationLooks(doc, gold, new Set(), source!.key).get(source!.key)?.className).toBe('rv-kept rv-current');
    const spansOnly = keep(adj, keep(adj, start, MINISTRY, rita), key('attribution', 'said'), rita);
    expect(new RelationLooks(doc, spansOnly, new Set(), null).get(source!.key)?.className).toBe('rv-agreed');
    expect(new RelationLooks(doc, acceptRelation(adj, spansOnly, source!, rita), new Set(), null).get(source!.key)?.title).toBe('source: alice, bob (kept)');
    expect([...new RelationLooks(doc, start, new Set(), null).keys()]).toEqual([source!.key]);
  });
});
