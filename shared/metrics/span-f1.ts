/**
 * Span agreement as precision, recall and F1 between two annotators. One
 * annotator (`a`) is read as the reference and the other (`b`) as the
 * prediction: P = matched / |b|, R = matched / |a|. F1 is the same whichever
 * way round the pair is taken, which is why agreement studies report it.
 *
 * exact:   same start, end and label.
 * overlap: same label and at least one shared code point. Each span matches
 *          at most one span of the other annotator. Exact pairs are matched
 *          first, so overlap agreement is never below exact agreement; the
 *          rest are paired greedily, largest shared length first (ties: the
 *          closer boundaries, then document order).
 */

export interface SpanLike {
  start: number;
  end: number;
  label: string;
}

export type MatchMode = 'exact' | 'overlap';

export interface Prf {
  /** matched spans */
  tp: number;
  /** spans only in b */
  fp: number;
  /** spans only in a */
  fn: number;
  /** null when the denominator is zero, which a table should show as "–", not 0 */
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  // 2tp / (2tp + fp + fn) equals the harmonic mean of P and R and is defined whenever either annotator marked anything
  const f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
  return { tp, fp, fn, precision, recall, f1 };
}

export function addPrf(x: Prf, y: Prf): Prf {
  return prf(x.tp + y.tp, x.fp + y.fp, x.fn + y.fn);
}

export const EMPTY_PRF: Prf = prf(0, 0, 0);

/** Index pairs [i in a, j in b] of spans with the same start, end and label; a multiset match. */
export function matchExact(a: readonly SpanLike[], b: readonly SpanLike[]): [number, number][] {
  const waiting = new Map<string, number[]>();
  b.forEach((s, j) => {
    const k = key(s);
    const list = waiting.get(k);
    if (list) list.push(j);
    else waiting.set(k, [j]);
  });
  const pairs: [number, number][] = [];
  a.forEach((s, i) => {
    const j = waiting.get(key(s))?.shift();
    if (j !== undefined) pairs.push([i, j]);
  });
  return pairs;
}

export function matchOverlap(a: readonly SpanLike[], b: readonly SpanLike[]): [number, number][] {
  const pairs = matchExact(a, b);
  const usedA = new Set(pairs.map(([i]) => i));
  const usedB = new Set(pairs.map(([, j]) => j));
  const options: { i: number; j: number; shared: number; drift: number }[] = [];
  a.forEach((x, i) => {
    if (usedA.has(i)) return;
    b.forEach((y, j) => {
      if (usedB.has(j) || x.label !== y.label) return;
      const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
      if (shared > 0) options.push({ i, j, shared, drift: Math.abs(x.start - y.start) + Math.abs(x.end - y.end) });
    });
  });
  options.sort((p, q) => q.shared - p.shared || p.drift - q.drift || p.i - q.i || p.j - q.j);
  for (const o of options) {
    if (usedA.has(o.i) || usedB.has(o.j)) continue;
    usedA.add(o.i);
    usedB.add(o.j);
    pairs.push([o.i, o.j]);
  }
  return pairs.sort((p, q) => p[0] - q[0]);
}

export interface SpanAgreement {
  byLabel: Record<string, Prf>;
  /** micro average: counts summed over labels, then P/R/F1 */
  micro: Prf;
}

/**
 * P/R/F1 per label and overall. `labels` fixes which labels appear (so a
 * label neither annotator used still gets a row); labels found in the spans
 * are added.
 */
export function spanAgreement(a: readonly SpanLike[], b: readonly SpanLike[], mode: MatchMode, labels: readonly string[] = []): SpanAgreement {
  const pairs = mode === 'exact' ? matchExact(a, b) : matchOverlap(a, b);
  const count = new Map<string, { tp: number; fp: number; fn: number }>();
  const slot = (label: string) => {
    let c = count.get(label);
    if (!c) count.set(label, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const l of labels) slot(l);
  const matchedA = new Set<number>();
  const matchedB = new Set<number>();
  for (const [i, j] of pairs) {
    matchedA.add(i);
    matchedB.add(j);
    slot(a[i]!.label).tp++;
  }
  a.forEach((s, i) => {
    if (!matchedA.has(i)) slot(s.label).fn++;
  });
  b.forEach((s, j) => {
    if (!matchedB.has(j)) slot(s.label).fp++;
  });
  // null prototype: a label may be named "__proto__" or "constructor"
  const byLabel = Object.create(null) as Record<string, Prf>;
  let micro = EMPTY_PRF;
  for (const [label, c] of count) {
    byLabel[label] = prf(c.tp, c.fp, c.fn);
    micro = addPrf(micro, byLabel[label]);
  }
  return { byLabel, micro };
}

function key(s: SpanLike): string {
  return `${s.start}:${s.end}:${s.label}`;
}
