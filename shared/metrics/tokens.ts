/**
 * Token boundaries for token-level agreement (κ, α). Kept local to metrics
 * so that a later, smarter tokenizer for the editor cannot silently change
 * published agreement figures. A token is a run of letters, marks, digits
 * or underscore, or one other non-space character; offsets are code points,
 * like span offsets.
 */

export interface Token {
  start: number;
  end: number;
}

const WORD = /^[\p{L}\p{M}\p{N}_]$/u;
const SPACE = /^\s$/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let cp = 0;
  let wordStart = -1;
  for (const ch of text) {
    if (WORD.test(ch)) {
      if (wordStart < 0) wordStart = cp;
    } else {
      if (wordStart >= 0) out.push({ start: wordStart, end: cp });
      wordStart = -1;
      if (!SPACE.test(ch)) out.push({ start: cp, end: cp + 1 });
    }
    cp++;
  }
  if (wordStart >= 0) out.push({ start: wordStart, end: cp });
  return out;
}

export interface RangeLike {
  start: number;
  end: number;
}

/**
 * 1 for each token that shares at least one code point with one of `ranges`.
 * Any overlap counts, not containment, so a span that stops mid-word still
 * marks that word: both annotators are judged on the same token grid even
 * when their boundaries ignore it.
 */
export function tokenLayer(tokens: readonly Token[], ranges: Iterable<RangeLike>): Uint8Array {
  const layer = new Uint8Array(tokens.length);
  for (const r of ranges) {
    if (r.end <= r.start) continue;
    // first token ending after r.start
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= r.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < tokens.length && tokens[i]!.start < r.end; i++) layer[i] = 1;
  }
  return layer;
}
