import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it.each(['=1+1', '+7', '-2+3', '@SUM(A1)', '\tx', '\rx'])('defuses formula-like text %j', (s) => {
    expect(csvCell(s).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });
  it('keeps numbers numeric, including negatives', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('writes null, undefined and booleans plainly', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
  it('a defused cell that also needs quoting is both', () => {
    expect(csvCell('=HYPERLINK("http://x", "y")')).toBe(`"'=HYPERLINK(""http://x"", ""y"")"`);
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, '=y']])).toBe("a,b\r\n1,x\r\n,'=y\r\n");
  });
});
