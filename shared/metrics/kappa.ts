/**
 * Cohen's κ between two annotators over the same items:
 *   κ = (p_o − p_e) / (1 − p_e)
 * p_o is the share of items both gave the same value; p_e the share expected
 * by chance from each annotator's own value frequencies, Σ_v p_a(v)·p_b(v).
 *
 * For spans the items are tokens and each label is its own binary layer
 * (token inside a span of that label or not). Nested annotation stays
 * honest that way: a token in a figure inside a claim is 1 in the claim layer
 * and 1 in the figure layer, rather than having to pick one label.
 */

import type { SpanLike } from './span-f1';
import { tokenize, tokenLayer, type Token } from './tokens';

export interface KappaResult {
  /** null when p_e = 1: both annotators gave one and the same value to every item, so κ is undefined */
  kappa: number | null;
  observed: number;
  expected: number;
  n: number;
}

/** Agreement table between two annotators, filled item by item so documents can be pooled. */
export class KappaTable {
  // Map keys keep 1 and '1' apart, as they should be for nominal values
  private readonly rowsA = new Map<string | number, number>();
  private readonly rowsB = new Map<string | number, number>();
  private agree = 0;
  n = 0;

  add(a: string | number, b: string | number, times = 1): void {
    if (times <= 0) return;
    this.n += times;
    if (a === b) this.agree += times;
    this.rowsA.set(a, (this.rowsA.get(a) ?? 0) + times);
    this.rowsB.set(b, (this.rowsB.get(b) ?? 0) + times);
  }

  /** Add two aligned binary layers in one go. */
  addLayers(a: ArrayLike<number>, b: ArrayLike<number>): void {
    if (a.length !== b.length) throw new Error('κ needs two layers over the same tokens.');
    const c = [0, 0, 0, 0]; // [a0b0, a0b1, a1b0, a1b1]
    for (let i = 0; i < a.length; i++) c[(a[i] ? 2 : 0) + (b[i] ? 1 : 0)]!++;
    this.add(0, 0, c[0]!);
    this.add(0, 1, c[1]!);
    this.add(1, 0, c[2]!);
    this.add(1, 1, c[3]!);
  }

  result(): KappaResult {
    if (this.n === 0) return { kappa: null, observed: 0, expected: 0, n: 0 };
    const observed = this.agree / this.n;
    let expected = 0;
    for (const [v, na] of this.rowsA) expected += (na / this.n) * ((this.rowsB.get(v) ?? 0) / this.n);
    // p_e can exceed 1 by a rounding hair; treat "within 1e-12 of 1" as undefined
    const kappa = 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
    return { kappa, observed, expected, n: this.n };
  }
}

export function cohenKappa(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): KappaResult {
  if (a.length !== b.length) throw new Error('κ needs the same number of items from both annotators.');
  const t = new KappaTable();
  a.forEach((x, i) => t.add(x, b[i]!));
  return t.result();
}

/** Token-level κ for one label over one text. */
export function tokenKappa(text: string, a: readonly SpanLike[], b: readonly SpanLike[], label: string, tokens: readonly Token[] = tokenize(text)): KappaResult {
  const t = new KappaTable();
  t.addLayers(
    tokenLayer(tokens, a.filter((s) => s.label === label)),
    tokenLayer(tokens, b.filter((s) => s.label === label)),
  );
  return t.result();
}
