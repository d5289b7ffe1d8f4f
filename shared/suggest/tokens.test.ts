import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainTokens } from './tokens';
import { winkTokens } from './wink-tagger';

describe('tokens', () => {
  it('plain tokens split a possessive, keep digit groups and mark line breaks', () => {
    const t = plainTokens("The port's 1,200 staff\nleft at 11:30.");
    expect(t.map((x) => x.text)).toEqual(['The', 'port', "'s", '1,200', 'staff', 'left', 'at', '11:30', '.']);
    expect(t.find((x) => x.text === 'left')?.afterBreak).toBe(true);
  });

  it('every wink token is the text at its own offsets, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '\n', '.', ',', '"', "'", '1', 'é', '🚀', 'said', 'Mr.', '-', '\r\n') , maxLength: 60 }), (text) => {
        for (const tok of winkTokens(text)) expect(text.slice(tok.start, tok.end)).toBe(tok.text);
      }),
      { numRuns: 200 },
    );
  });
});
