import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../shared/text/arbitraries';
import { editParagraphs } from './paragraph-edit';
import { splitParagraphs } from './segments';

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\r', '\r\n', '\n\n', 'Δ', '🚀', 'word ');
const text = (max: number) => fc.array(piece, { maxLength: max }).map((xs) => xs.join(''));

describe('editParagraphs', () => {
  it('gives the paragraphs a full split of the edited text gives, line separators of every kind made or broken by the edit included', () => {
    const scene = text(30).chain((t) => fc.record({ t: fc.constant(t), a: fc.nat(t.length), b: fc.nat(t.length), insert: text(4) }));
    fc.assert(
      fc.property(scene, ({ t, a, b, insert }) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const next = t.slice(0, start) + insert + t.slice(end);
        expect(editParagraphs(splitParagraphs(t), t, { start, end, insert })).toEqual(splitParagraphs(next));
      }),
      seeded(2000, 'editParagraphs'),
    );
  });

  it('keeps the paragraphs before the edit as they were', () => {
    const t = 'one\ntwo\nthree\nfour';
    const before = splitParagraphs(t);
    const after = editParagraphs(before, t, { start: t.indexOf('four'), end: t.indexOf('four'), insert: 'x' });
    expect(after[0]).toBe(before[0]);
    expect(after[3]).toEqual({ index: 3, start: 14, end: 19, sep: '' });
  });
});
