import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinLines } from './plugins/EditPlugin';
import { splitParagraphs } from './segments';
import { diffText } from './text-diff';

describe('diffText', () => {
  it('finds the one replacement that turns before into after', () => {
    expect(diffText('The mayor said', 'The old mayor said')).toEqual({ start: 4, end: 4, insert: 'old ' });
    expect(diffText('abc', 'abc')).toBeNull();
  });

  it('never cuts a surrogate pair, so offsets convert cleanly to code points', () => {
    const d = diffText('a🚀b', 'a🚁b')!; // same high surrogate, different low one
    expect(d).toEqual({ start: 1, end: 3, insert: '🚁' });
  });

  it('applying the replacement always gives the new text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const d = diffText(a, b);
        const applied = d ? a.slice(0, d.start) + d.insert + a.slice(d.end) : a;
        expect(applied).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});

describe('joinLines (edit mode)', () => {
  const lines = (t: string) => splitParagraphs(t).map((p) => t.slice(p.start, p.end));

  it('keeps CRLF line ends when a line is edited', () => {
    const before = 'Listen Live\r\nThe mayor said\r\nEnd.';
    const edited = lines(before);
    edited[1] = 'The mayor told reporters';
    expect(joinLines(before, edited).text).toBe('Listen Live\r\nThe mayor told reporters\r\nEnd.');
  });

  it('keeps the right separators when a boilerplate line is deleted', () => {
    const before = 'Listen Live\r\nBody one\nBody two';
    expect(joinLines(before, ['Body one', 'Body two']).text).toBe('Body one\nBody two');
  });

  it("turns a line break typed inside a line (a bare LF) into the document's own CRLF", () => {
    const before = 'First line\r\nSecond line';
    const { text, caret } = joinLines(before, ['First\n line', 'Second line'], { line: 0, offset: 6 });
    expect(text).toBe('First\r\n line\r\nSecond line');
    expect(caret).toBe(7);
  });
});

describe('diffText with the caret', () => {
  it('deleting the first of two equal words removes that one, not the second', () => {
    const before = 'said the the strike';
    const after = 'said the strike';
    expect(diffText(before, after)).toEqual({ start: 9, end: 13, insert: '' }); // without a caret the second word goes
    expect(diffText(before, after, 5)).toEqual({ start: 5, end: 9, insert: '' });
  });

  it('the caret never changes the result text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.nat(), (a, b, c) => {
        const d = diffText(a, b, c % (b.length + 1));
        const applied = d ? a.slice(0, d.start) + d.insert + a.slice(d.end) : a;
        expect(applied).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
