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
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly cpLength: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isHighSurrogate(c) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astral.push(i);
        i++;
      }
    }
    this.utf16Length = text.length;
    this.cpLength = text.length - this.astral.length;
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
