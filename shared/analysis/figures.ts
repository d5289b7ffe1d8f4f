/**
 * Reads a figure span's text ("more than 60 soldiers", "dozens of civilians",
 * "62 военнослужащих") into the numbers an analyst compares across outlets.
 * It only pre-fills attributes: the annotator can overrule every field, so the
 * parser prefers leaving a field null to guessing.
 *
 * How the fields are filled, by qualifier:
 *   exact      value = min = max = n        "62 servicemen"
 *   about      value = n, min = max = null  "about 30", "nearly 60", "~30"
 *   more_than  min = n                      "more than 60", "over 60", ">60"
 *   at_least   min = n                      "at least 25", "60+", "60 or more"
 *   less_than  max = n                      "fewer than 10"
 *   up_to      max = n                      "up to 83", "as many as 83"
 *   range      min = a, max = b             "between 40 and 50", "40-50", "two or three"
 *   vague      min = smallest reading       "dozens" (24), "hundreds" (200)
 * Bounds keep the stated number even where it is exclusive ("more than 60"
 * gives min 60); the qualifier says which it is. A vague plural's min is the
 * smallest count the word can honestly mean: "dozens" is at least two dozen.
 */

export type FigureQualifier = 'exact' | 'more_than' | 'less_than' | 'at_least' | 'up_to' | 'about' | 'range' | 'vague';

export const FIGURE_QUALIFIERS: readonly FigureQualifier[] = ['exact', 'more_than', 'less_than', 'at_least', 'up_to', 'about', 'range', 'vague'];

export interface ParsedFigure {
  value: number | null;
  min: number | null;
  max: number | null;
  qualifier: FigureQualifier;
  unit: string | null;
  counted: string | null;
}

// ---------------------------------------------------------------- lexicon

/** Phrases read before the number. Longest match wins, so "no more than" beats "more than". */
const PREFIX_QUALIFIERS: ReadonlyArray<readonly [string, FigureQualifier]> = [
  ['more than', 'more_than'], ['over', 'more_than'], ['above', 'more_than'], ['in excess of', 'more_than'],
  ['upwards of', 'more_than'], ['exceeding', 'more_than'], ['>', 'more_than'],
  ['более', 'more_than'], ['больше', 'more_than'], ['свыше', 'more_than'], ['более чем', 'more_than'],
  ['less than', 'less_than'], ['fewer than', 'less_than'], ['under', 'less_than'], ['below', 'less_than'], ['<', 'less_than'],
  ['менее', 'less_than'], ['меньше', 'less_than'],
  ['at least', 'at_least'], ['no fewer than', 'at_least'], ['no less than', 'at_least'], ['a minimum of', 'at_least'],
  ['≥', 'at_least'], ['не менее', 'at_least'], ['по меньшей мере', 'at_least'], ['как минимум', 'at_least'], ['минимум', 'at_least'],
  ['up to', 'up_to'], ['as many as', 'up_to'], ['at most', 'up_to'], ['no more than', 'up_to'], ['a maximum of', 'up_to'],
  ['≤', 'up_to'], ['до', 'up_to'], ['не более', 'up_to'], ['максимум', 'up_to'],
  ['about', 'about'], ['around', 'about'], ['approximately', 'about'], ['approx', 'about'], ['roughly', 'about'],
  ['nearly', 'about'], ['almost', 'about'], ['some', 'about'], ['an estimated', 'about'], ['estimated', 'about'],
  ['close to', 'about'], ['circa', 'about'], ['an approximate', 'about'], ['~', 'about'], ['≈', 'about'],
  ['около', 'about'], ['примерно', 'about'], ['порядка', 'about'], ['почти', 'about'], ['приблизительно', 'about'], ['почти что', 'about'],
];

/** Phrases read after the number: "60 or more", "60+". */
const SUFFIX_QUALIFIERS: ReadonlyArray<readonly [string, FigureQualifier]> = [
  ['or more', 'at_least'], ['and more', 'at_least'], ['plus', 'at_least'], ['+', 'at_least'], ['or so', 'about'],
  ['or fewer', 'up_to'], ['or less', 'up_to'], ['and over', 'at_least'], ['and above', 'at_least'],
];

