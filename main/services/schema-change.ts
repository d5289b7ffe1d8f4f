import type { AnnotationSchema } from '../../shared/model/schema';
import type { CorpusStore } from './corpus-store';

export interface SchemaChange {
  schema: AnnotationSchema;
  /** old label name → new, applied to every span */
  labelRenames?: Record<string, string> | undefined;
  /** old relation type → new, applied to every relation */
  relationRenames?: Record<string, string> | undefined;
}

/**
 * Change a corpus's label schema without ever destroying work: renames are
 * carried into every document, and a label or relation type that is
 * removed while spans or relations still use it is refused before anything
 * is written.
 */
export async function changeSchema(store: CorpusStore, change: SchemaChange): Promise<void> {
  // Maps, not the request's objects: a label named "constructor" or "toString" must not find Object.prototype's
  const labelRenames = new Map(Object.entries(change.labelRenames ?? {}));
  const relRenames = new Map(Object.entries(change.relationRenames ?? {}));
  const keptLabels = new Set(change.schema.labels.map((l) => l.name));
  const keptTypes = new Set(change.schema.relationTypes.map((t) => t.name));
  const corpus = await store.readAll();
  const inUse = new Map<string, number>();
  for (const doc of corpus.documents) {
    for (const s of doc.spans) {
      const name = labelRenames.get(s.label) ?? s.label;
      if (!keptLabels.has(name)) inUse.set(`label “${s.label}”`, (inUse.get(`label “${s.label}”`) ?? 0) + 1);
    }
    for (const r of doc.relations) {
      const name = relRenames.get(r.type) ?? r.type;
      if (!keptTypes.has(name)) inUse.set(`relation type “${r.type}”`, (inUse.get(`relation type “${r.type}”`) ?? 0) + 1);
    }
  }
  if (inUse.size) {
    const what = [...inUse].map(([name, n]) => `${name} (${n} in use)`).join(', ');
    throw Object.assign(new Error(`Not saved: ${what} would be deleted. Relabel or delete those first — nothing was changed.`), { code: 'schema_in_use' });
  }
  // the new schema goes first: saves are checked against it, so renamed labels must already exist
  await store.updateMeta({ schema: change.schema });
  for (const doc of corpus.documents) {
    const touched = doc.spans.some((s) => labelRenames.has(s.label)) || doc.relations.some((r) => relRenames.has(r.type));
    if (!touched) continue;
    await store.save({
      ...doc,
      spans: doc.spans.map((s) => ({ ...s, label: labelRenames.get(s.label) ?? s.label })),
      relations: doc.relations.map((r) => ({ ...r, type: relRenames.get(r.type) ?? r.type })),
    });
  }
}
