import { describe, expect, it } from 'vitest';
import { cpSlice } from './offsets';
import { graphemeEdges, sentenceStarts, tokenize } from './tokenize';
import { OffsetIndex } from './offsets';

const texts = (s: string, b?: Set<number>) => tokenize(s, b).map((t) => t.text);

describe('tokenize', () => {
  it('splits words and punctuation', () => {
    expect(texts('He said: "62 servicemen, 1,000 don\'t."')).toEqual(['He', 'said', ':', '"', '62', 'servicemen', ',', '1,000', "don't", '.', '"']);
  });

  it('keeps emoji sequences, combining marks and scripts whole, with code point offsets', () => {
    const s = 'A 👩‍👩‍👧 Ре\u0301шение 🚀 مرحبا\r\nx';
    const toks = tokenize(s);
    expect(toks.map((t) => t.text)).toEqual(['A', '👩‍👩‍👧', 'Ре\u0301шение', '🚀', 'مرحبا', 'x']);
    for (const t of toks) expect(cpSlice(s, t.start, t.end)).toBe(t.text);
  });

  it('splits a word at forced breaks', () => {
    expect(texts('well-known', new Set([4]))).toEqual(['well', '-', 'known']);
    expect(texts('Deir-ez-Zor', new Set([2]))).toEqual(['De', 'ir-ez-Zor']);
  });

  it('keeps abbreviations and hyphenated words whole, segments scripts without spaces into words', () => {
    expect(texts('The U.S.-led coalition met Mr. Smith, e.g. at 3.5% of $1,000.')).toEqual(['The', 'U.S.-led', 'coalition', 'met', 'Mr.', 'Smith', ',', 'e.g.', 'at', '3.5', '%', 'of', '$', '1,000', '.']);
    expect(texts('北京是中国的首都。')).toEqual(['北京', '是', '中国', '的', '首都', '。']);
  });

  it('never applies a forced break inside a grapheme cluster', () => {
    const s = 'cafe\u0301 👩‍👩‍👧';
    expect(texts(s, new Set([4, 7]))).toEqual(['cafe\u0301', '👩‍👩‍👧']);
  });
});

describe('sentenceStarts and graphemeEdges', () => {
  it('puts a closing quote in its sentence and does not end one inside "U.S.-led"', () => {
    const t = 'The U.S.-led coalition struck. He said “stop.” Then he left.';
    expect([...sentenceStarts(t)].map((i) => [...t].slice(i, i + 4).join(''))).toEqual(['He s', 'Then']);
  });

  it('tells offsets between clusters from offsets inside one', () => {
    const s = 'cafe\u0301 👩‍👩‍👧 x\r\ny';
    const edge = graphemeEdges(new OffsetIndex(s));
    const cps = [...s];
    const inside = cps.map((_, i) => i).filter((i) => !edge(i));
    // inside: before the accent (4); between the family's people and joiners (7..10); between CR and LF
    expect(inside).toEqual([4, 7, 8, 9, 10, cps.indexOf('\n')]);
  });
});

