import type { Corpus } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { fromCodePoints } from './common';
import { csvCell } from '../analysis/csv';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult } from './types';

/**
 * A flat table of spans for spreadsheets: one row per span, RFC 4180
 * (CRLF rows, fields with a quote, line break or any common separator —
 * comma, semicolon, tab, pipe — quoted, quotes doubled). It starts with a UTF-8 BOM so Excel reads Cyrillic and Arabic
 * correctly (pandas: `encoding="utf-8-sig"`). Cells that a spreadsheet
 * would run as a formula (= + - @ tab CR) get a leading apostrophe: the
 * text comes from news articles, which we do not trust.
 */

export const CSV_COLUMNS = ['document_id', 'document_title', 'span_id', 'label', 'start', 'end', 'text', 'annotator', 'note', 'attributes'] as const;

/** one rule for every CSV Spanmark writes (quoting for every common locale's separator, formula defusing) */
export { csvCell } from '../analysis/csv';

export function exportCsv(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const unit = opts.offsets ?? 'codepoint';
  const rows: string[] = [CSV_COLUMNS.join(',')];
  let spans = 0;
  for (const doc of filtered.documents) {
    const index = new OffsetIndex(doc.text);
    for (const s of doc.spans) {
      const { start, end } = fromCodePoints(index, s.start, s.end, unit);
      const attributes = s.attributes && Object.keys(s.attributes).length ? JSON.stringify(s.attributes) : '';
      rows.push([doc.id, doc.title, s.id, s.label, start, end, s.text, s.annotator, s.note ?? '', attributes].map(csvCell).join(','));
      spans++;
    }
  }
  return { files: [{ path: 'spans.csv', data: '\uFEFF' + rows.join('\r\n') + '\r\n' }], documents: filtered.documents.length, spans, warnings: [] };
}

export const csvCodec: Codec = { id: 'csv', extension: '.csv', export: exportCsv };
