/**
 * Word/punctuation tokens with code point offsets, for the token-based
 * formats (CoNLL, Hugging Face, spaCy). A token is a run of letters, marks
 * and digits (inner apostrophes, hyphens and digit separators kept, as in
 * snap.ts), or a single grapheme of anything else, so emoji ZWJ sequences
 * and flags stay whole. `breaks` forces token boundaries at given code
 * point offsets: span edges inside a word then split it instead of being
 * lost when spans are projected onto tokens.
 */

export interface Token {
  text: string;
  /** code point offsets, end exclusive */
  start: number;
  end: number;
}

const WORD = /^[\p{L}\p{M}\p{N}_]/u;
const JOINER = /^['’\-‐]$/u;
const DIGIT_SEP = /^[.,]$/u;
const DIGIT = /^\p{N}/u;
const SPACE = /^\s+$/u;

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

interface Grapheme {
  text: string;
  start: number;
  end: number;
}

function graphemes(text: string): Grapheme[] {
  const out: Grapheme[] = [];
  let cp = 0;
  for (const { segment } of segmenter.segment(text)) {
    let n = 0;
    for (const _ of segment) n++;
    out.push({ text: segment, start: cp, end: cp + n });
    cp += n;
  }
  return out;
}

export function tokenize(text: string, breaks: ReadonlySet<number> = new Set()): Token[] {
  const g = graphemes(text);
  const kind = g.map((x) => (SPACE.test(x.text) ? 'space' : WORD.test(x.text) ? 'word' : 'other'));
  // a joiner glues two word graphemes ("don't", "1,000") unless a forced break sits next to it
  for (let i = 1; i + 1 < g.length; i++) {
    const c = g[i]!.text;
    if (kind[i - 1] !== 'word' || kind[i + 1] !== 'word') continue;
    const glue = JOINER.test(c) || (DIGIT_SEP.test(c) && DIGIT.test(g[i - 1]!.text) && DIGIT.test(g[i + 1]!.text));
    if (glue && !breaks.has(g[i]!.start) && !breaks.has(g[i]!.end)) kind[i] = 'word';
  }
  const out: Token[] = [];
  let cur: Token | null = null;
  for (let i = 0; i < g.length; i++) {
    const x = g[i]!;
    const k = kind[i]!;
    if (k === 'space') {
      cur = null;
      continue;
    }
    if (cur && k === 'word' && kind[i - 1] === 'word' && !breaks.has(x.start)) {
      cur.text += x.text;
      cur.end = x.end;
      continue;
    }
    cur = { text: x.text, start: x.start, end: x.end };
    out.push(cur);
    if (k !== 'word') cur = null;
  }
  return out;
}
