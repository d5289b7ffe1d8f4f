/**
 * The token stream every suggester reads. Offsets are UTF-16 (the runner
 * converts results to code points once, at the end), so suggesters can slice
 * the text directly. `pos`, `lemma` and `sentStart` come from a tagger when
 * one is given; without it suggesters fall back to what the words show.
 */

export type Pos =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART'
  | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X';

export interface Token {
  text: string;
  lower: string;
  /** UTF-16 offsets into the document text, end exclusive */
  start: number;
  end: number;
  /** the whitespace before the token contains a line break */
  afterBreak: boolean;
  /** first token of a sentence (a tagger's sentence boundary, or a guess) */
  sentStart: boolean;
  pos?: Pos;
  lemma?: string;
}

/** Turns a text into tokens; the wink-nlp tagger is one, `plainTokens` the fallback. */
export type Tagger = (text: string) => Token[];

/*
 * Words (inner hyphens and apostrophes kept, a possessive 's split off as
 * spaCy does), numbers with digit groups ("1,200", "4.5"), clock times
 * ("11:30"), and any other single character.
 */
const PLAIN = /\d+(?:[.,:]\d+)*|[\p{L}\p{M}\p{N}]+(?:(?:[-‐]|['’](?![sS](?![\p{L}\p{M}])))[\p{L}\p{M}\p{N}]+)*|['’][sS](?![\p{L}\p{M}])|\S/gu;

export function plainTokens(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  let sentenceOver = true;
  for (const m of text.matchAll(PLAIN)) {
    const start = m.index;
    const gap = text.slice(last, start);
    const afterBreak = gap.includes('\n');
    if (/\n\s*\n/.test(gap)) sentenceOver = true;
    out.push({ text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length, afterBreak, sentStart: sentenceOver });
    sentenceOver = /^[.!?]$/.test(m[0]);
    last = start + m[0].length;
  }
  return out;
}
