/**
 * Offsets on disk count Unicode code points (as Python's str slicing does);
 * JavaScript strings, the DOM and Lexical count UTF-16 code units. Every
 * conversion between the two goes through this module.
 */

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Number of code points in `text`. */
export function cpLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/**
 * A lookup table for one text: the UTF-16 positions of astral characters.
 * Building it is O(n); each conversion is O(log k) with k astral characters,
 * so long documents with a handful of emoji convert in effectively O(1).
 */
export class OffsetIndex {
  /** UTF-16 index of the high surrogate of each astral character, ascending */
  private readonly astral: number[];
  readonly utf16Length: number;
  readonly cpLength: number;

  constructor(
    readonly text: string,
    astral?: number[],
  ) {
    if (!astral) {
      astral = [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (isHighSurrogate(c) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
          astral.push(i);
          i++;
        }
      }
    }
    this.astral = astral;
    this.utf16Length = text.length;
    this.cpLength = text.length - astral.length;
  }

  /**
   * The index of `next`, the text after replacing UTF-16 [start, end) of
   * this one by `insert`, in O(astral characters + insert) instead of a pass
   * over the whole text: astral characters away from the edit only move,
   * and the edit's neighbourhood (where a lone surrogate may pair up with
   * one on the other side) is rescanned from this text and the insert, so a
   * long text just built by concatenation is not read (and flattened) here.
   */
  afterEdit(next: string, start: number, end: number, insert: string): OffsetIndex {
    const shift = insert.length - (end - start);
    const at = (i: number): number => (i < start ? this.text.charCodeAt(i) : i < start + insert.length ? insert.charCodeAt(i - start) : this.text.charCodeAt(i - shift));
    const from = Math.max(0, start - 1);
    const to = Math.min(next.length, start + insert.length + 1);
    const astral: number[] = [];
    let k = 0;
    while (k < this.astral.length && this.astral[k]! < from) astral.push(this.astral[k++]!);
    let i = from;
    for (; i < to; i++) {
      if (isHighSurrogate(at(i)) && i + 1 < next.length && isLowSurrogate(at(i + 1))) {
        astral.push(i);
        i++;
      }
    }
    // old pairs that start at or after the first position not rescanned, moved by the edit
    while (k < this.astral.length && this.astral[k]! + shift < i) k++;
    for (; k < this.astral.length; k++) astral.push(this.astral[k]! + shift);
    return remember(new OffsetIndex(next, astral));
  }

  /**
   * The index of `text`, shared: the editor, the document session and the
   * view all ask for the index of the same text, and one typed key makes a
   * new text. A few recent ones are kept (Review shows two documents).
   */
  static of(text: string): OffsetIndex {
    for (const e of recent) if (e.text === text) return e;
    return remember(new OffsetIndex(text));
  }

  /** Code point offset → UTF-16 offset. Clamps to the text. */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    if (cp >= this.cpLength) return this.utf16Length;
    // count astral chars whose code point index is < cp
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const cpOfMid = this.astral[mid]! - mid; // code point index of that astral char
      if (cpOfMid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /**
   * UTF-16 offset → code point offset. An offset that falls inside a
   * surrogate pair rounds down (`'start'`) or up (`'end'`) so that a span
   * never holds half a character.
   */
  toCodePoint(u16: number, round: 'start' | 'end' = 'start'): number {
    if (u16 <= 0) return 0;
    if (u16 >= this.utf16Length) return this.cpLength;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u16) lo = mid + 1;
      else hi = mid;
    }
    // lo astral chars start before u16; if the previous one straddles u16 we are mid-pair
    const prev = lo > 0 ? this.astral[lo - 1]! : -2;
    if (prev === u16 - 1) return round === 'end' ? u16 - lo + 1 : u16 - lo;
    return u16 - lo;
  }

  /** Slice by code points. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

const recent: OffsetIndex[] = [];

function remember(index: OffsetIndex): OffsetIndex {
  recent.unshift(index);
  if (recent.length > 4) recent.pop();
  return index;
}

/** Slice `text` by code point offsets, like Python's `text[start:end]`. */
export function cpSlice(text: string, start: number, end: number): string {
  return new OffsetIndex(text).slice(start, end);
}

export function utf16ToCp(text: string, u16: number): number {
  return new OffsetIndex(text).toCodePoint(u16);
}

export function cpToUtf16(text: string, cp: number): number {
  return new OffsetIndex(text).toUtf16(cp);
}

/** UTF-8 byte offset of each code point boundary is rarely needed; brat and spaCy use code points. */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
