import { claimsAndFigures, figuresToCsv, figuresToJson, type FigureRow } from '../../shared/analysis/claims';
import { OffsetIndex } from '../../shared/text/offsets';
import type { Corpus, DocStatus } from '../../shared/model/schema';
import type { CorpusStats, SearchHit } from '../../shared/ipc/contract';

/** Corpus-wide views for project leads: figures across sources, search, progress. */

export function figureRows(corpus: Corpus): FigureRow[] {
  return claimsAndFigures(corpus);
}

export function serializeFigures(rows: FigureRow[], format: 'csv' | 'json'): string {
  return format === 'csv' ? figuresToCsv(rows) : figuresToJson(rows);
}

export interface SearchQuery {
  query: string;
  label?: string | undefined;
  status?: DocStatus | undefined;
  annotator?: string | undefined;
  limit: number;
}

const CONTEXT = 40;

/**
 * Case-insensitive search over document text and span text. With a label or
 * annotator filter only matching spans are hits; otherwise plain text hits
 * too, each tagged with the innermost span it falls in.
 */
export function searchCorpus(corpus: Corpus, q: SearchQuery): SearchHit[] {
  const needle = q.query.trim().toLowerCase();
  const hits: SearchHit[] = [];
  const spanOnly = !!(q.label || q.annotator);
  for (const doc of corpus.documents) {
    if (q.status && doc.status !== q.status) continue;
    const index = new OffsetIndex(doc.text);
    const spans = doc.spans.filter((s) => (!q.label || s.label === q.label) && (!q.annotator || s.annotator === q.annotator));
    const hay = doc.text.toLowerCase();
    const push = (u16: number, len: number, span: (typeof spans)[number] | undefined): void => {
      hits.push({
        documentId: doc.id,
        title: doc.title,
        spanId: span?.id ?? null,
        label: span?.label ?? null,
        start: index.toCodePoint(u16),
        end: index.toCodePoint(u16 + len, 'end'),
        before: doc.text.slice(Math.max(0, u16 - CONTEXT), u16),
        match: doc.text.slice(u16, u16 + len),
        after: doc.text.slice(u16 + len, u16 + len + CONTEXT),
      });
    };
    if (!needle) {
      for (const s of spans) if (spanOnly) push(index.toUtf16(s.start), index.toUtf16(s.end) - index.toUtf16(s.start), s);
    } else {
      // lower-casing can change length for a few scripts; those hits are skipped rather than misplaced
      if (hay.length !== doc.text.length) continue;
      for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
        const cpStart = index.toCodePoint(at);
        const cpEnd = index.toCodePoint(at + needle.length, 'end');
        const inside = spans.filter((s) => s.start <= cpStart && s.end >= cpEnd).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
        if (spanOnly && !inside) continue;
        push(at, needle.length, inside);
        if (hits.length >= q.limit) return hits;
      }
    }
    if (hits.length >= q.limit) return hits.slice(0, q.limit);
  }
  return hits;
}

export function corpusStats(corpus: Corpus): CorpusStats {
  const byStatus: Record<DocStatus, number> = { todo: 0, in_progress: 0, done: 0, reviewed: 0 };
  const ann = new Map<string, { spans: number; relations: number; documents: Set<string> }>();
  const labels = new Map<string, number>(corpus.schema.labels.map((l) => [l.name, 0]));
  const entry = (name: string) => {
    let e = ann.get(name);
    if (!e) ann.set(name, (e = { spans: 0, relations: 0, documents: new Set() }));
    return e;
  };
  for (const d of corpus.documents) {
    byStatus[d.status]++;
    for (const s of d.spans) {
      const e = entry(s.annotator);
      e.spans++;
      e.documents.add(d.id);
      labels.set(s.label, (labels.get(s.label) ?? 0) + 1);
    }
    for (const r of d.relations) entry(r.annotator).relations++;
  }
  return {
    byStatus,
    byAnnotator: [...ann].map(([annotator, e]) => ({ annotator, spans: e.spans, relations: e.relations, documents: e.documents.size })).sort((a, b) => b.spans - a.spans),
    perLabel: [...labels].map(([label, count]) => ({ label, count })),
    documents: corpus.documents.length,
  };
}
