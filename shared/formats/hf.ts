import type { Corpus, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { alignToGraphemes, bioTags, flatten, tokensFor } from './bio';
import { fromCodePoints } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult } from './types';

/**
 * Hugging Face `datasets` JSONL, one document per line:
 *   {"id", "title", "text", "tokens": [...], "ner_tags": ["B-actor", "O", ...], "spans": [{start, end, label, text}]}
 * `text` is the document, so `spans[].start/end` resolve from the dataset alone.
 * `ner_tags` are BIO strings (map them to ids with a ClassLabel) over the
 * outermost spans; `spans` keeps every span, nested ones included, with
 * code point offsets (Python `text[start:end]`) by default.
 *   load_dataset("json", data_files="corpus.hf.jsonl")
 */

export function exportHf(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const unit = opts.offsets ?? 'codepoint';
  const warnings: string[] = [];
  let spans = 0;
  const lines = filtered.documents.map((doc) => {
    const index = new OffsetIndex(doc.text);
    const { kept, dropped } = flatten(alignToGraphemes(doc, doc.spans, warnings), 'outermost');
    if (dropped.length) warnings.push(`${doc.id}: ${dropped.length} nested or overlapping span(s) are only in "spans", not in ner_tags`);
    const tokens = tokensFor(doc, kept);
    const unplaced: Span[] = [];
    const tags = bioTags(tokens, kept, unplaced);
    for (const s of unplaced) warnings.push(`${doc.id}/${s.id}: span ${JSON.stringify(s.text)} covers only whitespace; only in "spans", not in ner_tags`);
    spans += doc.spans.length;
    return JSON.stringify({
      id: doc.id,
      title: doc.title,
      text: doc.text,
      tokens: tokens.map((t) => t.text),
      ner_tags: tags,
      spans: [...doc.spans].sort((a, b) => a.start - b.start || a.end - b.end).map((s) => ({ ...fromCodePoints(index, s.start, s.end, unit), label: s.label, text: s.text })),
    });
  });
  return { files: [{ path: 'corpus.hf.jsonl', data: lines.join('\n') + (lines.length ? '\n' : '') }], documents: lines.length, spans, warnings };
}

export const hfCodec: Codec = { id: 'hf', extension: '.jsonl', export: exportHf };
