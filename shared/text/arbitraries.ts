import fc from 'fast-check';

/**
 * Test-only fast-check arbitraries for text that breaks naive offset code:
 * astral emoji (single and ZWJ sequences), an astral letter, combining
 * marks, CRLF, Cyrillic, Arabic, digits with separators, quotes and
 * punctuation. Not imported by app code.
 */
export const TEXT_PIECES = [
  'a', 'b', 'Z', 'x', 'the', ' ', ' ', '  ', ',', '.', '"', "'", '’', '-', '!', '?', '(', ')',
  '👩‍👩‍👧', '🚀', '😀', '🇺🇦', '𝔸', 'e\u0301', '\u0301',
  '\r\n', '\n', '\t', '\u00a0',
  'Ж', 'д', 'р', 'Минобороны', 'م', 'ر', 'ح', 'مرحبا', 'بِسْمِ',
  '1', '0', '62', '1,000', '3.5',
] as const;

/** A well-formed string (no lone surrogates) built from the pieces above. */
export const mixedText = (maxPieces = 40): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...TEXT_PIECES), { maxLength: maxPieces }).map((p) => p.join(''));

/** Like mixedText, but lone high and low surrogates may appear anywhere. */
export const mixedTextWithLoneSurrogates = (maxPieces = 40): fc.Arbitrary<string> =>
  fc.array(fc.oneof(fc.constantFrom(...TEXT_PIECES), fc.constantFrom('\uD83D', '\uDE80', '\uDBFF', '\uDC00')), { maxLength: maxPieces }).map((p) => p.join(''));

/** fast-check run options with a seed that can be replayed: FC_SEED=<n>. */
export function seeded(numRuns: number, label: string): { seed: number; numRuns: number } {
  const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
  console.log(`[${label}] fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  return { seed, numRuns };
}
