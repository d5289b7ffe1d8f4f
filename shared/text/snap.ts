/**
 * Word snapping for selections, on UTF-16 offsets (the editor's unit).
 * A word is a run of letters, marks and digits, joined by inner
 * apostrophes, hyphens and digit separators ("don't", "well-known",
 * "1,000", "3.5"); surrounding punctuation and quotes are never swallowed.
 */
const WORD = /[\p{L}\p{M}\p{N}]/u;
const JOINER = /^['’\-‐]$/u;
const DIGIT_SEP = /^[.,\u202f\u00a0]$/u;
const DIGIT = /\p{N}/u;

function charAt(text: string, i: number): string {
  return i >= 0 && i < text.length ? text[i]! : '';
}

function isWordChar(text: string, i: number): boolean {
  const c = charAt(text, i);
  if (c === '') return false;
  if (WORD.test(c)) return true;
  // surrogate halves of astral letters (rare in news text): treat the pair as word if letter
  const cp = text.codePointAt(i);
  if (cp !== undefined && cp > 0xffff) return WORD.test(String.fromCodePoint(cp));
  if (i > 0) {
    const prevCp = text.codePointAt(i - 1);
    if (prevCp !== undefined && prevCp > 0xffff) return WORD.test(String.fromCodePoint(prevCp));
  }
  return false;
}

/** True when the char at i glues two word chars into one word. */
function isInnerJoiner(text: string, i: number): boolean {
  const c = charAt(text, i);
  if (!isWordChar(text, i - 1) || !isWordChar(text, i + 1)) return false;
  if (JOINER.test(c)) return true;
  return DIGIT_SEP.test(c) && DIGIT.test(charAt(text, i - 1)) && DIGIT.test(charAt(text, i + 1));
}

function inWord(text: string, i: number): boolean {
  return isWordChar(text, i) || isInnerJoiner(text, i);
}

/**
 * Expand [start, end) outward to whole words, after trimming whitespace and
 * punctuation at both ends. Returns null when nothing word-like is selected.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  // trim non-word characters at the edges (spaces, commas, quotes…)
  while (s < e && !isWordChar(text, s)) s++;
  while (e > s && !isWordChar(text, e - 1)) e--;
  if (s >= e) return null;
  while (s > 0 && inWord(text, s - 1)) s--;
  while (e < text.length && inWord(text, e)) e++;
  return withAbbreviations(text, s, e);
}

/**
 * Abbreviations keep their periods ("U.S.", "a.m.", "Gen."): initialisms of
 * one- or two-letter parts, and a short list of titles and shorthands. A
 * period after any other word ends a sentence and stays out of the span.
 */
export const TITLES = [
  'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Sgt', 'Cpl', 'Pvt', 'Adm', 'Brig', 'Cmdr', 'Dr', 'Mr', 'Mrs', 'Ms', 'Prof', 'Rev',
  'Sen', 'Rep', 'Gov', 'Pres', 'St', 'Jr', 'Sr', 'Mt', 'Ft', 'Inc', 'Ltd', 'Co', 'Corp', 'Dept', 'No', 'vs', 'etc', 'approx', 'est',
  'Jan', 'Feb', 'Mar', 'Apr', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
];
const ABBREVIATION = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}.])(?:(?:\\p{L}{1,2}\\.){2,}|(?:${TITLES.join('|')})\\.)(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
/** how far around a selection an abbreviation touching it can begin or end */
const ABBREVIATION_REACH = 12;

function withAbbreviations(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  for (const edge of [start, end]) {
    const from = Math.max(0, edge - ABBREVIATION_REACH);
    const window = text.slice(from, Math.min(text.length, edge + ABBREVIATION_REACH));
    for (const m of window.matchAll(ABBREVIATION)) {
      const ms = from + m.index;
      const me = ms + m[0].length;
      // the lookbehind saw only the window: a match cut at the window's start is not a real one
      if (ms === from && from > 0 && /[\p{L}\p{M}\p{N}.]/u.test(text[from - 1]!)) continue;
      if (ms < end && me > start) {
        s = Math.min(s, ms);
        e = Math.max(e, me);
      }
    }
  }
  return { start: s, end: e };
}

/** Trim only whitespace; used for exact (Alt) selections. */
export function trimWhitespace(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s]!)) s++;
  while (e > s && /\s/u.test(text[e - 1]!)) e--;
  return s < e ? { start: s, end: e } : null;
}

/** Start of the next word after `i` (for keyboard caret moves). */
export function nextWordStart(text: string, i: number): number {
  let p = i;
  while (p < text.length && inWord(text, p)) p++;
  while (p < text.length && !isWordChar(text, p)) p++;
  return p;
}

/** Start of the word at or before `i`. */
export function prevWordStart(text: string, i: number): number {
  let p = i;
  while (p > 0 && !isWordChar(text, p - 1)) p--;
  while (p > 0 && inWord(text, p - 1)) p--;
  return p;
}

/** End of the word before the one at or before `i` (shrinking a span's end by a word). */
export function prevWordEnd(text: string, i: number): number {
  let p = prevWordStart(text, i);
  while (p > 0 && !isWordChar(text, p - 1)) p--;
  return p;
}

/** End of the word at or after `i`. */
export function wordEndAfter(text: string, i: number): number {
  let p = i;
  while (p < text.length && !isWordChar(text, p)) p++;
  while (p < text.length && inWord(text, p)) p++;
  return p;
}

const SENTENCE_END = /[.!?…]["'”’)]*\s+/gu;

/**
 * Offsets where sentences start, for sentence-wise caret moves: after a
 * sentence end or a line break, at the first non-blank character, so a
 * caret never lands on an empty line or on indentation.
 */
export function sentenceStarts(text: string): number[] {
  const raw = [0];
  for (const m of text.matchAll(SENTENCE_END)) raw.push(m.index + m[0].length);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) raw.push(i + 1);
  const out = new Set<number>();
  for (let p of raw) {
    while (p < text.length && /\s/u.test(text[p]!)) p++;
    out.add(p);
  }
  return [...out].sort((a, b) => a - b);
}
