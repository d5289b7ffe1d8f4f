import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedText, seeded } from './arbitraries';
import { OffsetIndex } from './offsets';
import { nextWordStart, prevWordStart, sentenceStarts, snapToWords, TITLES, trimWhitespace, wordEndAfter } from './snap';

/**
 * `marked` holds the text with the user's drag between two `|` marks;
 * returns the text the snapped selection would label, or null.
 */
function snapped(marked: string): string | null {
  const start = marked.indexOf('|');
  const end = marked.indexOf('|', start + 1) - 1;
  const text = marked.replaceAll('|', '');
  const r = snapToWords(text, start, end);
  // dragging right to left must give the same result
  expect(snapToWords(text, end, start)).toEqual(r);
  return r && text.slice(r.start, r.end);
}

const WORDLIKE = /[\p{L}\p{M}\p{N}]/u;
/** a result that ends in an abbreviation's period: an initialism of one- or two-letter parts, or a title */
const ABBREVIATION_END = new RegExp(`(?:(?:\\p{L}{1,2}\\.){2,}|(?<![\\p{L}\\p{M}\\p{N}])(?:${TITLES.join('|')})\\.)$`, 'u');

describe('snapToWords', () => {
  it('leaves out the punctuation and quotes around a word', () => {
    expect(snapped('He said |"Minsk,"| then left')).toBe('Minsk');
    expect(snapped('the |word.| Next')).toBe('word');
    expect(snapped('(|officials|) said')).toBe('officials');
    expect(snapped('“|quoted|”')).toBe('quoted');
    expect(snapped("the |'best'| way")).toBe('best');
    expect(snapped('killed |62 servicemen,| officials said')).toBe('62 servicemen');
  });

  it('keeps hyphens, apostrophes and digit separators inside words', () => {
    expect(snapped('a |well-known|, old fact')).toBe('well-known');
    expect(snapped('a we|ll-kn|own fact')).toBe('well-known');
    expect(snapped("I |don't| know")).toBe("don't");
    expect(snapped("I do|n'|t know")).toBe("don't");
    expect(snapped('they don’|t| care')).toBe('don’t');
    expect(snapped('about |1,0|00 people')).toBe('1,000');
    expect(snapped('about |1,000,| people')).toBe('1,000');
    expect(snapped('|3.|5 million')).toBe('3.5');
    expect(snapped('environ |5|\u00a0000 soldats')).toBe('5\u00a0000');
    expect(snapped('it cost 3.|5|.')).toBe('3.5');
    // a comma between words is punctuation, not part of a number
    expect(snapped('red|,| green')).toBe(null);
    expect(snapped('r|ed, gr|een')).toBe('red, green');
  });

  it('keeps the final period of an abbreviation, but not a sentence-final period', () => {
    expect(snapped('officials |said U.S.| troops')).toBe('said U.S.');
    expect(snapped('officials said |U.S.|')).toBe('U.S.');
    expect(snapped('officials said U.|S|.')).toBe('U.S.');
    expect(snapped('the |U.K.| government')).toBe('U.K.');
    expect(snapped('according to |Gen.| Ivanov')).toBe('Gen.');
    expect(snapped('at |9 a.m.| local time')).toBe('9 a.m.');
    expect(snapped('at |9 a.|m. local time')).toBe('9 a.m.');
    expect(snapped('Ask |Dr. Smith|')).toBe('Dr. Smith');
    expect(snapped('the |e.g.| case')).toBe('e.g.');
    // a period after an ordinary word ends the sentence and stays out
    expect(snapped('the strike |killed 62 servicemen.| Next')).toBe('killed 62 servicemen');
    expect(snapped('The general |said.|')).toBe('said');
    expect(snapped('It was |Gene.| Then')).toBe('Gene');
  });

  it('expands a sloppy drag inside words to the whole words', () => {
    expect(snapped('the Def|ence Minis|try said')).toBe('Defence Ministry');
    expect(snapped('the Defence Ministr|y|')).toBe('Ministry');
    expect(snapped('t|h|e')).toBe('the');
  });

  it('handles Cyrillic, Arabic, combining marks and emoji', () => {
    expect(snapped('заявило Миноб|оро|ны России')).toBe('Минобороны');
    expect(snapped('«|Минобороны|»,')).toBe('Минобороны');
    expect(snapped('قال المتحدث| باسم |الوزارة')).toBe('باسم');
    expect(snapped('بِ|سْ|مِ الله')).toBe('بِسْمِ');
    expect(snapped('un caf|e|\u0301 noir')).toBe('cafe\u0301');
    expect(snapped('launch🚀|today|!')).toBe('today');
    expect(snapped('|🚀 rocket|')).toBe('rocket');
    expect(snapped('👩‍👩‍👧|family|👩‍👩‍👧')).toBe('family');
    expect(snapped('ab𝔸|c|d')).toBe('ab𝔸cd'); // an astral letter is a letter
  });

  it('returns null when no word is selected', () => {
    expect(snapped('a| |b')).toBe(null);
    expect(snapped('a|   \r\n\t|b')).toBe(null);
    expect(snapped('end|.|')).toBe(null);
    expect(snapped('x |🚀| y')).toBe(null);
    expect(snapToWords('abc', 1, 1)).toBe(null);
    expect(snapToWords('', 0, 0)).toBe(null);
  });

  it('always returns whole words, and only the words the drag touched', () => {
    fc.assert(
      fc.property(
        mixedText().chain((t) => {
          const n = [...t].length;
          return fc.tuple(fc.constant(t), fc.nat(n), fc.nat(n));
        }),
        ([text, a, b]) => {
          // the editor's offsets never split a surrogate pair, so build them from code points
          const ix = new OffsetIndex(text);
          const [s, e] = [ix.toUtf16(Math.min(a, b)), ix.toUtf16(Math.max(a, b))];
          const r = snapToWords(text, s, e);
          const selected = text.slice(s, e);
          if (!WORDLIKE.test(selected)) {
            expect(r).toBe(null);
            return;
          }
          expect(r).not.toBe(null);
          const { start, end } = r!;
          const out = text.slice(start, end);
          expect(out.isWellFormed()).toBe(true);
          expect(WORDLIKE.test([...out][0]!)).toBe(true);
          // an abbreviation keeps its period ("U.S.", "a.m.", "Gen."): the one edge that may be a period
          const last = ABBREVIATION_END.test(out) ? [...out].at(-2)! : [...out].at(-1)!;
          expect(WORDLIKE.test(last)).toBe(true);
          // the result overlaps the drag and grew only through word characters
          expect(start).toBeLessThan(e);
          expect(end).toBeGreaterThan(s);
          const grownLeft = start < s ? text.slice(start, s) : '';
          const grownRight = end > e ? text.slice(e, end) : '';
          // (a no-break space between digits is a thousands separator, "5 000", so it may be crossed)
          for (const g of [grownLeft, grownRight]) expect(g).not.toMatch(/[ \t\r\n"()!?“”«»🚀😀]/u);
          // a word is never cut: snapping the result again changes nothing
          expect(snapToWords(text, start, end)).toEqual(r);
          expect(WORDLIKE.test([...text.slice(0, start)].at(-1) ?? ' ') && WORDLIKE.test([...out][0]!)).toBe(false);
        },
      ),
      seeded(1000, 'snapToWords'),
    );
  });
});

describe('trimWhitespace', () => {
  it('trims only whitespace, keeping punctuation (the exact Alt selection)', () => {
    expect(trimWhitespace(' "x," ', 0, 6)).toEqual({ start: 1, end: 5 });
    expect(trimWhitespace(' \r\n ', 0, 4)).toBe(null);
  });
});

describe('sentenceStarts', () => {
  it('finds sentence starts after end punctuation, closing quotes and line breaks', () => {
    const t = 'One. Two! "Three?" Four… Five';
    expect(sentenceStarts(t).map((i) => t.slice(i, i + 4))).toEqual(['One.', 'Two!', '"Thr', 'Four', 'Five']);
    const crlf = 'Line one\r\nLine two\nLine three';
    expect(sentenceStarts(crlf).map((i) => crlf.slice(i, i + 6))).toEqual(['Line o', 'Line t', 'Line t']);
  });

  it('does not break inside numbers or abbreviations without a following space', () => {
    const t = 'It cost 3.5 million (1,000.5 each). Next';
    expect(sentenceStarts(t)).toEqual([0, t.indexOf('Next')]);
  });

  it('returns sorted, unique starts, each on a non-blank character right after whitespace (or the text start)', () => {
    fc.assert(
      fc.property(mixedText(60), (t) => {
        const starts = sentenceStarts(t);
        // the first start is the first non-blank character: a caret never lands on indentation or an empty line
        expect(starts[0]).toBe(t.length - t.trimStart().length);
        for (let i = 0; i < starts.length; i++) {
          if (i > 0) expect(starts[i]!).toBeGreaterThan(starts[i - 1]!);
          expect(starts[i]!).toBeLessThanOrEqual(t.length);
          if (starts[i]! < t.length) expect(t[starts[i]!]).not.toMatch(/\s/u);
          if (i > 0) expect(t[starts[i]! - 1]).toMatch(/\s/u);
        }
      }),
      seeded(300, 'sentenceStarts'),
    );
  });
});

describe('nextWordStart / prevWordStart', () => {
  const t = 'The well-known "fact", 1,000 times — Минобороны.';
  const words = ['The', 'well-known', 'fact', '1,000', 'times', 'Минобороны'];
  const starts = words.map((w) => t.indexOf(w));

  it('hop from word to word, skipping punctuation and keeping joined words whole', () => {
    const fwd = [0];
    while (fwd.at(-1)! < t.length) fwd.push(nextWordStart(t, fwd.at(-1)!));
    expect(fwd).toEqual([...starts, t.length]);
    const back = [t.length];
    while (back.at(-1)! > 0) back.push(prevWordStart(t, back.at(-1)!));
    expect(back).toEqual([t.length, ...starts.slice().reverse()]);
  });

  it('move to the current word start from inside a word, and to the word end', () => {
    expect(prevWordStart(t, t.indexOf('known'))).toBe(t.indexOf('well'));
    expect(nextWordStart(t, t.indexOf('ell'))).toBe(t.indexOf('fact'));
    expect(wordEndAfter(t, t.indexOf(' "fact"'))).toBe(t.indexOf('", 1'));
  });

  it('prevWordStart undoes nextWordStart from any word start', () => {
    fc.assert(
      fc.property(mixedText(), (text) => {
        for (let p = 0, q = nextWordStart(text, 0); q < text.length; p = q, q = nextWordStart(text, q)) {
          expect(q).toBeGreaterThan(p);
          if (p > 0 || WORDLIKE.test(text.codePointAt(0) ? String.fromCodePoint(text.codePointAt(0)!) : '')) expect(prevWordStart(text, q)).toBe(p);
        }
      }),
      seeded(300, 'word hops'),
    );
  });
});
