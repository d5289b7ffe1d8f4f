import { describe, expect, it } from 'vitest';
import { cpSlice } from './offsets';
import { tokenize } from './tokenize';

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
});
