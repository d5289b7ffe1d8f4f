/**
 * Word/punctuation tokens and sentences with code point offsets, for the
 * token-based formats (CoNLL, Hugging Face, spaCy). Words come from
 * `Intl.Segmenter` (ICU's Unicode word rules: "don't", "1,000" and "U.S"
 * stay whole, Chinese and Thai are split into words by dictionary, and a
 * segment never cuts a grapheme cluster, so an emoji ZWJ sequence or an e
 * with a combining accent is never split). On top of ICU:
 *   - hyphenated words stay one token ("well-known", "Deir-ez-Zor"), as in CoNLL-2003;
 *   - an abbreviation keeps its final period ("U.S.", "Mr.", "J."), so
 *     "U.S.-led" is one token and no sentence ends inside it.
 * `breaks` forces token boundaries at code point offsets (span edges): a
 * word is split there instead of a span edge being lost. A break inside a
 * grapheme cluster is not applied; callers find those with
 * `graphemeBoundaries` and report them.
 */

import type { OffsetIndex } from './offsets';

export interface Token {
  text: string;
  /** code point offsets, end exclusive */
  start: number;
  end: number;
}

const words = new Intl.Segmenter('en', { granularity: 'word' });
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const sentencesOf = new Intl.Segmenter('en', { granularity: 'sentence' });

const SPACE = /^\s+$/u;
const WORDISH = /[\p{L}\p{M}\p{N}]/u;
const HYPHEN = /^[-‐'’]$/u;
/** words that end with a period but not a sentence */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep pres amb rev fr hon mt ft no nos vs etc approx dept est inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun'.split(' '),
);

function cpCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** A token that ends with the period of an abbreviation, not of a sentence. */
export function isAbbreviation(token: string): boolean {
  if (!token.endsWith('.') || token.length < 2) return false;
  const word = token.slice(0, -1);
  // "U.S.", "e.g.", "J." (an initial)
  return word.includes('.') || /^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase());
}

interface Piece extends Token {
  word: boolean;
}

export function tokenize(text: string, breaks: ReadonlySet<number> = new Set()): Token[] {
  const pieces: Piece[] = [];
  const sortedBreaks = Int32Array.from(breaks).sort();
  let nextBreak = 0;
  let cp = 0;
  for (const { segment, isWordLike } of words.segment(text)) {
    const len = segment.length === 1 ? 1 : cpCount(segment);
    const start = cp;
    cp += len;
    while (nextBreak < sortedBreaks.length && sortedBreaks[nextBreak]! <= start) nextBreak++;
    if (SPACE.test(segment)) continue;
    const word = isWordLike === true || WORDISH.test(segment);
    let cuts: number[] = [];
    while (nextBreak < sortedBreaks.length && sortedBreaks[nextBreak]! < start + len) cuts.push(sortedBreaks[nextBreak++]!);
    if (!cuts.length) {
      pieces.push({ text: segment, start, end: start + len, word });
      continue;
    }
    // split at the forced breaks that fall between grapheme clusters
    const bounds = new Set<number>();
    let g = start;
    for (const { segment: cluster } of graphemes.segment(segment)) bounds.add((g += cpCount(cluster)));
    cuts = cuts.filter((c) => bounds.has(c));
    const chars = [...segment];
    let from = start;
    for (const c of [...cuts, start + len]) {
      const part = chars.slice(from - start, c - start).join('');
      pieces.push({ text: part, start: from, end: c, word: WORDISH.test(part) });
      from = c;
    }
  }
  // glue hyphenated words and abbreviation periods, never across a forced break or a space
  const out: Token[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const prev = out[out.length - 1];
    const joined = prev && prev.end === p.start && !breaks.has(p.start);
    if (joined && p.text === '.' && WORDISH.test(prev.text) && isAbbreviation(prev.text + '.')) {
      prev.text += '.';
      prev.end = p.end;
      continue;
    }
    const next = pieces[i + 1];
    if (joined && HYPHEN.test(p.text) && next && next.word && next.start === p.end && !breaks.has(p.end) && WORDISH.test(prev.text)) {
      prev.text += p.text + next.text;
      prev.end = next.end;
      i++;
      continue;
    }
    out.push({ text: p.text, start: p.start, end: p.end });
  }
  return out;
}

/**
 * Sentence boundaries as code point offsets (the start of each sentence
 * after the first), from ICU's sentence rules: a closing quote or bracket
 * after the period stays in its sentence, "U.S.-led" does not end one.
 * A boundary right after an abbreviation is dropped ("the U.S. President").
 */
export function sentenceStarts(text: string): Set<number> {
  const out = new Set<number>();
  let cp = 0;
  let first = true;
  for (const { segment } of sentencesOf.segment(text)) {
    if (!first) out.add(cp);
    first = false;
    cp += cpCount(segment);
  }
  return out;
}

/**
 * Whether a code point offset falls between two grapheme clusters. Most
 * offsets sit between two plain characters and are answered at once; near
 * a mark, joiner, selector, flag or surrogate the few characters around
 * are segmented (segmenting a whole long text costs seconds).
 */
export function graphemeEdges(index: OffsetIndex): (cp: number) => boolean {
  const text = index.text;
  return (cp) => {
    if (cp <= 0 || cp >= index.cpLength) return true;
    const u = index.toUtf16(cp);
    const before = text.charCodeAt(u - 1);
    const after = text.charCodeAt(u);
    // both sides plain (below the combining marks, not CR LF): always an edge
    if (before < 0x300 && after < 0x300 && !(before === 13 && after === 10)) return true;
    const from = index.toUtf16(Math.max(0, cp - 32));
    const to = index.toUtf16(Math.min(index.cpLength, cp + 32));
    let at = from;
    for (const { segment } of graphemes.segment(text.slice(from, to))) {
      at += segment.length;
      if (at >= u) return at === u;
    }
    return true;
  };
}
