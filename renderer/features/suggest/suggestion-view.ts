import type { Document, Relation, Span } from '../../../shared/model/schema';
import type { Suggestion } from '../../../shared/suggest/types';
import type { Decoration, Decorations } from '../../editor/DocumentView';

/**
 * Suggestions drawn in the document view as one more decoration layer:
 * each becomes a pseudo-span (id `sg<n>`, a triple's actor and claim
 * `sg<n>l<k>`, its relations `sg<n>r<k>`) decorated hollow — dashed outline,
 * no fill — so they nest and window exactly like spans without ever entering
 * the document.
 */

const T0 = '1970-01-01T00:00:00.000Z';

export interface SuggestionView {
  doc: Document;
  decorations: Decorations;
  /** pseudo-span id → the suggestion it stands for */
  byId: Map<string, Suggestion>;
  idOf: Map<string, string>;
}

export function isSuggestionId(id: string): boolean {
  return /^sg\d+/.test(id);
}

export function suggestionView(doc: Document, suggestions: readonly Suggestion[], currentKey: string | null, base: Decorations = {}): SuggestionView {
  const spans: Span[] = [];
  const relations: Relation[] = [];
  const decoSpans = new Map<string, Decoration>(base.spans ?? []);
  const decoRelations = new Map<string, Decoration>(base.relations ?? []);
  const byId = new Map<string, Suggestion>();
  const idOf = new Map<string, string>();
  suggestions.forEach((s, n) => {
    const id = `sg${n}`;
    const current = s.key === currentKey;
    const cls = `sg${current ? ' sg-current' : ''}`;
    spans.push({ id, label: s.label, start: s.start, end: s.end, text: s.text, annotator: s.suggester, createdAt: T0, updatedAt: T0 });
    decoSpans.set(id, { className: cls, hollow: true, title: `Suggested ${s.label} — ${s.origin} (click accepts, × or x rejects)` });
    byId.set(id, s);
    idOf.set(s.key, id);
    s.links?.forEach((l, k) => {
      const lid = `${id}l${k}`;
      spans.push({ id: lid, label: l.span.label, start: l.span.start, end: l.span.end, text: l.span.text, annotator: s.suggester, createdAt: T0, updatedAt: T0 });
      decoSpans.set(lid, { className: `${cls} sg-linked`, hollow: true, title: `Suggested ${l.span.label}, ${l.type} of “${s.text}” — ${s.origin}` });
      byId.set(lid, s);
      const rid = `${id}r${k}`;
      relations.push({ id: rid, type: l.type, from: id, to: lid, annotator: s.suggester });
      decoRelations.set(rid, { className: 'sg-relation' });
    });
  });
  if (!spans.length) return { doc, decorations: base, byId, idOf };
  const merged = [...doc.spans, ...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  return {
    doc: { ...doc, spans: merged, relations: [...doc.relations, ...relations] },
    decorations: { spans: decoSpans, relations: decoRelations },
    byId,
    idOf,
  };
}
