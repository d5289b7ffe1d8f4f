import { figureAttributes } from '../analysis/figure-attributes';
import { addRelation, addSpan, type Actor } from '../model/edits';
import type { AnnotationSchema, Document, Span } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { rolesOf } from './roles';
import type { SuggestedSpan, Suggestion } from './types';

/**
 * Turns suggestions into ordinary spans (and a triple's relations), stamped
 * with the annotator and `suggestedBy`. A linked actor or claim that already
 * exists as a span of its label (same or overlapping words) is reused, so
 * accepting "said" next to a labelled speaker links to that span instead of
 * drawing a second one.
 */

export interface Accepted {
  doc: Document;
  spanIds: string[];
  relationIds: string[];
}

function findOrAdd(doc: Document, s: SuggestedSpan, suggester: string, who: Actor, index: OffsetIndex, figureLabel: string | undefined): { doc: Document; span: Span; added: boolean } {
  const same = doc.spans.find((x) => x.label === s.label && x.start === s.start && x.end === s.end);
  const near = same ?? doc.spans.find((x) => x.label === s.label && x.start < s.end && s.start < x.end);
  if (near) return { doc, span: near, added: false };
  // a figure's value, range, qualifier and what it counts, as when it is labelled by hand
  const attributes = s.attributes ?? (s.label === figureLabel ? figureAttributes(s.text) : undefined);
  const r = addSpan(doc, { label: s.label, start: s.start, end: s.end, ...(attributes ? { attributes } : {}) }, who, index);
  const span: Span = { ...r.span, suggestedBy: suggester };
  return { doc: { ...r.doc, spans: r.doc.spans.map((x) => (x.id === span.id ? span : x)) }, span, added: true };
}

export function acceptSuggestions(doc: Document, schema: AnnotationSchema, suggestions: readonly Suggestion[], who: Actor): Accepted {
  const index = new OffsetIndex(doc.text);
  const figureLabel = rolesOf(schema).figure;
  const spanIds: string[] = [];
  const relationIds: string[] = [];
  let d = doc;
  for (const s of suggestions) {
    if (index.slice(s.start, s.end) !== s.text) continue; // the text changed since it was suggested
    const own = findOrAdd(d, s, s.suggester, who, index, figureLabel);
    d = own.doc;
    if (own.added) spanIds.push(own.span.id);
    for (const link of s.links ?? []) {
      if (index.slice(link.span.start, link.span.end) !== link.span.text) continue;
      const other = findOrAdd(d, link.span, s.suggester, who, index, figureLabel);
      d = other.doc;
      if (other.added) spanIds.push(other.span.id);
      if (d.relations.some((r) => r.type === link.type && r.from === own.span.id && r.to === other.span.id)) continue;
      const r = addRelation(d, schema, { type: link.type, from: own.span.id, to: other.span.id }, who);
      d = { ...r.doc, relations: r.doc.relations.map((x) => (x.id === r.relation.id ? { ...x, suggestedBy: s.suggester } : x)) };
      relationIds.push(r.relation.id);
    }
  }
  return { doc: d, spanIds, relationIds };
}
