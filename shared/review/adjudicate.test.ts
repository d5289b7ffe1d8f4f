import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import type { Document, Relation, Span } from '../model/schema';
import { DocumentSchema } from '../model/schema';
import { documentProblems } from '../model/validate';
import {
  acceptAllAgreed, acceptRelation, adjudicate, AdjudicationError, agreed, competes, conflicts, disagreements,
  finalize, goldSpanOf, keep, keepBoth, reject, rejectRelation, relationEndsInGold, relationInGold, startGold, type Adjudication,
} from './adjudicate';
import { sortSpans } from '../model/edits';
import type { DocumentVersion } from './gather';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'The ministry said the strike killed 62 servicemen.';
const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });
const span = (who: string, id: string, label: string, r: { start: number; end: number }): Span => ({
  id, label, ...r, text: TEXT.slice(r.start, r.end), annotator: who, createdAt: T, updatedAt: T,
});
const rel = (who: string, type: string, from: string, to: string): Relation => ({ id: `${who}-${type}-${from}-${to}`, type, from, to, annotator: who });
const version = (annotator: string, spans: Span[], relations: Relation[]): DocumentVersion => ({
  annotator,
  doc: { id: 'd1', title: 'Strike', source: { outlet: 'Meridian' }, text: TEXT, status: 'done', spans, relations },
});

const CLAIM = at('the strike killed 62 servicemen');
const CLAIM_DOT = { start: CLAIM.start, end: CLAIM.end + 1 };
const FIG = at('62 servicemen');
const FIG_NUM = at('62');
const MINISTRY = at('The ministry');
const MINISTRY_NOUN = at('ministry');
const SAID = at('said');

const versions = [
  version('ann', [span('ann', 'a1', 'actor', MINISTRY), span('ann', 'a2', 'attribution', SAID), span('ann', 'a3', 'claim', CLAIM), { ...span('ann', 'a4', 'figure', FIG), attributes: { value: 62 } }], [
    rel('ann', 'source', 'a2', 'a1'),
    rel('ann', 'content', 'a2', 'a3'),
  ]),
  version('bob', [span('bob', 'b1', 'actor', MINISTRY), span('bob', 'b2', 'attribution', SAID), span('bob', 'b3', 'claim', CLAIM_DOT), span('bob', 'b4', 'figure', FIG_NUM)], [
    rel('bob', 'source', 'b2', 'b1'),
    rel('bob', 'content', 'b2', 'b3'),
  ]),
  version('cat', [span('cat', 'c1', 'actor', MINISTRY_NOUN), span('cat', 'c2', 'attribution', SAID), span('cat', 'c3', 'claim', CLAIM), span('cat', 'c4', 'figure', FIG)], [
    rel('cat', 'source', 'c2', 'c1'),
    rel('cat', 'content', 'c2', 'c3'),
  ]),
];
const reviewer = { annotator: 'rev', now: '2026-02-02T00:00:00.000Z' };
const keyOf = (label: string, r: { start: number; end: number }) => `${r.start}:${r.end}:${label}`;
const labelsIn = (d: Document) => d.spans.map((s) => `${s.label} ${s.text}`);

describe('adjudicate: candidates', () => {
  const adj = adjudicate(versions);

  it('pools spans by (start, end, label) with who proposed each', () => {
    expect(adj.annotators).toEqual(['ann', 'bob', 'cat']);
    expect(adj.candidates.map((c) => [c.label, c.text, c.proposedBy.join('+')])).toEqual([
      ['actor', 'The ministry', 'ann+bob'],
      ['actor', 'ministry', 'cat'],
      ['attribution', 'said', 'ann+bob+cat'],
      ['claim', 'the strike killed 62 servicemen.', 'bob'],
      ['claim', 'the strike killed 62 servicemen', 'ann+cat'],
      ['figure', '62 servicemen', 'ann+cat'],
      ['figure', '62', 'bob'],
    ]);
    const fig = adj.candidates.find((c) => c.key === keyOf('figure', FIG))!;
    expect(fig.spanIds).toEqual({ ann: 'a4', cat: 'c4' });
    expect(fig.attributes).toEqual({ value: 62 });
  });

  it('calls a candidate agreed only when every annotator proposed it', () => {
    expect(agreed(adj).map((c) => c.label)).toEqual(['attribution']);
    expect(disagreements(adj)).toHaveLength(6);
  });

  it('pools relations by their mapped ends', () => {
    const byKey = Object.fromEntries(adj.relations.map((r) => [r.key, r.proposedBy.join('+')]));
    expect(byKey[`source|${keyOf('attribution', SAID)}|${keyOf('actor', MINISTRY)}`]).toBe('ann+bob');
    expect(byKey[`content|${keyOf('attribution', SAID)}|${keyOf('claim', CLAIM)}`]).toBe('ann+cat');
    expect(adj.relations).toHaveLength(4);
  });

  it('finds competing readings, but not legitimate nesting', () => {
    expect(conflicts(adj).map(([a, b]) => [a.text, b.text])).toEqual([
      ['The ministry', 'ministry'],
      ['the strike killed 62 servicemen.', 'the strike killed 62 servicemen'],
      ['62 servicemen', '62'],
    ]);
    const claim = adj.candidates.find((c) => c.key === keyOf('claim', CLAIM))!;
    const fig = adj.candidates.find((c) => c.key === keyOf('figure', FIG))!;
    expect(competes(claim, fig)).toBe(false);
    expect(competes({ ...fig, key: 'other', label: 'actor' }, fig)).toBe(true); // same bounds, other label
  });

  it('refuses versions whose text differs', () => {
    const odd = { ...versions[1]!, doc: { ...versions[1]!.doc, text: TEXT + ' More.' } };
    expect(() => adjudicate([versions[0]!, odd])).toThrow(AdjudicationError);
    expect(() => adjudicate([])).toThrow(AdjudicationError);
  });
});