/** Words that open a two-number range; they also decide which joiners count ("between 40 and 50"). */
const RANGE_OPENERS = new Set(['between', 'from', 'между', 'от']);
/** Joiners accepted between two numbers with no opener ("40-50", "40 to 50", "two or three"). */
const RANGE_JOINERS = new Set(['-', '–', '—', '‒', 'to', 'or', 'до', 'или']);
/** Joiners accepted only after an opener, since "62 and 40" alone is a list, not a range. */
const OPENED_JOINERS = new Set(['and', 'и']);

/**
 * Vague quantities with the smallest count each can mean. `null` marks words
 * such as "many" that give no usable lower bound.
 */
const VAGUE: ReadonlyArray<readonly [string, number | null]> = [
  ['dozens', 24], ['scores', 40], ['hundreds', 200], ['thousands', 2_000], ['millions', 2_000_000],
  ['tens of thousands', 20_000], ['hundreds of thousands', 200_000], ['tens of millions', 20_000_000],
  ['several', 3], ['a few', 2], ['few', 2], ['a handful', 2], ['a number', null], ['a couple', 2],
  ['several dozen', 36], ['several hundred', 300], ['several thousand', 3_000],
  ['a few dozen', 24], ['a few hundred', 200], ['a few thousand', 2_000],
  ['many', null], ['numerous', null], ['countless', null], ['multiple', 2],
  ['десятки', 20], ['десятков', 20], ['сотни', 200], ['сотен', 200], ['тысячи', 2_000], ['тысяч', 2_000],
  ['десятки тысяч', 20_000], ['десятков тысяч', 20_000], ['сотни тысяч', 200_000], ['несколько', 2],
  ['несколько десятков', 20], ['несколько сотен', 200], ['несколько тысяч', 2_000], ['многие', null], ['множество', null],
];

const SMALL_NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Scales that multiply what came before ("two hundred", "1.5 million", "3 тыс."). */
const SCALE_WORDS: Readonly<Record<string, number>> = {
  hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000, dozen: 12,
  mn: 1_000_000, bn: 1_000_000_000,
  сотня: 100, тыс: 1_000, тысяча: 1_000, тысячи: 1_000, тысяч: 1_000,
  млн: 1_000_000, миллион: 1_000_000, миллиона: 1_000_000, миллионов: 1_000_000, млрд: 1_000_000_000,
};

/** Units written after the number; the value is the canonical unit name. */
const SUFFIX_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['%', '%'], ['percent', '%'], ['per cent', '%'], ['процентов', '%'], ['процента', '%'], ['процент', '%'],
  ['km', 'km'], ['kilometres', 'km'], ['kilometers', 'km'], ['kilometre', 'km'], ['kilometer', 'km'], ['км', 'km'],
  ['miles', 'mi'], ['mile', 'mi'], ['metres', 'm'], ['meters', 'm'], ['metre', 'm'], ['meter', 'm'],
  ['kg', 'kg'], ['tonnes', 't'], ['tons', 't'], ['tonne', 't'], ['ton', 't'], ['тонн', 't'],
  ['hectares', 'ha'], ['hectare', 'ha'],
  ['dollars', 'USD'], ['dollar', 'USD'], ['usd', 'USD'], ['euros', 'EUR'], ['euro', 'EUR'], ['eur', 'EUR'],
  ['roubles', 'RUB'], ['rubles', 'RUB'], ['rub', 'RUB'], ['руб', 'RUB'], ['рублей', 'RUB'],
  ['hryvnias', 'UAH'], ['hryvnia', 'UAH'], ['uah', 'UAH'], ['гривен', 'UAH'], ['гривны', 'UAH'],
];

/** Currency signs written before the number. */
const PREFIX_UNITS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP', '₽': 'RUB', '₴': 'UAH' };

