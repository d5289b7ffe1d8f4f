/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends). Exported cells carry
 * text quoted from contested news, which may begin with "=", "+", "-" or
 * "@"; a spreadsheet would run such a cell as a formula (CSV injection,
 * OWASP), so text cells starting with one of those, or with tab or CR, get a
 * leading apostrophe. Cells that are JavaScript numbers are written as they
 * are: a finite number's decimal form cannot be a formula, and "-5" must stay
 * numeric for the analyst.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = typeof value === 'boolean' ? String(value) : value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