describe('adjudicate: building gold', () => {
  const adj: Adjudication = adjudicate(versions);
  const start = startGold(adj, T);

  it('starts empty and in progress', () => {
    expect(start).toMatchObject({ id: 'd1', title: 'Strike', text: TEXT, status: 'in_progress', spans: [], relations: [] });
  });

  it('accepts all agreed spans, with the trail of who proposed and who accepted', () => {
    const g = acceptAllAgreed(adj, start, reviewer);
    expect(g.spans).toHaveLength(1);
    expect(g.spans[0]).toMatchObject({ label: 'attribution', text: 'said', proposedBy: ['ann', 'bob', 'cat'], acceptedBy: 'rev', annotator: 'rev' });
    expect(g.relations).toEqual([]); // no relation has both ends in gold yet
  });

  const relKey = (type: string, from: string, to: string) => `${type}|${from}|${to}`;
  const SOURCE = relKey('source', keyOf('attribution', SAID), keyOf('actor', MINISTRY));
  const CONTENT = relKey('content', keyOf('attribution', SAID), keyOf('claim', CLAIM));

  it('keeping both spans does not bring in a relation nobody reviewed', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    g = keep(adj, g, keyOf('actor', MINISTRY), reviewer);
    g = keep(adj, g, keyOf('claim', CLAIM), reviewer);
    expect(g.relations).toEqual([]);
  });

  it('a relation enters gold when accepted, only with both spans in gold, with its trail', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    expect(() => acceptRelation(adj, g, SOURCE, reviewer)).toThrow(/Keep both spans/);
    g = keep(adj, g, keyOf('actor', MINISTRY), reviewer);
    g = keep(adj, g, keyOf('claim', CLAIM), reviewer);
    g = acceptRelation(adj, acceptRelation(adj, g, SOURCE, reviewer), CONTENT, reviewer);
    expect(g.relations.map((r) => [r.type, r.proposedBy, r.acceptedBy])).toEqual([
      ['source', ['ann', 'bob'], 'rev'],
      ['content', ['ann', 'cat'], 'rev'],
    ]);
    const byId = new Map(g.spans.map((s) => [s.id, s.text]));
    expect(g.relations.map((r) => `${byId.get(r.from)} → ${byId.get(r.to)}`)).toEqual(['said → The ministry', 'said → the strike killed 62 servicemen']);
    expect(documentProblems(g, DEFAULT_SCHEMA)).toEqual([]);
    expect(rejectRelation(adj, g, SOURCE, reviewer).relations.map((r) => r.type)).toEqual(['content']);
  });

  it('`a` accepts agreed relations whose spans are in gold, and no disputed one', () => {
    const agreedAll = adjudicate([versions[0]!, { ...versions[0]!, annotator: 'twin' }]);
    const g = acceptAllAgreed(agreedAll, startGold(agreedAll, T), reviewer);
    expect(g.relations.map((r) => r.type).sort()).toEqual(['content', 'source']);
    expect(acceptAllAgreed(adj, start, reviewer).relations).toEqual([]);
  });

  it('keep replaces a competing reading already in gold, and takes its relations out', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    g = keep(adj, g, keyOf('actor', MINISTRY), reviewer);
    g = acceptRelation(adj, g, SOURCE, reviewer);
    g = keep(adj, g, keyOf('actor', MINISTRY_NOUN), reviewer);
    expect(labelsIn(g)).toEqual(['actor ministry', 'attribution said']);
    expect(g.relations).toEqual([]);
  });

  it('keepBoth keeps two competing readings', () => {
    const g = keepBoth(adj, start, keyOf('figure', FIG), keyOf('figure', FIG_NUM), reviewer);
    expect(labelsIn(g)).toEqual(['figure 62 servicemen', 'figure 62']);
    expect(g.spans[0]!.attributes).toEqual({ value: 62 });
  });

  it('reject removes a candidate and its relations; rejecting what is absent changes nothing', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    g = keep(adj, g, keyOf('actor', MINISTRY), reviewer);
    g = acceptRelation(adj, g, SOURCE, reviewer);
    expect(g.relations).toHaveLength(1);
    g = reject(adj, g, keyOf('actor', MINISTRY), reviewer);
    expect(labelsIn(g)).toEqual(['attribution said']);
    expect(g.relations).toEqual([]);
    expect(reject(adj, g, keyOf('figure', FIG), reviewer)).toBe(g);
    expect(() => reject(adj, g, 'no:such:key', reviewer)).toThrow(AdjudicationError);
  });

  it('is idempotent and never mutates its input', () => {
    const frozen = structuredClone(start);
    const once = keep(adj, start, keyOf('claim', CLAIM), reviewer);
    expect(keep(adj, once, keyOf('claim', CLAIM), reviewer)).toEqual(once);
    expect(start).toEqual(frozen);
  });

  it('does not bring back a relation the reviewer removed by hand', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    g = keep(adj, g, keyOf('actor', MINISTRY), reviewer);
    g = { ...g, relations: [] };
    g = keep(adj, g, keyOf('figure', FIG), reviewer);
    expect(g.relations).toEqual([]);
  });

  it('finalize marks the document reviewed and produces a valid Document', () => {
    let g = acceptAllAgreed(adj, start, reviewer);
    for (const c of disagreements(adj)) g = keep(adj, g, c, reviewer);
    g = acceptRelation(adj, g, relKey('source', keyOf('attribution', SAID), keyOf('actor', MINISTRY_NOUN)), reviewer);
    expect(g.relations).toHaveLength(1);
    g = { ...g, spans: g.spans.filter((s) => s.label !== 'actor') }; // leave a dangling relation behind
    const done = finalize(g, reviewer);
    expect(done.status).toBe('reviewed');
    expect(documentProblems(done, DEFAULT_SCHEMA)).toEqual([]);
    expect(DocumentSchema.safeParse(done).success).toBe(true);
  });

  it('any sequence of operations leaves a valid gold document', () => {
    const keys = adj.candidates.map((c) => c.key);
    const op = fc.oneof(
      fc.constantFrom(...keys).map((k) => ({ kind: 'keep' as const, k })),
      fc.constantFrom(...keys).map((k) => ({ kind: 'reject' as const, k })),
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).map(([k, k2]) => ({ kind: 'both' as const, k, k2 })),
      fc.constant({ kind: 'agreed' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
        let g = start;
        for (const o of ops) {
          if (o.kind === 'keep') g = keep(adj, g, o.k, reviewer);
          else if (o.kind === 'reject') g = reject(adj, g, o.k, reviewer);
          else if (o.kind === 'both') g = keepBoth(adj, g, o.k, o.k2, reviewer);
          else g = acceptAllAgreed(adj, g, reviewer);
        }
        expect(documentProblems(finalize(g, reviewer), DEFAULT_SCHEMA)).toEqual([]);
        expect(documentProblems(g, DEFAULT_SCHEMA)).toEqual([]);
        // spans kept one or two at a time are put in place, never appended out of reading order
        expect(g.spans).toEqual(sortSpans(g.spans));
        expect(new Set(g.spans.map((s) => s.id)).size).toBe(g.spans.length);
      }),
    );
  });

  it('answers whether a relation can enter, or is in, for the very gold version it is asked about', () => {
    const source = adj.relations.find((r) => r.key === SOURCE)!;
    const withSpans = acceptAllAgreed(adj, start, reviewer);
    const kept = keep(adj, withSpans, keyOf('actor', MINISTRY), reviewer);
    expect(relationEndsInGold(source, withSpans)).toBe(false);
    expect(relationEndsInGold(source, kept)).toBe(true);
    const accepted = acceptRelation(adj, kept, source, reviewer);
    expect(relationInGold(source, kept)).toBe(false);
    expect(relationInGold(source, accepted)).toBe(true);
    // an earlier version keeps its answers after later ones were asked about
    const rejected = reject(adj, accepted, keyOf('actor', MINISTRY), reviewer);
    expect([relationEndsInGold(source, rejected), relationInGold(source, rejected)]).toEqual([false, false]);
    expect([relationEndsInGold(source, accepted), relationInGold(source, accepted)]).toEqual([true, true]);
    expect(goldSpanOf({ key: keyOf('actor', MINISTRY) }, accepted)?.text).toBe('The ministry');
    expect(goldSpanOf({ key: keyOf('actor', MINISTRY) }, rejected)).toBeUndefined();
  });
});
