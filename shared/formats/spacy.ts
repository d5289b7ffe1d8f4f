import type { Corpus, Document, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { alignToGraphemes, flatten, tokensFor } from './bio';
import { fromCodePoints, trimWhitespace } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult } from './types';

/**
 * spaCy's Doc JSON (`Doc.to_json` / `Doc.from_json`), one document per
 * line: `{text, ents, spans: {sc}, tokens}`. `ents` cannot overlap in
 * spaCy, so it holds the outermost spans (longest first); `spans.sc`, the
 * span group spancat trains on, holds all of them. Offsets are Python
 * string indices, i.e. code points. Tokens are included because
 * `from_json` needs them; they are cut at every span edge so every span
 * aligns, and whitespace other than a single space becomes its own token
 * as spaCy's tokenizer would make it.
 *
 * `Doc.from_json` raises E1039 for a span it cannot align to tokens, which
 * is every span that starts or ends with whitespace (a token's trailing
 * space belongs to it) or inside a character cluster. Such spans are
 * trimmed to their words or widened to the whole cluster, with a warning;
 * a span of whitespace only is left out, with a warning.
 *
 *   docs = [Doc(nlp.vocab).from_json(json.loads(line)) for line in open("corpus.spacy.jsonl")]
 */

export function exportSpacy(corpus: Corpus, opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const unit = opts.offsets ?? 'codepoint';
  const warnings: string[] = [];
  let spans = 0;
  const lines = filtered.documents.map((doc) => {
    const index = new OffsetIndex(doc.text);
    const conv = (s: { start: number; end: number }) => fromCodePoints(index, s.start, s.end, unit);
    const aligned: Span[] = [];
    for (const s of alignToGraphemes(doc, doc.spans, warnings)) {
      const t = trimWhitespace(index, s);
      if (!t) warnings.push(`${doc.id}/${s.id}: span ${JSON.stringify(s.text)} is only whitespace, which spaCy cannot hold; left out`);
      else {
        if (t.start !== s.start || t.end !== s.end) warnings.push(`${doc.id}/${s.id}: span ${JSON.stringify(s.text)} starts or ends with whitespace; trimmed for spaCy (E1039)`);
        aligned.push({ ...s, ...t });
      }
    }
    const { kept, dropped } = flatten(aligned, 'outermost');
    if (dropped.length) warnings.push(`${doc.id}: ${dropped.length} nested or overlapping span(s) are only in spans.sc, not in ents`);
    spans += aligned.length;
    return JSON.stringify({
      text: doc.text,
      ents: kept.map((s) => ({ ...conv(s), label: s.label })),
      spans: { sc: [...aligned].sort((a, b) => a.start - b.start || a.end - b.end).map((s) => ({ ...conv(s), label: s.label, kb_id: '' })) },
      tokens: spacyTokens(doc, index, aligned).map((t, id) => ({ id, ...conv(t) })),
      user_data: { spanmark_id: doc.id, title: doc.title },
    });
  });
  return { files: [{ path: 'corpus.spacy.jsonl', data: lines.join('\n') + (lines.length ? '\n' : '') }], documents: lines.length, spans, warnings };
}

/** Our tokens plus spaCy-style whitespace tokens: one space after a token is its `whitespace_`, anything more is a token. */
export function spacyTokens(doc: Document, index = new OffsetIndex(doc.text), spans: readonly Span[] = doc.spans): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let pos = 0;
  const gap = (start: number, end: number, afterToken: boolean) => {
    if (start >= end) return;
    const s = afterToken && index.slice(start, start + 1) === ' ' ? start + 1 : start;
    if (s < end) out.push({ start: s, end });
  };
  for (const t of tokensFor(doc, spans)) {
    gap(pos, t.start, out.length > 0);
    out.push({ start: t.start, end: t.end });
    pos = t.end;
  }
  gap(pos, index.cpLength, out.length > 0);
  return out;
}

export const spacyCodec: Codec = { id: 'spacy', extension: '.jsonl', export: exportSpacy };
