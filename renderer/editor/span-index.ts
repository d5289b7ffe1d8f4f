import type { OffsetIndex } from '../../shared/text/offsets';
import type { Span } from '../../shared/model/schema';
import { bucketSpans, paragraphAt, type Paragraph, type ViewSpan } from './segments';

/**
 * Spans of one text grouped by paragraph, in UTF-16. Edits replace the span
 * array but keep untouched Span objects, so the next index is derived from
 * the previous one by identity: adding or relabelling one span touches the
 * paragraphs it covers, not the other 20,000 spans.
 */
export class SpanIndex {
  private constructor(
    readonly paragraphs: readonly Paragraph[],
    readonly index: OffsetIndex,
    readonly spans: readonly Span[],
    /** spans touching each paragraph; unchanged paragraphs share their array with the previous index */
    readonly buckets: readonly ViewSpan[][],
  ) {}

  static build(paragraphs: readonly Paragraph[], index: OffsetIndex, spans: readonly Span[]): SpanIndex {
    return new SpanIndex(paragraphs, index, spans, bucketSpans(paragraphs, spans.map((s) => toView(s, index))));
  }

  /** The index for `next`, reusing this one when `next` is a small edit of these spans. */
  update(next: readonly Span[]): SpanIndex {
    if (next === this.spans) return this;
    const diff = spanChanges(this.spans, next);
    if (!diff) return SpanIndex.build(this.paragraphs, this.index, next);
    const buckets = this.buckets.slice();
    const copied = new Set<number>();
    const own = (i: number): ViewSpan[] => {
      if (!copied.has(i)) {
        buckets[i] = buckets[i]!.slice();
        copied.add(i);
      }
      return buckets[i]!;
    };
    for (const s of diff.removed) {
      const v = toView(s, this.index);
      for (const i of this.touched(v)) {
        const b = own(i);
        const at = b.findIndex((x) => x.id === s.id && x.start === v.start && x.end === v.end && x.label === s.label);
        if (at >= 0) b.splice(at, 1);
      }
    }
    for (const s of diff.added) {
      const v = toView(s, this.index);
      for (const i of this.touched(v)) own(i).push(v);
    }
    return new SpanIndex(this.paragraphs, this.index, next, buckets);
  }

  /** Paragraphs a span belongs to, by the same rule as bucketSpans. */
  private touched(v: ViewSpan): number[] {
    const out: number[] = [];
    if (v.end <= v.start) return out;
    for (let i = paragraphAt(this.paragraphs, v.start); i < this.paragraphs.length && this.paragraphs[i]!.start < v.end; i++) {
      const p = this.paragraphs[i]!;
      if (v.start < p.end && v.end > p.start) out.push(i);
    }
    return out;
  }

  /** Paragraph holding the start of span `id`, or -1. */
  paragraphOf(id: string): number {
    const s = this.spans.find((x) => x.id === id);
    return s ? paragraphAt(this.paragraphs, this.index.toUtf16(s.start)) : -1;
  }
}

function toView(s: Span, index: OffsetIndex): ViewSpan {
  return { id: s.id, label: s.label, start: index.toUtf16(s.start), end: index.toUtf16(s.end) };
}

/**
 * Spans removed and added between two arrays, by object identity, in one
 * walk with a short lookahead. Any answer it gives is correct (a moved span
 * shows as removed and added); it gives up (null) past `limit` changes,
 * where rebuilding is as cheap.
 */
export function spanChanges<T>(prev: readonly T[], next: readonly T[], limit = 64, lookahead = 8): { removed: T[]; added: T[] } | null {
  const removed: T[] = [];
  const added: T[] = [];
  let i = 0;
  let j = 0;
  while (i < prev.length || j < next.length) {
    if (removed.length + added.length > limit) return null;
    if (i < prev.length && j < next.length && prev[i] === next[j]) {
      i++;
      j++;
      continue;
    }
    if (i >= prev.length) {
      added.push(next[j++]!);
      continue;
    }
    if (j >= next.length) {
      removed.push(prev[i++]!);
      continue;
    }
    let skip = 0;
    for (let d = 1; d <= lookahead && !skip; d++) {
      if (next[j + d] === prev[i]) skip = d; // next[j..j+d) are new
      else if (prev[i + d] === next[j]) skip = -d; // prev[i..i+d) are gone
    }
    if (skip > 0) for (let k = 0; k < skip; k++) added.push(next[j++]!);
    else if (skip < 0) for (let k = 0; k < -skip; k++) removed.push(prev[i++]!);
    else {
      removed.push(prev[i++]!);
      added.push(next[j++]!);
    }
  }
  return { removed, added };
}
