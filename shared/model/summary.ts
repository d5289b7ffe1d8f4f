import type { Document, DocumentSummary } from './schema';

export function summarize(doc: Document): DocumentSummary {
  const annotators = [...new Set(doc.spans.map((s) => s.annotator))].sort();
  return {
    id: doc.id,
    title: doc.title,
    status: doc.status,
    spanCount: doc.spans.length,
    relationCount: doc.relations.length,
    charCount: doc.text.length,
    annotators,
    ...(doc.source.outlet ? { outlet: doc.source.outlet } : {}),
  };
}
