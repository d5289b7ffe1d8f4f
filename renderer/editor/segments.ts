import { OffsetIndex } from '../../shared/text/offsets';
import type { Span } from '../../shared/model/schema';

/**
 * Pure view model of a document: paragraphs (lines) and, inside each, runs
 * of text covered by the same set of spans. One element per run instead of
 * one nested mark per span keeps the DOM flat and small however many spans
 * overlap. Offsets here are UTF-16, the DOM's unit.
 */

export interface ViewSpan {
  id: string;
  label: string;
  start: number;
  end: number;
}

export interface Run {
  start: number;
  end: number;
  /** covering spans, outermost first */
  spans: ViewSpan[];
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
  /** line separator after this paragraph ('' for the last) */
  sep: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ index: out.length, start, end: m.index, sep: m[0] });
    start = m.index + m[0].length;
  }
  out.push({ index: out.length, start, end: text.length, sep: '' });
  return out;
}

export function toViewSpans(spans: readonly Span[], index: OffsetIndex): ViewSpan[] {
  return spans.map((s) => ({ id: s.id, label: s.label, start: index.toUtf16(s.start), end: index.toUtf16(s.end) }));
}

function outerFirst(a: ViewSpan, b: ViewSpan): number {
  return b.end - b.start - (a.end - a.start) || a.start - b.start || a.id.localeCompare(b.id);
}

/**
 * Runs for every paragraph, in one sweep over span boundaries:
 * O((p + s) log s) for p paragraphs and s spans.
 */
export function buildRuns(paragraphs: readonly Paragraph[], spans: readonly ViewSpan[]): Run[][] {
  const byStart = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Run[][] = [];
  const active: ViewSpan[] = [];
  let next = 0;
  for (const p of paragraphs) {
    // spans that ended before this paragraph leave the active set
    for (let i = active.length - 1; i >= 0; i--) if (active[i]!.end <= p.start) active.splice(i, 1);
    while (next < byStart.length && byStart[next]!.start < p.end) {
      if (byStart[next]!.end > p.start) active.push(byStart[next]!);
      next++;
    }
    // spans that start exactly at p.end belong to the next paragraph; empty paragraphs get no runs
    out.push(p.start === p.end ? [] : runsIn(p.start, p.end, active));
  }
  return out;
}

/** Index of the paragraph holding UTF-16 offset `at` (the last one for offsets past the end). */
export function paragraphAt(paragraphs: readonly Paragraph[], at: number): number {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (paragraphs[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Spans grouped by the paragraphs they touch, so the view can build runs for
 * the few paragraphs on screen without looking at every span:
 * O(s log p + overlaps) for s spans and p paragraphs.
 */
export function bucketSpans(paragraphs: readonly Paragraph[], spans: readonly ViewSpan[]): ViewSpan[][] {
  const out: ViewSpan[][] = paragraphs.map(() => []);
  for (const s of spans) {
    if (s.end <= s.start) continue;
    for (let i = paragraphAt(paragraphs, s.start); i < paragraphs.length && paragraphs[i]!.start < s.end; i++) {
      const p = paragraphs[i]!;
      // a span that starts exactly where a paragraph ends belongs to the next one, as in buildRuns
      if (s.start < p.end && s.end > p.start) out[i]!.push(s);
    }
  }
  return out;
}

/** Runs of one paragraph, from the spans that touch it; the same result buildRuns gives for it. */
export function paragraphRuns(p: Paragraph, spans: readonly ViewSpan[]): Run[] {
  return p.start === p.end ? [] : runsIn(p.start, p.end, spans);
}

function runsIn(from: number, to: number, candidates: readonly ViewSpan[]): Run[] {
  const inside = candidates.filter((s) => s.start < to && s.end > from);
  if (!inside.length) return [{ start: from, end: to, spans: [] }];
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    if (s.start > from) cuts.add(s.start);
    if (s.end < to) cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const covering = inside.filter((s) => s.start <= a && s.end >= b).sort(outerFirst);
    const prev = runs[runs.length - 1];
    if (prev && sameSpans(prev.spans, covering)) prev.end = b;
    else runs.push({ start: a, end: b, spans: covering });
  }
  return runs;
}

function sameSpans(a: readonly ViewSpan[], b: readonly ViewSpan[]): boolean {
  return a.length === b.length && a.every((s, i) => s.id === b[i]!.id);
}

/** A string that changes when anything visible in a paragraph changes. */
export function runsSignature(text: string, runs: readonly Run[], selected: string | null): string {
  let sig = '';
  for (const r of runs) sig += `${r.start}-${r.end}:${r.spans.map((s) => `${s.id}=${s.label}${s.id === selected ? '*' : ''}`).join(',')};`;
  return `${text.length}|${sig}`;
}
