import { ID_WORDS, MONTHS, WEEKDAYS } from './lexicon';
import type { Token } from './tokens';
import type { Hit } from './types';

/**
 * Figures: a number with its qualifier and what it counts ("more than 60
 * Syrian soldiers", "up to 250,000 Syrians", "dozens of soldiers"), never a
 * date, year, age, time of day or identifier. The span is found here; its
 * attributes are filled on accepting it (accept.ts), by the shared figure
 * parser the Details panel uses, so 10,000 figures in a long document cost
 * nothing until someone takes them.
 */

const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen'.split(' '),
);
const SCALES = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion', 'dozen', 'mn', 'bn', 'm', 'k']);
/** Vague quantities; the ones marked true need "of" and a noun after them. */
const VAGUE = new Map<string, boolean>([
  ['dozens', true], ['hundreds', true], ['thousands', true], ['millions', true], ['billions', true], ['scores', true], ['tens', true],
  ['several', false], ['dozen', false],
]);
const PREFIXES: readonly (readonly string[])[] = [
  ['more', 'than'], ['fewer', 'than'], ['less', 'than'], ['at', 'least'], ['up', 'to'], ['as', 'many', 'as'], ['as', 'much', 'as'], ['no', 'fewer', 'than'],
  ['no', 'more', 'than'], ['no', 'less', 'than'], ['close', 'to'], ['an', 'estimated'], ['just', 'over'], ['just', 'under'], ['well', 'over'],
  ['about'], ['around'], ['approximately'], ['nearly'], ['almost'], ['some'], ['roughly'], ['over'], ['under'], ['estimated'], ['between'], ['only'],
  ['upwards', 'of'], ['in', 'excess', 'of'], ['a', 'further'], ['another'], ['a', 'total', 'of'],
];
const SUFFIXES: readonly (readonly string[])[] = [['or', 'more'], ['or', 'so'], ['plus'], ['and', 'more']];
const UNITS = new Set(['%', 'percent', 'per', 'km', 'kilometres', 'kilometers', 'miles', 'metres', 'meters', 'kg', 'tonnes', 'tons', 'hectares', 'dollars', 'euros', 'pounds']);
const CURRENCY = new Set(['$', '€', '£', '¥', '₽', '₴']);
const JOINERS = new Set(['-', '–', '—', 'to', 'or', 'and', 'in']);
const TIME_AFTER = new Set(['a.m.', 'p.m.', 'am', 'pm', "o'clock", 'gmt', 'utc', 'hrs', 'h']);
const YEAR_BEFORE = new Set(['in', 'since', 'by', 'until', 'till', 'from', 'of', 'before', 'after', 'during', 'the', 'early', 'late', 'mid']);
const AGE_BEFORE = new Set(['aged', 'age', 'ages']);
/** A counted noun phrase may use these before its noun: "injured soldiers", "Ostrian troops". */
const COUNTED_POS = new Set(['ADJ', 'NOUN', 'PROPN']);
const STOP = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'in', 'on', 'at', 'to', 'were', 'was', 'had', 'have', 'has', 'are', 'is', 'that', 'who', 'which']);

function seqAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[i + k]?.lower !== words[k]) return false;
  return true;
}

const isDigits = (t: Token | undefined) => t !== undefined && /^\d+(?:[.,]\d+)*$/.test(t.text);
const isNumberWord = (t: Token | undefined) =>
  t !== undefined && (NUMBER_WORDS.has(t.lower) || (t.lower.includes('-') && t.lower.split('-').every((p) => NUMBER_WORDS.has(p))));
const isNumber = (t: Token | undefined) => isDigits(t) || isNumberWord(t);

/** Reads a number with its scale words from token i; returns the index after it. */
function readNumber(tokens: readonly Token[], i: number): number {
  let j = i;
  if (!isNumber(tokens[j])) return i;
  j++;
  while (j < tokens.length && (isNumberWord(tokens[j]) || SCALES.has(tokens[j]!.lower) || (tokens[j]!.lower === 'and' && isNumberWord(tokens[j + 1]) && isNumberWord(tokens[j - 1])))) {
    if (tokens[j]!.afterBreak) break;
    j++;
  }
  return j;
}

