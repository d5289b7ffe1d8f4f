import type { ExportFilters } from '../ipc/contract';
import type { Corpus, Document } from '../model/schema';

/**
 * Narrows a corpus to what an export asked for. Status and document ids
 * choose documents; labels and annotators choose spans inside them, and a
 * relation survives only while both of its spans do (a dangling relation
 * would be invalid in every format). An empty or missing list means "all".
 */
export function applyFilters(corpus: Corpus, filters: ExportFilters = {}): Corpus {
  const status = nonEmpty(filters.status);
  const ids = nonEmpty(filters.documentIds);
  const labels = nonEmpty(filters.labels);
  const annotators = nonEmpty(filters.annotators);
  const documents = corpus.documents
    .filter((d) => (!status || status.has(d.status)) && (!ids || ids.has(d.id)))
    .map((d) => filterDocument(d, labels, annotators));
  return { ...corpus, documents };
}

function nonEmpty<T>(list: T[] | undefined): Set<T> | null {
  return list && list.length > 0 ? new Set(list) : null;
}

function filterDocument(doc: Document, labels: Set<string> | null, annotators: Set<string> | null): Document {
  if (!labels && !annotators) return doc;
  const spans = doc.spans.filter((s) => (!labels || labels.has(s.label)) && (!annotators || annotators.has(s.annotator)));
  const kept = new Set(spans.map((s) => s.id));
  const relations = doc.relations.filter((r) => kept.has(r.from) && kept.has(r.to) && (!annotators || annotators.has(r.annotator)));
  return { ...doc, spans, relations };
}
