import type { Token } from './tokens';

/**
 * spaCy EntityRuler / Prodigy `patterns.jsonl`, one pattern a line:
 *   {"label": "attribution", "pattern": [{"lower": "according"}, {"lower": "to"}]}
 *   {"label": "actor", "pattern": "US Central Command", "id": "centcom"}
 * Token patterns follow spaCy's Matcher: attributes ORTH/TEXT, LOWER,
 * LENGTH, IS_ALPHA, IS_ASCII, IS_DIGIT, IS_LOWER, IS_UPPER, IS_TITLE,
 * IS_PUNCT, IS_SPACE, IS_STOP, IS_SENT_START, LIKE_NUM, LIKE_URL,
 * LIKE_EMAIL, SHAPE, POS, TAG (read as POS), LEMMA; values may be a
 * literal or a predicate object (IN, NOT_IN, REGEX, ==, !=, >=, <=, >, <);
 * OP is one of ! ? + * {n} {n,m} {n,} {,m}. Attributes that need a parser
 * Spanmark does not have (DEP, ENT_TYPE, MORPH…) are refused with a message,
 * never silently ignored.
 */

export type TokenSpec = Record<string, unknown>;

export interface TokenPattern {
  kind: 'token';
  label: string;
  id?: string;
  tokens: CompiledToken[];
  /** the pattern as written, for export */
  raw: TokenSpec[];
}

export interface PhrasePattern {
  kind: 'phrase';
  label: string;
  id?: string;
  phrase: string;
}

export type Pattern = TokenPattern | PhrasePattern;

export interface CompiledToken {
  test: (t: Token) => boolean;
  min: number;
  max: number;
  /** "!" : must not match, consumes one token */
  negate: boolean;
}

export class PatternError extends Error {}

const STOP_WORDS = new Set(
  ('a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over ' +
    'under again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too ' +
    'very can will just should now i me my we our you your he him his she her it its they them their what which who whom this that these those am is are ' +
    'was were be been being have has had having do does did doing would could').split(' '),
);

const LIKE_NUM_WORDS = new Set(
  ('zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty ' +
    'fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen').split(' '),
);

function shape(text: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of text) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) out += c;
  }
  return out;
}

type Getter = (t: Token) => string | number | boolean | undefined;

