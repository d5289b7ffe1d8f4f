import type { Document, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { graphemeEdges, tokenize, type Token } from '../text/tokenize';

/**
 * Projection of spans onto tokens, shared by CoNLL, Hugging Face and spaCy.
 * Tokens are cut at every span edge, so each span covers whole tokens.
 * Everything here is linear or n log n in spans and tokens: exports of a
 * million spans must not stall (issue 10 item 11).
 */

export function tokensFor(doc: Document, spans: readonly Span[] = doc.spans): Token[] {
  const breaks = new Set<number>();
  for (const s of spans) {
    breaks.add(s.start);
    breaks.add(s.end);
  }
  return tokenize(doc.text, breaks);
}

/**
 * Spans whose edges fall inside a grapheme cluster (an e and its combining
 * accent, one person of a ZWJ family) cannot be cut into tokens without
 * breaking a character. They are widened to the whole cluster and named in
 * a warning, never dropped.
 */
export function alignToGraphemes(doc: Document, spans: readonly Span[], warnings: string[]): Span[] {
  let isEdge: ((cp: number) => boolean) | undefined;
  return spans.map((s) => {
    isEdge ??= graphemeEdges(new OffsetIndex(doc.text));
    if (isEdge(s.start) && isEdge(s.end)) return s;
    let start = s.start;
    let end = s.end;
    while (!isEdge(start)) start--;
    while (!isEdge(end)) end++;
    warnings.push(`${doc.id}/${s.id}: "${s.label}" ${s.start}–${s.end} ${JSON.stringify(s.text)} cuts a character cluster (a letter and its accent, or an emoji sequence); exported as ${start}–${end}, the whole cluster`);
    return { ...s, start, end };
  });
}

/**
 * Keeps a non-overlapping subset: the longest spans first ('outermost', as
 * spaCy's `ents` and most flat NER data expect) or the shortest first
 * ('innermost'). Ties go to the earlier span.
 */
export function flatten(spans: readonly Span[], policy: 'outermost' | 'innermost'): { kept: Span[]; dropped: Span[] } {
  const byStart = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  const dropped: Span[] = [];
  // spans that overlap nothing are kept as they are; the greedy choice runs inside each cluster of overlapping spans
  let cluster: Span[] = [];
  let reach = -Infinity;
  const settle = () => {
    if (cluster.length === 1) kept.push(cluster[0]!);
    else if (cluster.length > 1) greedy(cluster, policy, kept, dropped);
    cluster = [];
  };
  for (const s of byStart) {
    if (s.start >= reach) settle();
    cluster.push(s);
    reach = Math.max(reach, s.end);
  }
  settle();
  kept.sort((a, b) => a.start - b.start);
  return { kept, dropped };
}

function greedy(spans: Span[], policy: 'outermost' | 'innermost', kept: Span[], dropped: Span[]): void {
  const order = [...spans].sort((a, b) => {
    const la = a.end - a.start;
    const lb = b.end - b.start;
    return (policy === 'outermost' ? lb - la : la - lb) || a.start - b.start;
  });
  const covered = new Coverage(spans);
  for (const s of order) {
    if (covered.any(s.start, s.end)) dropped.push(s);
    else {
      covered.cover(s.start, s.end);
      kept.push(s);
    }
  }
}

/**
 * Which stretches of text are taken, over the span edges as coordinates: a
 * segment tree answering "is anything in [a, b) taken?" and "take [a, b)"
 * in O(log n) each, where a list of kept spans would be scanned per span.
 */
class Coverage {
  private readonly xs: number[];
  private readonly full: Uint8Array;
  private readonly some: Uint8Array;
  private readonly n: number;

  constructor(spans: readonly Span[]) {
    const xs = new Set<number>();
    for (const s of spans) xs.add(s.start).add(s.end);
    this.xs = [...xs].sort((a, b) => a - b);
    this.n = Math.max(1, this.xs.length - 1);
    this.full = new Uint8Array(4 * this.n);
    this.some = new Uint8Array(4 * this.n);
  }

  private idx(x: number): number {
    let lo = 0;
    let hi = this.xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  any(start: number, end: number): boolean {
    return this.query(1, 0, this.n, this.idx(start), this.idx(end));
  }

  cover(start: number, end: number): void {
    this.update(1, 0, this.n, this.idx(start), this.idx(end));
  }

  private query(node: number, lo: number, hi: number, a: number, b: number): boolean {
    if (b <= lo || hi <= a || !this.some[node]) return false;
    if (this.full[node] || (a <= lo && hi <= b)) return true;
    const mid = (lo + hi) >> 1;
    return this.query(2 * node, lo, mid, a, b) || this.query(2 * node + 1, mid, hi, a, b);
  }

  private update(node: number, lo: number, hi: number, a: number, b: number): void {
    if (b <= lo || hi <= a || this.full[node]) return;
    this.some[node] = 1;
    if (a <= lo && hi <= b) {
      this.full[node] = 1;
      return;
    }
    const mid = (lo + hi) >> 1;
    this.update(2 * node, lo, mid, a, b);
    this.update(2 * node + 1, mid, hi, a, b);
  }
}

/** Index of the first token that starts at or after `cp` (tokens are in text order). */
export function firstTokenAt(tokens: readonly Token[], cp: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * BIO tags of one layer of non-overlapping spans. Spans that cover no
 * token at all (only whitespace) are added to `unplaced` when given.
 */
export function bioTags(tokens: readonly Token[], spans: readonly Span[], unplaced?: Span[]): string[] {
  const tags = new Array<string>(tokens.length).fill('O');
  for (const s of spans) {
    let i = firstTokenAt(tokens, s.start);
    const first = i;
    for (; i < tokens.length && tokens[i]!.end <= s.end; i++) tags[i] = `${i === first ? 'B' : 'I'}-${s.label}`;
    if (i === first) unplaced?.push(s);
  }
  return tags;
}

export interface Layer {
  label: string;
  spans: Span[];
}

/**
 * Splits spans into layers with no overlap inside a layer: one layer per
 * label, plus extra layers for a label whose own spans nest or cross.
 * The layer count per label is the corpus-wide maximum, so every document
 * has the same columns. Spans go to the first layer whose last span ends
 * before they start (spans are visited in text order).
 */
export function layersByLabel(docs: Document[], labelOrder: string[]): { columns: { label: string; depth: number }[]; assign: (doc: Document) => Layer[] } {
  const depth = new Map<string, number>();
  const perDoc = new Map<string, Map<string, Span[][]>>();
  for (const doc of docs) {
    const byLabel = new Map<string, { layers: Span[][]; ends: number[] }>();
    const sorted = [...doc.spans].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const s of sorted) {
      let entry = byLabel.get(s.label);
      if (!entry) byLabel.set(s.label, (entry = { layers: [], ends: [] }));
      let k = entry.ends.findIndex((end) => end <= s.start);
      if (k < 0) {
        k = entry.layers.length;
        entry.layers.push([]);
        entry.ends.push(0);
      }
      entry.layers[k]!.push(s);
      entry.ends[k] = s.end;
      depth.set(s.label, Math.max(depth.get(s.label) ?? 0, entry.layers.length));
    }
    perDoc.set(doc.id, new Map([...byLabel].map(([label, e]) => [label, e.layers])));
  }
  const known = new Set(labelOrder);
  const labels = [...labelOrder.filter((l) => depth.has(l)), ...[...depth.keys()].filter((l) => !known.has(l)).sort()];
  const columns = labels.flatMap((label) => Array.from({ length: depth.get(label)! }, (_, i) => ({ label, depth: i })));
  return {
    columns,
    assign: (doc) => columns.map((c) => ({ label: c.label, spans: perDoc.get(doc.id)?.get(c.label)?.[c.depth] ?? [] })),
  };
}