function excluded(text: string, tokens: readonly Token[], i: number, end: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[end];
  if (/^\d{1,2}:\d{2}$/.test(t.text)) return true; // time
  if (next && TIME_AFTER.has(next.lower)) return true;
  if (prev && (MONTHS.has(prev.lower) || WEEKDAYS.has(prev.lower))) return true; // "May 3", "Monday 4"
  if (next && MONTHS.has(next.lower)) return true; // "3 May"
  if (/^(1[6-9]|20)\d{2}$/.test(t.text) && end === i + 1) {
    // a year, unless it plainly counts something ("2019 protesters")
    if (!next || next.pos !== 'NOUN' || YEAR_BEFORE.has(prev?.lower ?? '')) return true;
  }
  if (prev && AGE_BEFORE.has(prev.lower)) return true;
  if (/^[-‐\s]?years?[-‐\s]old/i.test(text.slice(tokens[end - 1]!.end, tokens[end - 1]!.end + 12))) return true;
  // "Marek Sollen, 52, said": a bare small number between commas after a name is an age
  if (prev?.text === ',' && next?.text === ',' && end === i + 1 && isDigits(t) && Number(t.text) < 120 && tokens[i - 2]?.pos === 'PROPN') return true;
  // identifiers: "Terminal 4", "Flight TA 208", "No. 5"
  if (prev && (ID_WORDS.has(prev.lower.replace(/\.$/, '')) || prev.text === '#')) return true;
  if (prev && /^[A-Z]{2,}$/.test(prev.text) && isDigits(t)) return true;
  if (/\d/.test(t.text) && /\p{L}/u.test(t.text)) return true;
  if (t.lower === 'one') return true;
  return false;
}

/** What the figure counts, walking right: "injured soldiers", "head of cattle" stops before "of". */
function countedEnd(tokens: readonly Token[], j: number): number {
  let k = j;
  let end = j;
  while (k < tokens.length && k - j < 4) {
    const t = tokens[k]!;
    if (t.afterBreak) break;
    const ok = t.pos !== undefined ? COUNTED_POS.has(t.pos) || (t.pos === 'VERB' && /ed$/.test(t.lower) && k === j) : /^[\p{L}]+$/u.test(t.text) && !STOP.has(t.lower);
    if (!ok) break;
    k++;
    if (t.pos === undefined || t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'VERB' && k === j + 1) || (t.pos === 'ADJ' && k === j + 1)) end = k;
  }
  return end;
}

export function suggestFigures(text: string, tokens: readonly Token[], label: string): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let first = i;
    let last: number;
    const vague = VAGUE.get(t.lower);
    if (vague !== undefined && !isNumber(tokens[i - 1])) {
      last = i + 1;
      // "tens of thousands of", "hundreds of thousands of"
      if (tokens[last]?.lower === 'of' && (VAGUE.has(tokens[last + 1]?.lower ?? '') || SCALES.has(tokens[last + 1]?.lower ?? ''))) last += 2;
      if (vague || tokens[last]?.lower === 'of') {
        if (tokens[last]?.lower !== 'of') continue;
        const end = countedEnd(tokens, last + 1);
        if (end === last + 1) continue;
        last = end;
      } else {
        const end = countedEnd(tokens, last);
        if (end === last) continue;
        last = end;
      }
    } else {
      const numEnd = readNumber(tokens, i);
      if (numEnd === i) continue;
      if (excluded(text, tokens, i, numEnd)) {
        i = numEnd - 1;
        continue;
      }
      last = numEnd;
      if (CURRENCY.has(tokens[i - 1]?.text ?? '')) first = i - 1;
      // a range: "between 5,000 and 6,000", "40-50", "two or three", "two in three"
      const joiner = tokens[last]?.lower ?? '';
      if (JOINERS.has(joiner) && isNumber(tokens[last + 1]) && (joiner !== 'and' || tokens[first - 1]?.lower === 'between')) {
        last = readNumber(tokens, last + 1 + (CURRENCY.has(tokens[last + 1]?.text ?? '') ? 1 : 0));
      }
      for (const s of SUFFIXES) {
        if (seqAt(tokens, last, s)) {
          last += s.length;
          break;
        }
      }
      if (UNITS.has(tokens[last]?.lower ?? '')) {
        last++;
        if (tokens[last - 1]!.lower === 'per' && tokens[last]?.lower === 'cent') last++;
      }
      // "six of the port's 11 terminals", "four of them": a part of a whole
      if (tokens[last]?.lower === 'of' && ['the', 'them', 'those', 'these', 'whom', 'which'].includes(tokens[last + 1]?.lower ?? '')) {
        last = tokens[last + 1]!.lower === 'the' ? countedEnd(tokens, last + 2) : last + 2;
      } else {
        last = Math.max(last, countedEnd(tokens, last));
      }
    }
    // qualifier before: longest of the known phrases
    let best = 0;
    for (const p of PREFIXES) if (p.length > best && seqAt(tokens, first - p.length, p)) best = p.length;
    first -= best;
    const start = tokens[first]!.start;
    const end = tokens[last - 1]!.end;
    hits.push({ label, start, end, suggester: 'figures', origin: 'built-in figures' });
    i = last - 1;
  }
  return hits;
}
