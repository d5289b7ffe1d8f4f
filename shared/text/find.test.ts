import { describe, expect, it } from 'vitest';
import { findAll, firstMatchFrom } from './find';

describe('find in the document text', () => {
  it('finds every occurrence, ignoring case, with exact UTF-16 offsets', () => {
    const text = 'Korvany. The KORVANY strike; korvany again 🚀 korvany';
    const m = findAll(text, 'korvany');
    expect(m).toHaveLength(4);
    for (const { start, end } of m) expect(text.slice(start, end).toLowerCase()).toBe('korvany');
    expect(m.at(-1)!.start).toBe(text.lastIndexOf('korvany'));
  });

  it('treats the query as plain text, not a pattern', () => {
    expect(findAll('a.b axb (62)', 'a.b')).toEqual([{ start: 0, end: 3 }]);
    expect(findAll('toll (62) and 62', '(62)')).toEqual([{ start: 5, end: 9 }]);
  });

  it('keeps offsets right where lower-casing would change the length', () => {
    const text = 'İstanbul and istanbul';
    const m = findAll(text, 'istanbul');
    expect(m.map(({ start, end }) => text.slice(start, end))).toContain('istanbul');
    for (const { start, end } of m) expect(end - start).toBe(8);
  });

  it('finds Arabic and digits inside it', () => {
    const text = 'قالت الوزارة إن 100 آخرين أصيبوا';
    expect(findAll(text, '100 آخرين')).toEqual([{ start: text.indexOf('100'), end: text.indexOf('100') + 9 }]);
  });

  it('stops at the limit, and an empty query finds nothing', () => {
    expect(findAll('a'.repeat(50), 'a', 10)).toHaveLength(10);
    expect(findAll('abc', '')).toEqual([]);
  });

  it('starts from the first match at or after where the reader is, wrapping around', () => {
    const m = findAll('x.x.x.x', 'x');
    expect(firstMatchFrom(m, 0)).toBe(0);
    expect(firstMatchFrom(m, 3)).toBe(2);
    expect(firstMatchFrom(m, 7)).toBe(0);
    expect(firstMatchFrom([], 3)).toBe(-1);
  });
});
