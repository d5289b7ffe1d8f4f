/** Find in a document's whole text (the windowed view renders only part of it, so the browser's find cannot). */

export interface TextMatch {
  /** UTF-16 offsets into the text */
  start: number;
  end: number;
}

/** More hits than anyone steps through; the count says "10000+". */
export const MATCH_LIMIT = 10_000;

/**
 * Every occurrence of `query`, ignoring case (Unicode-aware), left to right, not overlapping.
 * A regular expression over the original text keeps the offsets exact where lower-casing would not
 * (it changes the length of "İ").
 */
export function findAll(text: string, query: string, limit = MATCH_LIMIT): TextMatch[] {
  if (!query) return [];
  const re = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const out: TextMatch[] = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length >= limit) break;
  }
  return out;
}

/** The match to show first: the first at or after `offset` (where the reader is), wrapping to the top. */
export function firstMatchFrom(matches: readonly TextMatch[], offset: number): number {
  if (!matches.length) return -1;
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : 0;
}