/** Words between the quantity and the thing counted: "hundreds of civilians", "25 из 40". */
const COUNTED_LEAD = new Set(['of', 'из']);

// ---------------------------------------------------------------- lexer

interface Tok {
  raw: string;
  /** lower-cased form the lexicon is matched against */
  low: string;
  /** UTF-16 offsets into the input, used to cut `counted` out verbatim */
  start: number;
  end: number;
  num?: number;
}

/*
 * Digit groups: "1,000" and "62 000" (Russian thin-space thousands) are one
 * number; otherwise a comma is a decimal comma ("3,5"). A comma followed by
 * exactly three digits is read as thousands, so a Russian "2,500" meaning 2.5
 * would be misread; such figures are rare in casualty reporting.
 */
const LEX =
  /(\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?)|([\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*)|([^\s\p{L}\p{M}\d])/gu;

function lex(text: string): Tok[] {
  const toks: Tok[] = [];
  for (const m of text.matchAll(LEX)) {
    const raw = m[0];
    const start = m.index;
    const tok: Tok = { raw, low: raw.toLowerCase(), start, end: start + raw.length };
    if (m[1] !== undefined) tok.num = readDigits(raw);
    toks.push(tok);
  }
  return toks;
}

function readDigits(raw: string): number {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw)) return Number(raw.replace(/,/g, ''));
  const noSpaces = raw.replace(/[ \u00a0\u202f]/g, '');
  return Number(noSpaces.replace(',', '.'));
}

// ---------------------------------------------------------------- matching helpers

/** A phrase table split into words once and indexed by first word, so a lookup costs only the phrases that can match. */
interface PhraseIndex<T> {
  byFirst: ReadonlyMap<string, ReadonlyArray<{ words: readonly string[]; value: T }>>;
  all: ReadonlyArray<{ words: readonly string[]; value: T }>;
}

const indexCache = new WeakMap<object, PhraseIndex<unknown>>();

function indexOf<T>(table: ReadonlyArray<readonly [string, T]>): PhraseIndex<T> {
  let idx = indexCache.get(table) as PhraseIndex<T> | undefined;
  if (!idx) {
    const all = table.map(([phrase, value]) => ({ words: phrase.split(' '), value }));
    const byFirst = new Map<string, { words: readonly string[]; value: T }[]>();
    for (const e of all) byFirst.set(e.words[0]!, [...(byFirst.get(e.words[0]!) ?? []), e]);
    idx = { byFirst, all };
    indexCache.set(table, idx);
  }
  return idx;
}

