import type { Paragraph } from './segments';

/**
 * Heights of a document's paragraphs, for windowed rendering: measured where
 * a paragraph has been on screen, estimated from its length elsewhere. The
 * estimate only has to be close: it sizes the space above and below the
 * rendered window, and Chromium's scroll anchoring absorbs the difference
 * when an estimated paragraph is rendered and measured.
 */
export class HeightModel {
  private readonly heights: Float64Array;
  private readonly measured: Uint8Array;
  /** prefix[i] = top of paragraph i; rebuilt lazily after changes */
  private prefix: Float64Array;
  private dirty = true;

  constructor(
    private readonly lengths: readonly number[],
    private lineHeight: number,
    private charsPerLine: number,
  ) {
    this.heights = new Float64Array(lengths.length);
    this.measured = new Uint8Array(lengths.length);
    this.prefix = new Float64Array(lengths.length + 1);
    this.reestimate();
  }

  static of(paragraphs: readonly Paragraph[], lineHeight: number, charsPerLine: number): HeightModel {
    return new HeightModel(
      paragraphs.map((p) => p.end - p.start),
      lineHeight,
      charsPerLine,
    );
  }

  get count(): number {
    return this.lengths.length;
  }

  private estimate(len: number): number {
    return Math.max(1, Math.ceil(len / this.charsPerLine)) * this.lineHeight;
  }

  private reestimate(): void {
    for (let i = 0; i < this.lengths.length; i++) if (!this.measured[i]) this.heights[i] = this.estimate(this.lengths[i]!);
    this.dirty = true;
  }

  /** New line metrics (first layout, or a width change): forget measurements, estimate again. */
  calibrate(lineHeight: number, charsPerLine: number): void {
    this.lineHeight = lineHeight;
    this.charsPerLine = Math.max(1, charsPerLine);
    this.measured.fill(0);
    this.reestimate();
  }

  isMeasured(i: number): boolean {
    return this.measured[i] === 1;
  }

  measure(i: number, height: number): void {
    if (this.measured[i] && this.heights[i] === height) return;
    this.heights[i] = height;
    this.measured[i] = 1;
    this.dirty = true;
  }

  private sums(): Float64Array {
    if (this.dirty) {
      for (let i = 0; i < this.heights.length; i++) this.prefix[i + 1] = this.prefix[i]! + this.heights[i]!;
      this.dirty = false;
    }
    return this.prefix;
  }

  /** Top of paragraph i (i = count gives the total height). */
  top(i: number): number {
    return this.sums()[Math.max(0, Math.min(i, this.count))]!;
  }

  get total(): number {
    return this.top(this.count);
  }

  /** Index of the paragraph at vertical position y. */
  indexAt(y: number): number {
    const p = this.sums();
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p[mid]! <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Paragraphs [first, last) that intersect [from, to). */
  range(from: number, to: number): { first: number; last: number } {
    if (!this.count) return { first: 0, last: 0 };
    const first = this.indexAt(Math.max(0, from));
    const last = Math.min(this.count, this.indexAt(Math.max(0, to)) + 1);
    return { first, last: Math.max(first + 1, last) };
  }
}
