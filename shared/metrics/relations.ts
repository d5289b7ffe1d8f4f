/**
 * Relation agreement: a relation of one annotator matches one of the other
 * when its type is equal and both of its ends are spans that matched
 * exactly (same start, end and label). Matching is one-to-one, and P/R/F1
 * follow the span metric's convention (a = reference, b = prediction).
 * Requiring exact ends keeps the metric strict: a relation between two
 * slightly different spans is a different reading of who said what.
 */

import type { Relation, Span } from '../model/schema';
import { addPrf, EMPTY_PRF, matchExact, prf, type Prf } from './span-f1';

export interface Annotated {
  spans: readonly Span[];
  relations: readonly Relation[];
}

export interface RelationAgreement {
  byType: Record<string, Prf>;
  micro: Prf;
}

export function relationAgreement(a: Annotated, b: Annotated, types: readonly string[] = []): RelationAgreement {
  const bIdFor = new Map<string, string>();
  for (const [i, j] of matchExact(a.spans, b.spans)) bIdFor.set(a.spans[i]!.id, b.spans[j]!.id);

  const bSpanIds = new Set(b.spans.map((s) => s.id));
  const waiting = new Map<string, number>();
  const count = new Map<string, { tp: number; fp: number; fn: number }>();
  const slot = (type: string) => {
    let c = count.get(type);
    if (!c) count.set(type, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const t of types) slot(t);
  for (const r of b.relations) {
    // a dangling relation is not an annotation anyone can see; skip it on both sides
    if (!bSpanIds.has(r.from) || !bSpanIds.has(r.to)) continue;
    const k = relKey(r.type, r.from, r.to);
    waiting.set(k, (waiting.get(k) ?? 0) + 1);
    slot(r.type).fp++;
  }
  const aSpanIds = new Set(a.spans.map((s) => s.id));
  for (const r of a.relations) {
    if (!aSpanIds.has(r.from) || !aSpanIds.has(r.to)) continue;
    const from = bIdFor.get(r.from);
    const to = bIdFor.get(r.to);
    const k = from !== undefined && to !== undefined ? relKey(r.type, from, to) : null;
    const left = k ? (waiting.get(k) ?? 0) : 0;
    const c = slot(r.type);
    if (k && left > 0) {
      waiting.set(k, left - 1);
      c.tp++;
      c.fp--;
    } else {
      c.fn++;
    }
  }
  // null prototype: a relation type may be named "__proto__" or "constructor"
  const byType = Object.create(null) as Record<string, Prf>;
  let micro = EMPTY_PRF;
  for (const [type, c] of count) {
    byType[type] = prf(c.tp, c.fp, c.fn);
    micro = addPrf(micro, byType[type]);
  }
  return { byType, micro };
}

function relKey(type: string, from: string, to: string): string {
  return `${type}\u0000${from}\u0000${to}`;
}
