import { describe, expect, it } from 'vitest';
import { cohenKappa, KappaTable, tokenKappa } from './kappa';
import type { SpanLike } from './span-f1';

describe('cohenKappa', () => {
  it('textbook 2×2 table', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15
    // p_o = (20+15)/50 = 0.7; A says yes 25/50 = 0.5, B says yes 30/50 = 0.6
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    const t = new KappaTable();
    t.add('yes', 'yes', 20);
    t.add('yes', 'no', 5);
    t.add('no', 'yes', 10);
    t.add('no', 'no', 15);
    const r = t.result();
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
  });

  it('small binary example', () => {
    // A 1 1 0 0 0, B 1 0 0 0 0: p_o = 4/5 = 0.8
    // p_e = (2/5)(1/5) + (3/5)(4/5) = 0.08 + 0.48 = 0.56; κ = 0.24/0.44 = 6/11
    expect(cohenKappa([1, 1, 0, 0, 0], [1, 0, 0, 0, 0]).kappa).toBeCloseTo(6 / 11, 12);
  });

  it('three categories', () => {
    // A a a b c, B a b b c: p_o = 3/4
    // p_e = a (2/4)(1/4) + b (1/4)(2/4) + c (1/4)(1/4) = 1/8 + 1/8 + 1/16 = 5/16
    // κ = (3/4 − 5/16)/(1 − 5/16) = (7/16)/(11/16) = 7/11
    expect(cohenKappa(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'c']).kappa).toBeCloseTo(7 / 11, 12);
  });

  it('is 1 for perfect agreement with variation, and can go negative', () => {
    expect(cohenKappa([1, 0, 1, 0], [1, 0, 1, 0]).kappa).toBe(1);
    // p_o = 0, p_e = 0.5 → κ = −1
    expect(cohenKappa([1, 0, 1, 0], [0, 1, 0, 1]).kappa).toBe(-1);
  });

  it('is undefined (null) when nobody varies, rather than a misleading 1 or 0', () => {
    expect(cohenKappa([0, 0, 0], [0, 0, 0]).kappa).toBeNull();
    expect(cohenKappa([], []).kappa).toBeNull();
  });

  it('keeps number and string values apart', () => {
    const t = new KappaTable();
    t.add(1, '1');
    expect(t.result().observed).toBe(0);
  });

  it('rejects layers of different length', () => {
    expect(() => cohenKappa([1], [1, 0])).toThrow();
    expect(() => new KappaTable().addLayers([1], [1, 0])).toThrow();
  });
});

describe('tokenKappa: one binary layer per label, so nesting is fine', () => {
  const text = 'the strike killed 62 servicemen today';
  //            the 0–3 | strike 4–10 | killed 11–17 | 62 18–20 | servicemen 21–31 | today 32–37
  const A: SpanLike[] = [
    { label: 'claim', start: 0, end: 31 }, // tokens 0–4
    { label: 'figure', start: 18, end: 31 }, // tokens 3–4, nested in the claim
  ];
  const B: SpanLike[] = [
    { label: 'claim', start: 4, end: 37 }, // tokens 1–5
    { label: 'figure', start: 18, end: 20 }, // token 3
  ];

  it('claim layer', () => {
    // A 1 1 1 1 1 0, B 0 1 1 1 1 1: p_o = 4/6; both mark 5/6
    // p_e = (5/6)² + (1/6)² = 26/36; κ = (24/36 − 26/36)/(10/36) = −0.2
    expect(tokenKappa(text, A, B, 'claim').kappa).toBeCloseTo(-0.2, 12);
  });

  it('figure layer counts the nested tokens again', () => {
    // A 0 0 0 1 1 0, B 0 0 0 1 0 0: p_o = 5/6; A marks 2/6, B 1/6
    // p_e = (2/6)(1/6) + (4/6)(5/6) = 2/36 + 20/36 = 22/36; κ = (30/36 − 22/36)/(14/36) = 4/7
    expect(tokenKappa(text, A, B, 'figure').kappa).toBeCloseTo(4 / 7, 12);
  });

  it('a label neither used is undefined', () => {
    expect(tokenKappa(text, A, B, 'actor')).toMatchObject({ kappa: null, n: 6, observed: 1 });
  });
});
