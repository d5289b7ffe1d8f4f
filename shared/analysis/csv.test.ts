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

/** How a spreadsheet set to another list separator reads a line: split on `sep` outside quotes. */
function splitAs(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' && quoted && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  return [...cells, cur];
}

describe('separators of other locales (issue 10 item 16)', () => {
  it.each([';', '\t', '|', ','])('a cell holding %j is quoted, so no spreadsheet splits it into a formula', (sep) => {
    const value = `x${sep}=1+1`;
    const line = toCsv(['a', 'b'], [['first', value]]).split('\r\n')[1]!;
    expect(csvCell(value)).toBe(`"${value}"`);
    for (const locale of [',', ';', '\t', '|']) {
      const cells = splitAs(line, locale);
      for (const cell of cells) expect(cell.trimStart()).not.toMatch(/^[=+\-@]/);
    }
    expect(splitAs(line, ',')).toEqual(['first', value]);
  });

  it('still defuses a formula at the start of a quoted cell', () => {
    expect(csvCell('=1+1;2')).toBe(`"'=1+1;2"`);
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, '=y']])).toBe("a,b\r\n1,x\r\n,'=y\r\n");
  });
});
