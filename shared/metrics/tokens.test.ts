import { describe, expect, it } from 'vitest';
import { tokenize, tokenLayer } from './tokens';

const words = (text: string) => tokenize(text).map((t) => [...text].slice(t.start, t.end).join(''));

describe('tokenize', () => {
  it('splits words and single punctuation marks, dropping spaces', () => {
    expect(words('The ministry said: "62 servicemen".')).toEqual(['The', 'ministry', 'said', ':', '"', '62', 'servicemen', '"', '.']);
  });
  it('counts code points, so an emoji is one token of width one', () => {
    const toks = tokenize('a 🚀 b');
    expect(toks).toEqual([{ start: 0, end: 1 }, { start: 2, end: 3 }, { start: 4, end: 5 }]);
  });
  it('keeps Cyrillic words and combining marks whole', () => {
    expect(words('погибли 62 военнослужащих')).toEqual(['погибли', '62', 'военнослужащих']);
    expect(words('cafe\u0301 x')).toEqual(['cafe\u0301', 'x']);
  });
  it('returns nothing for blank text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ')).toEqual([]);
  });
});

describe('tokenLayer', () => {
  const toks = tokenize('aa bb cc dd'); // [0,2) [3,5) [6,8) [9,11)
  it('marks every token a range overlaps, including partly covered ones', () => {
    expect([...tokenLayer(toks, [{ start: 3, end: 8 }])]).toEqual([0, 1, 1, 0]);
    expect([...tokenLayer(toks, [{ start: 4, end: 7 }])]).toEqual([0, 1, 1, 0]);
  });
  it('ignores ranges touching only the spaces between tokens, and empty ranges', () => {
    expect([...tokenLayer(toks, [{ start: 2, end: 3 }, { start: 5, end: 5 }])]).toEqual([0, 0, 0, 0]);
  });
  it('unions several ranges', () => {
    expect([...tokenLayer(toks, [{ start: 0, end: 1 }, { start: 9, end: 11 }])]).toEqual([1, 0, 0, 1]);
  });
});
