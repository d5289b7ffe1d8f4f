import { OffsetIndex } from '../text/offsets';
import type { AnnotationSchema, Document } from './schema';

export interface Problem {
  /** where: document id, span id or relation id */
  where: string;
  message: string;
}

/**
 * Checks the invariants zod cannot: offsets within the text, stored text
 * equal to the slice, unique ids, relations between existing spans.
 */
export function documentProblems(doc: Document, schema?: AnnotationSchema): Problem[] {
  const out: Problem[] = [];
  const index = new OffsetIndex(doc.text);
  const ids = new Set<string>();
  for (const s of doc.spans) {
    const where = `${doc.id}/${s.id}`;
    if (ids.has(s.id)) out.push({ where, message: `duplicate span id "${s.id}"` });
    ids.add(s.id);
    if (s.start >= s.end) out.push({ where, message: `span ${s.start}–${s.end} is empty or reversed` });
    else if (s.end > index.cpLength) out.push({ where, message: `span ${s.start}–${s.end} ends past the text (${index.cpLength} code points)` });
    else {
      const actual = index.slice(s.start, s.end);
      if (actual !== s.text) out.push({ where, message: `span text ${JSON.stringify(s.text)} does not match the text at ${s.start}–${s.end}: ${JSON.stringify(actual)}` });
    }
    if (schema && !schema.labels.some((l) => l.name === s.label)) out.push({ where, message: `label "${s.label}" is not in the schema` });
  }
  const relIds = new Set<string>();
  for (const r of doc.relations) {
    const where = `${doc.id}/${r.id}`;
    if (relIds.has(r.id) || ids.has(r.id)) out.push({ where, message: `duplicate relation id "${r.id}"` });
    relIds.add(r.id);
    if (!ids.has(r.from)) out.push({ where, message: `relation points from missing span "${r.from}"` });
    if (!ids.has(r.to)) out.push({ where, message: `relation points to missing span "${r.to}"` });
    if (schema && !schema.relationTypes.some((t) => t.name === r.type)) out.push({ where, message: `relation type "${r.type}" is not in the schema` });
  }
  return out;
}
