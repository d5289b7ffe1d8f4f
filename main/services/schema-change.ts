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
  const labelRenames = change.labelRenames ?? {};
  const relRenames = change.relationRenames ?? {};
  const keptLabels = new Set(change.schema.labels.map((l) => l.name));
  const keptTypes = new Set(change.schema.relationTypes.map((t) => t.name));
  const corpus = await store.readAll();
  const inUse = new Map<string, number>();
  for (const doc of corpus.documents) {
    for (const s of doc.spans) {
      const name = labelRenames[s.label] ?? s.label;
      if (!keptLabels.has(name)) inUse.set(`label “${s.label}”`, (inUse.get(`label “${s.label}”`) ?? 0) + 1);
    }
    for (const r of doc.relations) {
      const name = relRenames[r.type] ?? r.type;
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
    const touched = doc.spans.some((s) => labelRenames[s.label]) || doc.relations.some((r) => relRenames[r.type]);
    if (!touched) continue;
    await store.save({
      ...doc,
      spans: doc.spans.map((s) => (labelRenames[s.label] ? { ...s, label: labelRenames[s.label]! } : s)),
      relations: doc.relations.map((r) => (relRenames[r.type] ? { ...r, type: relRenames[r.type]! } : r)),
    });
  }
}