function wordsAt(toks: readonly Tok[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (toks[i + k]?.low !== words[k]) return false;
  return true;
}

/** Longest phrase from `table` starting at token i. */
function longestAt<T>(toks: readonly Tok[], i: number, table: ReadonlyArray<readonly [string, T]>): { len: number; value: T } | null {
  const first = toks[i]?.low;
  if (first === undefined) return null;
  let best: { len: number; value: T } | null = null;
  for (const { words, value } of indexOf(table).byFirst.get(first) ?? []) {
    if (wordsAt(toks, i, words) && (!best || words.length > best.len)) best = { len: words.length, value };
  }
  return best;
}

/** Longest phrase from `table` ending just before token i. */
function longestBefore<T>(toks: readonly Tok[], i: number, table: ReadonlyArray<readonly [string, T]>): { len: number; value: T } | null {
  let best: { len: number; value: T } | null = null;
  for (const { words, value } of indexOf(table).all) {
    const n = words.length;
    if (i - n >= 0 && wordsAt(toks, i - n, words) && (!best || n > best.len)) best = { len: n, value };
  }
  return best;
}

interface NumberRead {
  value: number;
  /** the scale word that ended it, so "40-50 thousand" can scale the 40 too */
  scale: number;
  next: number;
}

/** A number in digits, optionally scaled ("1.5 million", "3 тыс."). */
function readNumeral(toks: readonly Tok[], i: number): NumberRead | null {
  const t = toks[i];
  if (t?.num === undefined || !Number.isFinite(t.num)) return null;
  let value = t.num;
  let scale = 1;
  let j = i + 1;
  for (;;) {
    const s = SCALE_WORDS[toks[j]?.low ?? ''];
    if (s === undefined) break;
    // toPrecision drops float noise such as 1.1 × 10⁶ = 1100000.0000000002
    value = Number((value * s).toPrecision(12));
    scale *= s;
    j++;
    if (toks[j]?.raw === '.') j++; // "тыс." abbreviation
  }
  return { value, scale, next: j };
}

/** English number words: "twelve", "twenty-two", "two hundred and fifty", "a thousand". */
function readNumberWords(toks: readonly Tok[], i: number): NumberRead | null {
  let total = 0;
  let current = 0;
  let any = false;
  let lastScale = 1;
  let j = i;
  for (;;) {
    const t = toks[j];
    if (!t) break;
    const parts = t.low.split('-');
    if (parts.every((p) => p in SMALL_NUMBER_WORDS || p in SCALE_WORDS)) {
      for (const p of parts) {
        const small = SMALL_NUMBER_WORDS[p];
        if (small !== undefined) {
          current += small;
        } else {
          const scale = SCALE_WORDS[p]!;
          if (scale >= 1000) {
            total += (current || 1) * scale;
            current = 0;
          } else {
            current = (current || 1) * scale;
          }
          lastScale = scale;
        }
        any = true;
      }
      j++;
      continue;
    }
    // "a hundred", "a dozen": the article stands for one
    if ((t.low === 'a' || t.low === 'an') && !any) {
      const nextLow = toks[j + 1]?.low ?? '';
      if (nextLow in SCALE_WORDS) {
        current = 1;
        j++;
        continue;
      }
    }
    // "two hundred and fifty": "and" only inside a number
    if (t.low === 'and' && any) {
      const nextLow = toks[j + 1]?.low.split('-')[0] ?? '';
      if (nextLow in SMALL_NUMBER_WORDS) {
        j++;
        continue;
      }
    }
    break;
  }
  if (!any) return null;
  return { value: total + current, scale: lastScale, next: j };
}

function readNumber(toks: readonly Tok[], i: number): NumberRead | null {
  return readNumeral(toks, i) ?? readNumberWords(toks, i);
}

// ---------------------------------------------------------------- parser

const EMPTY: ParsedFigure = { value: null, min: null, max: null, qualifier: 'vague', unit: null, counted: null };

export function parseFigure(text: string): ParsedFigure {
  const src = text.normalize('NFC');
  const toks = lex(src);
  for (let i = 0; i < toks.length; i++) {
    // Step over qualifier phrases whole, or the "many" of "as many as" reads as vague.
    const q = longestAt(toks, i, PREFIX_QUALIFIERS);
    if (q && q.len > 1) {
      i += q.len - 1;
      continue;
    }
    // A digit is never vague ("2 тысячи" is 2000); otherwise the longer
    // reading wins, so "several hundred" is vague and not the word "hundred".
    const vague = toks[i]!.num === undefined ? longestAt(toks, i, VAGUE) : null;
    const num = readNumber(toks, i);
    if (vague && (!num || vague.len >= num.next - i)) {
      return { ...EMPTY, min: vague.value, counted: countedFrom(src, toks, i + vague.len) };
    }
    if (num) return readQuantity(src, toks, i, num);
  }
  return { ...EMPTY };
}

function readQuantity(src: string, toks: readonly Tok[], i: number, first: NumberRead): ParsedFigure {
  let unit: string | null = null;
  let qStart = i;
  const sign = PREFIX_UNITS[toks[i - 1]?.raw ?? ''];
  if (sign) {
    unit = sign;
    qStart = i - 1;
  }
  const opener = RANGE_OPENERS.has(toks[qStart - 1]?.low ?? '');
  let qualifier: FigureQualifier = 'exact';
  if (!opener) {
    const prefix = longestBefore(toks, qStart, PREFIX_QUALIFIERS);
    if (prefix) qualifier = prefix.value;
  }

  let j = first.next;
  const joiner = toks[j]?.low ?? '';
  if (RANGE_JOINERS.has(joiner) || (opener && OPENED_JOINERS.has(joiner))) {
    const k = j + 1 + (PREFIX_UNITS[toks[j + 1]?.raw ?? ''] ? 1 : 0);
    const second = readNumber(toks, k);
    if (second) {
      let a = first.value;
      if (first.scale === 1 && second.scale > 1) a *= second.scale; // "40-50 thousand"
      const b = second.value;
      j = second.next;
      const rest = afterNumber(src, toks, j, unit);
      return { value: null, min: Math.min(a, b), max: Math.max(a, b), qualifier: 'range', unit: rest.unit, counted: rest.counted };
    }
  }

  const rest = afterNumber(src, toks, j, unit);
  if (qualifier === 'exact' && rest.suffix) qualifier = rest.suffix;
  const n = first.value;
  const bounds: Record<FigureQualifier, Pick<ParsedFigure, 'value' | 'min' | 'max'>> = {
    exact: { value: n, min: n, max: n },
    about: { value: n, min: null, max: null },
    more_than: { value: null, min: n, max: null },
    at_least: { value: null, min: n, max: null },
    less_than: { value: null, min: null, max: n },
    up_to: { value: null, min: null, max: n },
    range: { value: null, min: n, max: n },
    vague: { value: null, min: n, max: null },
  };
  return { ...bounds[qualifier], qualifier, unit: rest.unit, counted: rest.counted };
}

/** Unit and trailing qualifier in either order ("60 or more %" is odd but "60% or more" is not), then what is counted. */
function afterNumber(
  src: string,
  toks: readonly Tok[],
  j: number,
  unit: string | null,
): { unit: string | null; counted: string | null; suffix: FigureQualifier | null } {
  let suffix: FigureQualifier | null = null;
  for (let pass = 0; pass < 2; pass++) {
    const q = longestAt(toks, j, SUFFIX_QUALIFIERS);
    if (q) {
      suffix ??= q.value;
      j += q.len;
    }
    const u = pass === 0 ? longestAt(toks, j, SUFFIX_UNITS) : null;
    if (u) {
      unit ??= u.value;
      j += u.len;
    }
  }
  return { unit, counted: countedFrom(src, toks, j), suffix };
}

/** The rest of the text after the quantity, verbatim, minus a leading "of" and edge punctuation. */
function countedFrom(src: string, toks: readonly Tok[], j: number): string | null {
  if (COUNTED_LEAD.has(toks[j]?.low ?? '')) j++;
  const t = toks[j];
  if (!t) return null;
  const out = trimEdges(src.slice(t.start)).replace(/\s+/gu, ' ');
  return out.length > 0 ? out : null;
}

const LEADING_JUNK = /[\s"'“”‘’«»(\[,.:;–—-]/u;
const TRAILING_JUNK = /[\s"'“”‘’«»)\],.:;!?–—-]/u;

/**
 * Edge punctuation and spaces cut off by scanning, not by a `[…]+$` regular
 * expression: that one retries from every position of a long run it cannot
 * finish ("62 people" + 100,000 spaces + "x" took 25 s), this is linear.
 */
function trimEdges(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && LEADING_JUNK.test(s[a]!)) a++;
  while (b > a && TRAILING_JUNK.test(s[b - 1]!)) b--;
  return s.slice(a, b);
}

// ---------------------------------------------------------------- categories

/**
 * What a figure counts, by outcome. Each entry is a word, a phrase, or a stem
 * ending in `*` (needed for Russian case endings: убит* matches убиты, убитых).
 * Order matters only for ties. "Casualties" stays its own category because
 * outlets use it both for deaths alone and for dead plus wounded.
 */
export const CATEGORY_KEYWORDS: ReadonlyArray<{ category: string; keywords: readonly string[] }> = [
  {
    category: 'killed',
    keywords: [
      'killed', 'kill', 'kills', 'killing', 'dead', 'died', 'die', 'dying', 'death', 'deaths', 'death toll', 'fatalities', 'fatality',
      'bodies', 'eliminated', 'perished', 'slain', 'lost their lives', 'lives were lost', 'executed',
      'убит*', 'погиб*', 'уничтож*', 'ликвидир*', 'смерт*', 'мертв*', 'умер*', 'жертв*',
    ],
  },
  {
    category: 'wounded',
    keywords: ['wounded', 'wounding', 'injured', 'injuring', 'injuries', 'injury', 'hurt', 'hospitalised', 'hospitalized', 'ранен*', 'ранены', 'пострадав*', 'травм*'],
  },
  { category: 'missing', keywords: ['missing', 'unaccounted', 'disappeared', 'пропал*', 'пропавш*', 'без вести'] },
  { category: 'captured', keywords: ['captured', 'captive', 'captives', 'prisoner', 'prisoners', 'pows', 'surrendered', 'taken prisoner', 'плен*', 'сдал*', 'сдались'] },
  { category: 'detained', keywords: ['arrested', 'detained', 'detainees', 'задержан*', 'арестован*'] },
  { category: 'displaced', keywords: ['displaced', 'refugees', 'evacuated', 'evacuees', 'fled', 'беженц*', 'эвакуир*'] },
  { category: 'casualties', keywords: ['casualties', 'casualty', 'потер*'] },
];

export const CATEGORY_ORDER: readonly string[] = [...CATEGORY_KEYWORDS.map((c) => c.category), 'other'];

function keywordPattern(keyword: string): RegExp {
  const stem = keyword.endsWith('*');
  const body = (stem ? keyword.slice(0, -1) : keyword)
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{M}])${body}${stem ? '' : '(?![\\p{L}\\p{M}])'}`, 'giu');
}

const CATEGORY_PATTERNS = CATEGORY_KEYWORDS.flatMap(({ category, keywords }) => keywords.map((k) => ({ category, re: keywordPattern(k) })));

interface Hit {
  category: string;
  start: number;
  end: number;
  rank: number;
}

function hits(text: string): Hit[] {
  const out: Hit[] = [];
  CATEGORY_PATTERNS.forEach(({ category, re }, rank) => {
    for (const m of text.matchAll(re)) out.push({ category, start: m.index, end: m.index + m[0].length, rank });
  });
  return out;
}

function nearest(found: Hit[], at: { start: number; end: number }): string | null {
  let best: { hit: Hit; d: number } | null = null;
  for (const h of found) {
    const d = h.end <= at.start ? at.start - h.end : h.start >= at.end ? h.start - at.end : 0;
    if (!best || d < best.d || (d === best.d && h.rank < best.hit.rank)) best = { hit: h, d };
  }
  return best?.hit.category ?? null;
}

/**
 * Which outcome a figure counts. The counted words decide first ("62 dead");
 * otherwise the claim around the figure does, taking the keyword nearest the
 * figure, so "killed 62 servicemen and wounded 40 others" puts 62 under
 * killed and 40 under wounded. `at` is the figure's UTF-16 range inside
 * `contextClaimText`; without it the counted words are looked up in the claim.
 */
export function countedCategory(counted: string, contextClaimText?: string, at?: { start: number; end: number }): string {
  const own = hits(counted);
  if (own.length > 0) return nearest(own, { start: 0, end: 0 }) ?? 'other';
  if (!contextClaimText) return 'other';
  const found = hits(contextClaimText);
  if (found.length === 0) return 'other';
  let anchor = at;
  if (!anchor && counted.trim()) {
    const i = contextClaimText.toLowerCase().indexOf(counted.trim().toLowerCase());
    if (i >= 0) anchor = { start: i, end: i + counted.trim().length };
  }
  return nearest(found, anchor ?? { start: 0, end: 0 }) ?? 'other';
}
