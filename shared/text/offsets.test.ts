import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedText, mixedTextWithLoneSurrogates, seeded } from './arbitraries';
import { cpLength, cpSlice, cpToUtf16, OffsetIndex, utf16ToCp } from './offsets';

// The reference model: JavaScript's string iterator walks code points, and a
// lone surrogate counts as one, exactly as Python's str does.
const pythonSlice = (text: string, a: number, b: number): string => [...text].slice(a, b).join('');

/** text with its offsets: a code point offset in range and a UTF-16 offset in range */
const textWithOffsets = (text: fc.Arbitrary<string>) =>
  text.chain((t) => {
    const n = [...t].length;
    return fc.record({ text: fc.constant(t), a: fc.nat(n + 3), b: fc.nat(n + 3), u16: fc.nat(t.length) });
  });

describe('cpLength', () => {
  it('counts emoji, ZWJ sequences and combining marks as Python does', () => {
    expect(cpLength('🚀')).toBe(1);
    expect(cpLength('👩‍👩‍👧')).toBe(5); // three people and two zero-width joiners
    expect(cpLength('e\u0301')).toBe(2);
    expect(cpLength('a\r\nb')).toBe(4);
    expect(cpLength('Минобороны')).toBe(10);
    expect(cpLength('\uD83D')).toBe(1);
  });

  it('equals the number of code points for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(mixedTextWithLoneSurrogates(), (t) => {
        expect(cpLength(t)).toBe([...t].length);
        expect(new OffsetIndex(t).cpLength).toBe([...t].length);
      }),
      seeded(500, 'cpLength'),
    );
  });
});

describe('OffsetIndex', () => {
  it('converts around astral characters', () => {
    const ix = new OffsetIndex('a🚀b👩‍👩‍👧c');
    // a=0 🚀=1 b=2 👩=3 ZWJ=4 👩=5 ZWJ=6 👧=7 c=8
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((cp) => ix.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 7, 9, 10, 12, 13]);
    expect(ix.toCodePoint(2, 'start')).toBe(1); // inside the rocket: back to its start
    expect(ix.toCodePoint(2, 'end')).toBe(2); // …or past its end
    expect(ix.toCodePoint(3)).toBe(2);
  });

  it('round-trips every code point offset through UTF-16', () => {
    fc.assert(
      fc.property(mixedTextWithLoneSurrogates(), (t) => {
        const ix = new OffsetIndex(t);
        const cps = [...t];
        let u16 = 0;
        for (let cp = 0; cp <= cps.length; cp++) {
          expect(ix.toUtf16(cp)).toBe(u16);
          expect(ix.toCodePoint(ix.toUtf16(cp), 'start')).toBe(cp);
          expect(ix.toCodePoint(ix.toUtf16(cp), 'end')).toBe(cp);
          u16 += cps[cp]?.length ?? 0;
        }
      }),
      seeded(500, 'round-trip'),
    );
  });

  it('rounds an offset inside a surrogate pair down for a start and up for an end', () => {
    fc.assert(
      fc.property(textWithOffsets(mixedTextWithLoneSurrogates()), ({ text, u16 }) => {
        const ix = new OffsetIndex(text);
        const down = ix.toCodePoint(u16, 'start');
        const up = ix.toCodePoint(u16, 'end');
        const midPair = u16 > 0 && u16 < text.length && /[\uD800-\uDBFF]/.test(text[u16 - 1]!) && /[\uDC00-\uDFFF]/.test(text[u16]!);
        if (midPair) {
          expect(ix.toUtf16(down)).toBe(u16 - 1);
          expect(ix.toUtf16(up)).toBe(u16 + 1);
          expect(up).toBe(down + 1);
        } else {
          expect(down).toBe(up);
          expect(ix.toUtf16(down)).toBe(u16);
        }
      }),
      seeded(1000, 'mid-surrogate'),
    );
  });

  it('never yields half a character from editor offsets on well-formed text', () => {
    fc.assert(
      fc.property(textWithOffsets(mixedText()), fc.nat(), ({ text, u16 }, other) => {
        const ix = new OffsetIndex(text);
        const [x, y] = [u16, other % (text.length + 1)].sort((p, q) => p - q) as [number, number];
        const s = ix.slice(ix.toCodePoint(x, 'start'), ix.toCodePoint(y, 'end'));
        expect(s.isWellFormed()).toBe(true);
        // and it covers at least what the editor selected
        expect(s).toContain(text.slice(x, y).replace(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/g, ''));
      }),
      seeded(500, 'no half characters'),
    );
  });

  it('clamps offsets outside the text', () => {
    const ix = new OffsetIndex('ж🚀');
    expect(ix.toUtf16(-3)).toBe(0);
    expect(ix.toUtf16(99)).toBe(3);
    expect(ix.toCodePoint(-1)).toBe(0);
    expect(ix.toCodePoint(99, 'end')).toBe(2);
  });

  it('treats lone surrogates as characters of their own', () => {
    // a lone low surrogate, then a real pair, then a lone high surrogate at the very end
    const t = '\uDE80x\uD83D\uDE80\uD83D';
    const ix = new OffsetIndex(t);
    expect(ix.cpLength).toBe(4);
    expect([0, 1, 2, 3, 4].map((cp) => ix.toUtf16(cp))).toEqual([0, 1, 2, 4, 5]);
    expect(ix.slice(2, 3)).toBe('\uD83D\uDE80');
    expect(ix.slice(3, 4)).toBe('\uD83D');
    expect(ix.toCodePoint(3, 'start')).toBe(2);
    expect(ix.toCodePoint(3, 'end')).toBe(3);
    // two high surrogates in a row: neither is the start of a pair with the other
    expect(new OffsetIndex('\uD83D\uD83D\uDE80').cpLength).toBe(2);
  });
});

