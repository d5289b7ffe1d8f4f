import { OffsetIndex } from '../text/offsets';
import { figureAttributes } from '../analysis/figure-attributes';
import type { Document, Span } from '../model/schema';
import { SAMPLE_ARTICLES, type SampleArticle } from './articles';

const SAMPLE_ANNOTATOR = 'sample';
const SAMPLE_TIME = '2026-03-14T09:00:00.000Z';

/** Find the code point range of the nth occurrence of `quote`. */
function locate(text: string, quote: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    if (at === -1) throw new Error(`sample quote not found: ${quote}`);
  }
  const index = new OffsetIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + quote.length) };
}

function toDocument(a: SampleArticle): Document {
  const spans: Span[] = a.spans.map((s, i) => {
    const { start, end } = locate(a.text, s.quote, s.nth);
    const attributes = s.label === 'figure' ? figureAttributes(s.quote) : undefined;
    return {
      id: `${a.id}-s${i + 1}`,
      label: s.label,
      start,
      end,
      text: s.quote,
      annotator: SAMPLE_ANNOTATOR,
      createdAt: SAMPLE_TIME,
      updatedAt: SAMPLE_TIME,
      ...(attributes ? { attributes } : {}),
    };
  });
  return {
    id: a.id,
    title: a.title,
    source: { outlet: a.outlet, url: a.url, fileName: `${a.id}.txt` },
    text: a.text,
    status: a.status,
    spans,
    relations: a.relations.map(([type, from, to], i) => ({
      id: `${a.id}-r${i + 1}`,
      type,
      from: spans[from]!.id,
      to: spans[to]!.id,
      annotator: SAMPLE_ANNOTATOR,
      createdAt: SAMPLE_TIME,
    })),
  };
}

export function sampleDocuments(): Document[] {
  return SAMPLE_ARTICLES.map(toDocument);
}
