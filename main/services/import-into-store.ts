import { LABEL_PALETTE } from '../../shared/model/defaults';
import type { AnnotationSchema } from '../../shared/model/schema';
import type { ImportFormat, ImportReport } from '../../shared/ipc/contract';
import type { CorpusStore } from './corpus-store';
import type { FileFilter } from './dialogs';
import { importPaths } from './importer';

export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Texts and annotations', extensions: ['txt', 'md', 'html', 'htm', 'json', 'jsonl', 'ann', 'zip', 'conll', 'bio', 'iob'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The schema with `labels` and `relationTypes` added. A definition the
 * imported file carried (colour, description, examples, allowed ends) is
 * kept; otherwise the label gets the next palette colour. A key is kept only
 * if no label already uses it.
 */
export function withLabels(schema: AnnotationSchema, labels: string[], relationTypes: string[], source?: AnnotationSchema): AnnotationSchema {
  const have = new Set(schema.labels.map((l) => l.name));
  const haveRel = new Set(schema.relationTypes.map((r) => r.name));
  const keys = new Set(schema.labels.map((l) => l.key).filter(Boolean));
  const newLabels = labels.filter((l) => !have.has(l));
  return {
    labels: [
      ...schema.labels,
      ...newLabels.map((name, i) => {
        const def = source?.labels.find((l) => l.name === name);
        const key = def?.key && !keys.has(def.key) ? def.key : undefined;
        if (key) keys.add(key);
        return {
          name,
          description: def?.description ?? 'Added by import.',
          color: def?.color ?? LABEL_PALETTE[(schema.labels.length + i) % LABEL_PALETTE.length]!,
          examples: def?.examples ?? [],
          ...(key ? { key } : {}),
        };
      }),
    ],
    relationTypes: [
      ...schema.relationTypes,
      ...relationTypes
        .filter((r) => !haveRel.has(r))
        .map((name, i) => source?.relationTypes.find((t) => t.name === name) ?? { name, description: 'Added by import.', from: [], to: [], color: LABEL_PALETTE[(i + 5) % LABEL_PALETTE.length]! }),
    ],
  };
}

/**
 * Import files into an open corpus: codecs decode each file all-or-nothing,
 * unknown labels are added only when the user agreed, then the documents
 * are written. Nothing is written when the import was cancelled.
 */
export async function importIntoStore(
  store: CorpusStore,
  paths: string[],
  opts: { format: ImportFormat; addUnknownLabels: boolean; signal?: AbortSignal; onProgress?: (p: { done: number; total: number; file: string }) => void },
): Promise<ImportReport> {
  const result = await importPaths(paths, {
    format: opts.format,
    addUnknownLabels: opts.addUnknownLabels,
    schema: store.meta.schema,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  });
  if (opts.signal?.aborted || result.report.cancelled) return { imported: [], errors: result.report.errors, warnings: result.report.warnings, unknownLabels: [], cancelled: true, paths };
  const { labels, relationTypes } = result.schemaAdditions;
  if (labels.length || relationTypes.length) await store.updateMeta({ schema: withLabels(store.meta.schema, labels, relationTypes, result.sourceSchema) });
  const imported = result.documents.length ? await store.addDocuments(result.documents) : [];
  // unknown relation types need the same consent as labels, so the dialog lists both
  const unknown = [...result.report.unknownLabels, ...result.report.unknownRelationTypes.map((t) => `${t} (relation)`)];
  return { imported, errors: result.report.errors, warnings: result.report.warnings, unknownLabels: unknown, cancelled: false, paths };
}