describe('cpSlice', () => {
  it('slices by code points like Python', () => {
    expect(cpSlice('A 👩‍👩‍👧 Ре\u0301шение', 2, 7)).toBe('👩‍👩‍👧');
    expect(cpSlice('🚀🚀🚀', 1, 2)).toBe('🚀');
    expect(cpSlice('مرحبا بالعالم', 0, 5)).toBe('مرحبا');
    expect(cpSlice('a\r\nb', 1, 3)).toBe('\r\n');
  });

  it('equals [...text].slice(a, b) for any text and offsets, reversed and past-the-end included', () => {
    fc.assert(
      fc.property(textWithOffsets(mixedTextWithLoneSurrogates()), ({ text, a, b }) => {
        expect(cpSlice(text, a, b)).toBe(pythonSlice(text, a, b));
        expect(new OffsetIndex(text).slice(a, b)).toBe(pythonSlice(text, a, b));
      }),
      seeded(1000, 'cpSlice'),
    );
  });

  it('agrees with the one-shot helpers', () => {
    fc.assert(
      fc.property(textWithOffsets(mixedText()), ({ text, a, u16 }) => {
        const ix = new OffsetIndex(text);
        expect(cpToUtf16(text, a)).toBe(ix.toUtf16(a));
        expect(utf16ToCp(text, u16)).toBe(ix.toCodePoint(u16, 'start'));
      }),
      seeded(300, 'helpers'),
    );
  });
});

describe('OffsetIndex.afterEdit', () => {
  it('gives the index a full pass over the edited text gives, lone surrogates pairing up across the edit included', () => {
    const edit = mixedTextWithLoneSurrogates().chain((t) =>
      fc.record({ text: fc.constant(t), a: fc.nat(t.length), b: fc.nat(t.length), insert: mixedTextWithLoneSurrogates(4) }),
    );
    fc.assert(
      fc.property(edit, ({ text, a, b, insert }) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const next = text.slice(0, start) + insert + text.slice(end);
        const fast = new OffsetIndex(text).afterEdit(next, start, end, insert);
        const full = new OffsetIndex(next);
        expect(fast.cpLength).toBe(full.cpLength);
        for (let u = 0; u <= next.length; u++) expect(fast.toCodePoint(u, 'end')).toBe(full.toCodePoint(u, 'end'));
        for (let c = 0; c <= full.cpLength; c++) expect(fast.toUtf16(c)).toBe(full.toUtf16(c));
      }),
      seeded(400, 'afterEdit'),
    );
  });

  it('pairs a high surrogate left before the edit with a low one the insert begins with', () => {
    const text = 'ab\uD83Dxyz';
    const next = 'ab\uD83D\uDE80yz';
    const index = new OffsetIndex(text).afterEdit(next, 3, 4, '\uDE80');
    expect(index.cpLength).toBe([...next].length);
    expect(index.slice(2, 3)).toBe('🚀');
  });
});
