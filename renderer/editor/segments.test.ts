import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../shared/model/schema';
import { OffsetIndex } from '../../shared/text/offsets';
import { bucketSpans, buildRuns, paragraphAt, paragraphRuns, splitParagraphs, toViewSpans, type ViewSpan } from './segments';
import { SpanIndex, spanChanges } from './span-index';
import { HeightModel } from './windowing';

const TEXT = 'Сводка 🚀 дня\r\nThe mayor said 12 people were hurt.\n\nКонец 👩‍👩‍👧 here.\nlast';

function span(id: string, start: number, end: number, label = 'claim'): Span {
  return { id, label, start, end, text: new OffsetIndex(TEXT).slice(start, end), annotator: 't', createdAt: 'x', updatedAt: 'x' };
}

const spansArb = (len: number) =>
  fc.array(
    fc.tuple(fc.nat(len), fc.nat(len), fc.constantFrom('claim', 'actor', 'figure')).map(([a, b, label]) => [Math.min(a, b), Math.max(a, b), label] as const),
    { maxLength: 30 },
  );

describe('paragraph index', () => {
  it('finds the paragraph of an offset', () => {
    const ps = splitParagraphs('ab\ncd\n\nef');
    expect([0, 2, 3, 5, 6, 7, 9].map((o) => paragraphAt(ps, o))).toEqual([0, 0, 1, 1, 2, 3, 3]);
  });

  it('per-paragraph runs equal the whole-document sweep, for any spans', () => {
    const cps = new OffsetIndex(TEXT).cpLength;
    fc.assert(
      fc.property(spansArb(cps), (raw) => {
        const index = new OffsetIndex(TEXT);
        const spans = raw.map(([a, b, label], i) => span(`s${i}`, a, b, label));
        const ps = splitParagraphs(TEXT);
        const view = toViewSpans(spans, index);
        const whole = buildRuns(ps, view);
        const buckets = bucketSpans(ps, view);
        ps.forEach((p, i) => expect(paragraphRuns(p, buckets[i]!)).toEqual(whole[i]));
      }),
    );
  });
});

describe('SpanIndex', () => {
  const ids = (b: readonly ViewSpan[]) => b.map((s) => `${s.id}:${s.label}`).sort();

  it('an incremental update gives the same buckets as a rebuild, for random edits', () => {
    const cps = new OffsetIndex(TEXT).cpLength;
    fc.assert(
      fc.property(spansArb(cps), spansArb(cps), fc.nat(10), (before, extra, drop) => {
        const index = new OffsetIndex(TEXT);
        const ps = splitParagraphs(TEXT);
        const a = before.map(([s, e, l], i) => span(`a${i}`, s, e, l));
        // keep most objects, drop some, relabel one, add new ones: what edits do
        const kept = a.filter((_, i) => i % 11 !== drop);
        const relabelled = kept.map((s, i) => (i === 0 ? { ...s, label: 'figure' } : s));
        const b = [...relabelled, ...extra.map(([s, e, l], i) => span(`b${i}`, s, e, l))].sort((x, y) => x.start - y.start);
        const inc = SpanIndex.build(ps, index, a).update(b);
        const full = SpanIndex.build(ps, index, b);
        inc.buckets.forEach((bucket, i) => expect(ids(bucket)).toEqual(ids(full.buckets[i]!)));
      }),
    );
  });

  it('shares untouched paragraphs with the previous index', () => {
    const index = new OffsetIndex(TEXT);
    const ps = splitParagraphs(TEXT);
    const a = [span('x', 0, 6), span('y', 13, 22)];
    const first = SpanIndex.build(ps, index, a);
    const next = first.update([...a, span('z', 14, 18, 'actor')]);
    expect(next.buckets[0]).toBe(first.buckets[0]);
    expect(next.buckets[1]).not.toBe(first.buckets[1]);
    expect(next.paragraphOf('z')).toBe(1);
  });

  it('spanChanges reports insertions, removals and replacements by identity', () => {
    const [a, b, c, d, e] = [{}, {}, {}, {}, {}];
    expect(spanChanges([a, b, c], [a, d, b, c])).toEqual({ removed: [], added: [d] });
    expect(spanChanges([a, b, c], [a, c])).toEqual({ removed: [b], added: [] });
    expect(spanChanges([a, b, c], [a, e, c])).toEqual({ removed: [b], added: [e] });
    expect(spanChanges([a, b], [c, d, e], 1)).toBeNull();
  });
});

describe('HeightModel', () => {
  it('estimates from length, prefers measurements, and finds the visible range', () => {
    const h = new HeightModel([0, 100, 250, 10], 20, 100);
    expect([h.top(1), h.top(2), h.top(3), h.total]).toEqual([20, 40, 100, 120]);
    h.measure(2, 50);
    expect(h.total).toBe(110);
    expect(h.range(30, 70)).toEqual({ first: 1, last: 3 });
    expect(h.range(0, 1000)).toEqual({ first: 0, last: 4 });
  });
});
