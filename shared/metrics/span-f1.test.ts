import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchExact, matchOverlap, prf, spanAgreement, type SpanLike } from './span-f1';

const s = (label: string, start: number, end: number): SpanLike => ({ label, start, end });

describe('prf', () => {
  it('computes P, R and F1 from counts', () => {
    // tp=3 fp=1 fn=2: P = 3/4 = 0.75, R = 3/5 = 0.6, F1 = 2·3/(2·3+1+2) = 6/9 = 0.6667
    const r = prf(3, 1, 2);
    expect(r.precision).toBe(0.75);
    expect(r.recall).toBe(0.6);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
  });
  it('leaves undefined ratios null instead of pretending they are 0 or 1', () => {
    expect(prf(0, 0, 0)).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null });
    expect(prf(0, 0, 2)).toMatchObject({ precision: null, recall: 0, f1: 0 });
  });
});

describe('spanAgreement: worked example', () => {
  // A (reference): claim 0–20, actor 0–5, figure 10–15, attribution 21–25
  // B:             claim 0–20, actor 0–6, figure 10–15, figure 30–35
  const A = [s('claim', 0, 20), s('actor', 0, 5), s('figure', 10, 15), s('attribution', 21, 25)];
  const B = [s('claim', 0, 20), s('actor', 0, 6), s('figure', 10, 15), s('figure', 30, 35)];

  it('exact', () => {
    const r = spanAgreement(A, B, 'exact');
    // claim: tp1 → P 1, R 1, F1 1
    expect(r.byLabel.claim).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    // actor: 0–5 vs 0–6 differ → fn1 fp1 → P 0/1 = 0, R 0/1 = 0, F1 0
    expect(r.byLabel.actor).toEqual({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0, f1: 0 });
    // figure: 10–15 matches, 30–35 only in B → tp1 fp1 → P 1/2, R 1/1, F1 2/(2+1) = 0.6667
    expect(r.byLabel.figure).toMatchObject({ tp: 1, fp: 1, fn: 0, precision: 0.5, recall: 1 });
    expect(r.byLabel.figure!.f1).toBeCloseTo(2 / 3, 12);
    // attribution: only in A → fn1 → P undefined (B marked none), R 0, F1 0
    expect(r.byLabel.attribution).toEqual({ tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
    // micro: tp 2, fp 2, fn 2 → P 2/4, R 2/4, F1 4/8 = 0.5
    expect(r.micro).toEqual({ tp: 2, fp: 2, fn: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('overlap', () => {
    const r = spanAgreement(A, B, 'overlap');
    // actor 0–5 and 0–6 share 5 code points → matched
    expect(r.byLabel.actor).toEqual({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    // micro: tp 3, fp 1 (figure 30–35), fn 1 (attribution) → P 3/4, R 3/4, F1 6/8 = 0.75
    expect(r.micro).toEqual({ tp: 3, fp: 1, fn: 1, precision: 0.75, recall: 0.75, f1: 0.75 });
  });

  it('lists requested labels that nobody used, with null scores', () => {
    const r = spanAgreement([], [], 'exact', ['claim']);
    expect(r.byLabel.claim).toEqual(prf(0, 0, 0));
    expect(r.micro.f1).toBeNull();
  });
});

describe('matching', () => {
  it('exact matching is one-to-one even with duplicate spans', () => {
    expect(matchExact([s('x', 0, 1), s('x', 0, 1)], [s('x', 0, 1)])).toEqual([[0, 0]]);
  });
  it('never matches across labels', () => {
    expect(matchOverlap([s('claim', 0, 10)], [s('actor', 0, 10)])).toEqual([]);
    expect(matchExact([s('claim', 0, 10)], [s('actor', 0, 10)])).toEqual([]);
  });
  it('touching ranges do not overlap', () => {
    expect(matchOverlap([s('x', 0, 5)], [s('x', 5, 9)])).toEqual([]);
  });
  it('pairs the largest overlap first', () => {
    // A 0–10 shares 5 with B 5–20 and 8 with B 0–8 → pairs with B[1]
    expect(matchOverlap([s('x', 0, 10)], [s('x', 5, 20), s('x', 0, 8)])).toEqual([[0, 1]]);
  });
  it('breaks ties by boundary drift, then by order', () => {
    // A 2–8: B 0–8 and B 2–10 both share 6 and drift 2 → the first
    expect(matchOverlap([s('x', 2, 8)], [s('x', 0, 8), s('x', 2, 10)])).toEqual([[0, 0]]);
    // A 2–8: B 0–9 (shared 6, drift 3) vs B 2–9 (shared 6, drift 1) → the second
    expect(matchOverlap([s('x', 2, 8)], [s('x', 0, 9), s('x', 2, 9)])).toEqual([[0, 1]]);
  });
  it('lets one long span match only one of two short ones', () => {
    // A 0–10, 12–20 vs B 0–20: tp 1, fn 1 → P 1/1, R 1/2, F1 2/(2+0+1) = 2/3
    const r = spanAgreement([s('x', 0, 10), s('x', 12, 20)], [s('x', 0, 20)], 'overlap');
    expect(r.micro).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(r.micro.f1).toBeCloseTo(2 / 3, 12);
  });
  it('matches exact pairs before greedy overlap pairs', () => {
    // greedy by size alone would pair A 0–10 with B 1–11 (shared 9) and leave A 1–11 … but both are exact here
    const A = [s('x', 0, 10), s('x', 1, 11)];
    const B = [s('x', 1, 11), s('x', 0, 10)];
    expect(matchOverlap(A, B)).toEqual([[0, 1], [1, 0]]);
  });
});

const spanArb = fc
  .record({ label: fc.constantFrom('a', 'b'), start: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 1, max: 8 }) })
  .map(({ label, start, len }) => s(label, start, start + len));

describe('properties', () => {
  it('overlap agreement is never below exact agreement, and F1 is symmetric', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 12 }), fc.array(spanArb, { maxLength: 12 }), (A, B) => {
        const ex = spanAgreement(A, B, 'exact');
        const ov = spanAgreement(A, B, 'overlap');
        expect(ov.micro.tp).toBeGreaterThanOrEqual(ex.micro.tp);
        const back = spanAgreement(B, A, 'overlap');
        expect(back.micro.tp).toBe(ov.micro.tp);
        expect(back.micro.f1).toBe(ov.micro.f1);
        expect(back.micro.precision).toBe(ov.micro.recall);
      }),
      { numRuns: 1000 },
    );
  });
  it('agreement with oneself is perfect', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { minLength: 1, maxLength: 12 }), (A) => {
        expect(spanAgreement(A, A, 'exact').micro.f1).toBe(1);
      }),
    );
  });
});
