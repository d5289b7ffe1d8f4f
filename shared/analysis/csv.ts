/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends). Exported cells carry
 * text quoted from contested news, which may begin with "=", "+", "-" or
 * "@"; a spreadsheet would run such a cell as a formula (CSV injection,
 * OWASP), so text cells starting with one of those, or with tab or CR, get a
 * leading apostrophe. Cells that are JavaScript numbers are written as they
 * are: a finite number's decimal form cannot be a formula, and "-5" must stay
 * numeric for the analyst.
 *
 * A cell is quoted when it holds a separator of any common locale, not
 * only the comma: spreadsheets set to `;` (most of Europe), tab or `|`
 * would otherwise split `x;=1+1` and run the `=1+1` part as a formula.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** quotes and line breaks (RFC 4180), and the separators of common locales: comma, semicolon, tab, pipe */
const NEEDS_QUOTES = /[",;\t|\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = typeof value === 'boolean' ? String(value) : value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
