import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countedCategory, parseFigure } from './figures';

/**
 * parseFigure runs on every figure span in the Details panel and in the
 * Claims & figures analysis, so text from any article reaches it. Long runs
 * of one kind of character are what make a backtracking pattern quadratic;
 * these inputs are built from such runs around real figure phrases.
 */

const PIECES = [' ', '\u00a0', '.', ',', '-', '–', '"', '«', '(', ')', '!', '?', '\n', '1', '62', '1,000', '62 000', 'a', 'of', 'more than', 'between', 'and', 'dozens', 'тысяч', 'x'];
const RUN = 100_000;
/** generous: the quadratic version needed 25 s for one such input; linear work is well under a second */
const BOUND_MS = 3_000;

const adversarial = fc
  .record({
    head: fc.constantFrom('62 people', 'more than 60 soldiers', 'between 40 and', 'dozens of', '', '~30'),
    piece: fc.constantFrom(...PIECES),
    tail: fc.constantFrom('x', '', '62', 'killed', '.'),
  })
  .map(({ head, piece, tail }) => head + piece.repeat(Math.ceil(RUN / piece.length)) + tail);

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

describe('parseFigure on adversarial input', () => {
  it('"62 people" + 100,000 spaces + "x", and a 100,000-character punctuation run, each parse in linear time', () => {
    const spaces = timed(() => parseFigure('62 people' + ' '.repeat(RUN) + 'x'));
    expect(spaces.value).toMatchObject({ value: 62, counted: 'people x' });
    expect(spaces.ms).toBeLessThan(BOUND_MS);
    const punct = timed(() => parseFigure('62 people' + '.,;:'.repeat(RUN / 4) + 'x'));
    expect(punct.value.value).toBe(62);
    expect(punct.ms).toBeLessThan(BOUND_MS);
  });

  it('any 100,000-character run of one piece around a figure phrase finishes within the bound', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        const { ms, value } = timed(() => parseFigure(text));
        expect(ms).toBeLessThan(BOUND_MS);
        expect(['exact', 'more_than', 'less_than', 'at_least', 'up_to', 'about', 'range', 'vague']).toContain(value.qualifier);
        expect(timed(() => countedCategory(value.counted ?? '', text)).ms).toBeLessThan(BOUND_MS);
      }),
      { numRuns: 40 },
    );
  });

  it('random short strings never throw and give consistent bounds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const f = parseFigure(text);
        if (f.min !== null && f.max !== null) expect(f.min).toBeLessThanOrEqual(f.max);
      }),
      { numRuns: 500 },
    );
  });
});