const GETTERS: Record<string, Getter> = {
  ORTH: (t) => t.text,
  TEXT: (t) => t.text,
  LOWER: (t) => t.lower,
  NORM: (t) => t.lower,
  LENGTH: (t) => [...t.text].length,
  IS_ALPHA: (t) => /^[\p{L}\p{M}]+$/u.test(t.text),
  IS_ASCII: (t) => /^[\x00-\x7f]+$/.test(t.text),
  IS_DIGIT: (t) => /^\p{Nd}+$/u.test(t.text),
  IS_LOWER: (t) => t.text === t.lower && /\p{L}/u.test(t.text),
  IS_UPPER: (t) => t.text === t.text.toUpperCase() && /\p{L}/u.test(t.text),
  IS_TITLE: (t) => /^\p{Lu}[\p{Ll}\p{M}'’-]*$/u.test(t.text),
  IS_PUNCT: (t) => /^\p{P}+$/u.test(t.text),
  IS_SPACE: (t) => /^\s+$/u.test(t.text),
  IS_STOP: (t) => STOP_WORDS.has(t.lower),
  IS_SENT_START: (t) => t.sentStart,
  LIKE_NUM: (t) => /^[+-]?\d+(?:[.,]\d+)*%?$/.test(t.text) || LIKE_NUM_WORDS.has(t.lower) || /^\d+(st|nd|rd|th)$/.test(t.lower),
  LIKE_URL: (t) => /^(https?:\/\/|www\.)\S+$/i.test(t.text) || /^[\w-]+\.(com|org|net|gov|edu|io)(\/\S*)?$/i.test(t.text),
  LIKE_EMAIL: (t) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(t.text),
  SHAPE: (t) => shape(t.text),
  POS: (t) => t.pos,
  TAG: (t) => t.pos,
  LEMMA: (t) => t.lemma ?? t.lower,
};

const NEEDS_PARSER = new Set(['DEP', 'ENT_TYPE', 'ENT_IOB', 'ENT_ID', 'ENT_KB_ID', 'MORPH', 'HEAD', 'SENT_START', 'SPACY', '_']);

function predicate(attr: string, get: Getter, spec: unknown, where: string): (t: Token) => boolean {
  if (typeof spec === 'string' || typeof spec === 'number' || typeof spec === 'boolean') {
    return (t) => get(t) === spec;
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new PatternError(`${where}: ${attr} must be a string, number, boolean or an object of predicates`);
  }
  const tests: ((t: Token) => boolean)[] = [];
  for (const [op, arg] of Object.entries(spec)) {
    switch (op.toUpperCase()) {
      case 'IN':
      case 'NOT_IN': {
        if (!Array.isArray(arg)) throw new PatternError(`${where}: ${attr}.${op} needs a list`);
        const set = new Set(arg);
        tests.push(op.toUpperCase() === 'IN' ? (t) => set.has(get(t)) : (t) => !set.has(get(t)));
        break;
      }
      case 'REGEX': {
        if (typeof arg !== 'string') throw new PatternError(`${where}: ${attr}.REGEX needs a string`);
        let re: RegExp;
        try {
          re = new RegExp(arg, 'u');
        } catch (e) {
          throw new PatternError(`${where}: ${attr}.REGEX is not a valid regular expression (${(e as Error).message})`);
        }
        tests.push((t) => re.test(String(get(t) ?? '')));
        break;
      }
      case '==':
      case '!=':
      case '>=':
      case '<=':
      case '>':
      case '<': {
        if (typeof arg !== 'number') throw new PatternError(`${where}: ${attr} ${op} needs a number`);
        const cmp: Record<string, (a: number) => boolean> = {
          '==': (a) => a === arg, '!=': (a) => a !== arg, '>=': (a) => a >= arg, '<=': (a) => a <= arg, '>': (a) => a > arg, '<': (a) => a < arg,
        };
        const f = cmp[op]!;
        tests.push((t) => {
          const v = get(t);
          return typeof v === 'number' && f(v);
        });
        break;
      }
      default:
        throw new PatternError(`${where}: unknown predicate ${op} on ${attr} (use IN, NOT_IN, REGEX, ==, !=, >=, <=, >, <)`);
    }
  }
  return (t) => tests.every((f) => f(t));
}

function quantifier(op: unknown, where: string): { min: number; max: number; negate: boolean } {
  if (op === undefined) return { min: 1, max: 1, negate: false };
  if (op === '!') return { min: 1, max: 1, negate: true };
  if (op === '?') return { min: 0, max: 1, negate: false };
  if (op === '+') return { min: 1, max: Infinity, negate: false };
  if (op === '*') return { min: 0, max: Infinity, negate: false };
  const m = typeof op === 'string' ? /^\{(\d*)(,?)(\d*)\}$/.exec(op) : null;
  if (m && (m[1] || m[3])) {
    const min = m[1] ? Number(m[1]) : 0;
    const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    if (max >= min) return { min, max, negate: false };
  }
  throw new PatternError(`${where}: OP must be one of ! ? + * {n} {n,m} {n,} {,m}, not ${JSON.stringify(op)}`);
}

export function compileToken(spec: TokenSpec, where: string): CompiledToken {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new PatternError(`${where}: each token must be an object`);
  const tests: ((t: Token) => boolean)[] = [];
  let q = { min: 1, max: 1, negate: false };
  for (const [key, value] of Object.entries(spec)) {
    const attr = key.toUpperCase();
    if (attr === 'OP') {
      q = quantifier(value, where);
      continue;
    }
    if (NEEDS_PARSER.has(attr)) throw new PatternError(`${where}: ${attr} needs spaCy's parser or entity recogniser, which Spanmark does not run offline`);
    const get = GETTERS[attr];
    if (!get) throw new PatternError(`${where}: unknown token attribute ${key}`);
    tests.push(predicate(attr, get, value, where));
  }
  return { test: (t) => tests.every((f) => f(t)), ...q };
}

/** Every end (token index, exclusive) at which `pattern` matches starting at token i. */
export function matchEnds(pattern: readonly CompiledToken[], tokens: readonly Token[], i: number): number[] {
  const ends = new Set<number>();
  const seen = new Set<string>();
  const walk = (p: number, at: number) => {
    const k = `${p}:${at}`;
    if (seen.has(k)) return;
    seen.add(k);
    if (p === pattern.length) {
      if (at > i) ends.add(at);
      return;
    }
    const c = pattern[p]!;
    let n = 0;
    let pos = at;
    if (c.min === 0) walk(p + 1, at);
    while (n < c.max && pos < tokens.length) {
      const ok = c.test(tokens[pos]!);
      if (c.negate ? ok : !ok) break;
      n++;
      pos++;
      if (n >= c.min) walk(p + 1, pos);
    }
  };
  walk(0, i);
  return [...ends];
}

export interface ParsedPatterns {
  patterns: Pattern[];
  /** `line N: reason` for each refused line; the others are kept */
  errors: string[];
}

export function parsePatternsJsonl(source: string, name = 'patterns.jsonl'): ParsedPatterns {
  const patterns: Pattern[] = [];
  const errors: string[] = [];
  source.split(/\r?\n/).forEach((line, n) => {
    const where = `${name}:${n + 1}`;
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      errors.push(`${where}: not valid JSON`);
      return;
    }
    try {
      patterns.push(toPattern(obj, where));
    } catch (e) {
      errors.push(e instanceof PatternError ? e.message : `${where}: ${(e as Error).message}`);
    }
  });
  return { patterns, errors };
}

function toPattern(obj: unknown, where: string): Pattern {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new PatternError(`${where}: expected an object with "label" and "pattern"`);
  const { label, pattern, id } = obj as { label?: unknown; pattern?: unknown; id?: unknown };
  if (typeof label !== 'string' || label === '') throw new PatternError(`${where}: "label" must be a non-empty string`);
  const idPart = typeof id === 'string' ? { id } : {};
  if (typeof pattern === 'string') {
    if (pattern.trim() === '') throw new PatternError(`${where}: the phrase is empty`);
    return { kind: 'phrase', label, phrase: pattern, ...idPart };
  }
  if (!Array.isArray(pattern) || pattern.length === 0) throw new PatternError(`${where}: "pattern" must be a phrase or a non-empty list of token objects`);
  const raw = pattern as TokenSpec[];
  const tokens = raw.map((t, k) => compileToken(t, `${where} token ${k + 1}`));
  if (tokens.every((t) => t.min === 0)) throw new PatternError(`${where}: every token is optional, so the pattern could match nothing`);
  return { kind: 'token', label, tokens, raw, ...idPart };
}

export function patternsToJsonl(patterns: readonly Pattern[]): string {
  return patterns
    .map((p) => JSON.stringify({ label: p.label, pattern: p.kind === 'phrase' ? p.phrase : p.raw, ...(p.id ? { id: p.id } : {}) }))
    .map((l) => `${l}\n`)
    .join('');
}

/** A gazetteer: one phrase a line; blank lines and lines starting with # are skipped. */
export function parseGazetteer(source: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of source.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const phrase = line.trim();
    if (phrase === '' || phrase.startsWith('#')) continue;
    const k = phrase.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(phrase);
  }
  return out;
}
