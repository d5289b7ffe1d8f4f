import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFormat, FileProblem, ImportFormat } from '../../shared/ipc/contract';
import { CorpusSchema, DocumentSchema, type AnnotationSchema, type Document } from '../../shared/model/schema';
import { documentProblems } from '../../shared/model/validate';
import type { NestedPolicy, OffsetUnit } from '../../shared/formats/types';
import { CorpusStore, StoreError } from '../services/corpus-store';
import { CopyError, makeAnnotatorCopy } from '../services/copies';
import { exportCorpus } from '../services/exporter';
import { withLabels } from '../services/import-into-store';
import { importPaths } from '../services/importer';
import { formatProblem, type Io } from './report';

/**
 * The CLI commands as plain async functions returning an exit code, so
 * they are testable without spawning and the commander wiring stays thin.
 * 0: ok; 1: the data has problems (validation, files not imported);
 * 2: the command itself cannot run (usage, no corpus there).
 */

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {}

async function adoptSourceSchema(store: CorpusStore, paths: string[], format: ImportFormat, io: Io): Promise<void> {
  const probe = await importPaths(paths, { format, addUnknownLabels: true, schema: store.meta.schema });
  if (!probe.sourceSchema) return;
  await store.updateMeta({ schema: probe.sourceSchema, ...(probe.sourceGuidelines ? { guidelines: probe.sourceGuidelines } : {}) });
  io.err('took the label schema and guidelines from the imported corpus');
}

export async function importCommand(
  paths: string[],
  opts: { into: string; format: ImportFormat; addLabels: boolean; name?: string; offsets?: OffsetUnit; annotator?: string },
  io: Io,
): Promise<number> {
  const dir = path.resolve(opts.into);
  const existed = await CorpusStore.isCorpus(dir);
  let store: CorpusStore;
  if (existed) store = await CorpusStore.open(dir);
  else {
    store = await CorpusStore.create(dir, { name: opts.name ?? path.basename(dir) });
    io.err(`created a new corpus at ${dir}`);
  }
  try {
    if (store.readOnly) throw new UsageError(`cannot import: ${store.readOnlyReason ?? 'the corpus is read-only'}`);
    // a new corpus made from a Spanmark export takes that corpus's schema and guidelines whole, before labels are checked
    if (!existed) await adoptSourceSchema(store, paths, opts.format, io);
    // importPaths rather than importIntoStore: the CLI also prints the warnings (encoding guesses, skipped files)
    const { documents, schemaAdditions, report, sourceSchema } = await importPaths(paths, {
      format: opts.format,
      addUnknownLabels: opts.addLabels,
      schema: store.meta.schema,
      ...(opts.offsets ? { offsets: opts.offsets } : {}),
      ...(opts.annotator ? { annotator: opts.annotator } : {}),
      onProgress: (p) => io.err(`[${p.done}/${p.total}] ${p.file}`),
    });
    for (const w of report.warnings) io.err(`warning: ${formatProblem(w)}`);
    for (const e of report.errors) io.err(`error: ${formatProblem(e)}`);
    const unknown = [...report.unknownLabels, ...report.unknownRelationTypes];
    if (unknown.length) io.err(`not in the schema (rerun with --add-labels to import those files): ${unknown.join(', ')}`);
    const additions = {
      labels: schemaAdditions.labels.filter((l) => !store.meta.schema.labels.some((x) => x.name === l)),
      relationTypes: schemaAdditions.relationTypes.filter((t) => !store.meta.schema.relationTypes.some((x) => x.name === t)),
    };
    if (additions.labels.length || additions.relationTypes.length) {
      await store.updateMeta({ schema: withLabels(store.meta.schema, additions.labels, additions.relationTypes, sourceSchema) });
      io.err(`added to the schema: ${[...additions.labels, ...additions.relationTypes].join(', ')}`);
    }
    const imported = documents.length ? await store.addDocuments(documents) : [];
    const spans = imported.reduce((n, d) => n + d.spanCount, 0);
    io.out(`imported ${imported.length} document(s) with ${spans} span(s) into ${dir}`);
    return report.errors.length || unknown.length ? EXIT.problems : EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function exportCommand(
  corpusDir: string,
  opts: { format: ExportFormat; out: string; status?: string[]; labels?: string[]; annotators?: string[]; documents?: string[]; offsets: OffsetUnit; nested?: NestedPolicy; conllColumns?: '2' },
  io: Io,
): Promise<number> {
  const store = await CorpusStore.open(path.resolve(corpusDir), { readOnly: true });
  try {
    for (const d of store.damaged) io.err(`warning: ${d.file}: ${d.message} (left out of the export)`);
    const corpus = await store.readAll();
    const statuses = opts.status as Document['status'][] | undefined;
    const bad = statuses?.find((s) => !['todo', 'in_progress', 'done', 'reviewed'].includes(s));
    if (bad) throw new UsageError(`unknown status "${bad}" (todo, in_progress, done, reviewed)`);
    const summary = await exportCorpus(corpus, opts.format, opts.out, {
      filters: {
        ...(statuses ? { status: statuses } : {}),
        ...(opts.labels ? { labels: opts.labels } : {}),
        ...(opts.annotators ? { annotators: opts.annotators } : {}),
        ...(opts.documents ? { documentIds: opts.documents } : {}),
      },
      offsets: opts.offsets,
      ...(opts.nested ? { nested: opts.nested } : {}),
      ...(opts.conllColumns === '2' ? { conllColumns: 2 as const } : {}),
    });
    for (const w of summary.warnings) io.err(`warning: ${w}`);
    io.out(`exported ${summary.documents} document(s), ${summary.spans} span(s) as ${opts.format} to ${summary.path}`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** Checks a corpus folder or a single JSON file (corpus or document) against the schema and the offset invariants. */
export async function validateCommand(target: string, io: Io): Promise<number> {
  const full = path.resolve(target);
  const problems: FileProblem[] = [];
  let documents = 0;
  const st = await stat(full).catch(() => null);
  if (!st) throw new UsageError(`${target} does not exist`);
  if (st.isDirectory()) {
    const store = await CorpusStore.open(full, { readOnly: true });
    try {
      for (const d of store.damaged) problems.push({ file: d.file, message: d.message });
      problems.push(...store.portabilityProblems());
      const corpus = await store.readAll();
      documents = corpus.documents.length + store.damaged.length;
      for (const doc of corpus.documents) collect(doc, corpus.schema, doc.id, problems);
    } finally {
      await store.close();
    }
  } else {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(full, 'utf8'));
    } catch (e) {
      problems.push({ file: target, message: `not valid JSON: ${(e as Error).message}` });
    }
    if (raw !== undefined) {
      const isCorpus = typeof raw === 'object' && raw !== null && 'documents' in raw;
      const parsed = isCorpus ? CorpusSchema.safeParse(raw) : DocumentSchema.safeParse(raw);
      if (!parsed.success) for (const i of parsed.error.issues) problems.push({ file: target, message: `${i.path.join('.') || '(root)'}: ${i.message}` });
      else if ('documents' in parsed.data) {
        documents = parsed.data.documents.length;
        for (const doc of parsed.data.documents) collect(doc, parsed.data.schema, target, problems);
      } else {
        documents = 1;
        collect(parsed.data, undefined, target, problems);
      }
    }
  }
  for (const p of problems) io.err(formatProblem(p));
  io.out(problems.length ? `${problems.length} problem(s) in ${target}` : `${target}: ${documents} document(s), no problems`);
  return problems.length ? EXIT.problems : EXIT.ok;
}

function collect(doc: Document, schema: AnnotationSchema | undefined, file: string, out: FileProblem[]): void {
  for (const p of documentProblems(doc, schema)) out.push({ file, message: `${p.where}: ${p.message}` });
}

export async function statsCommand(corpusDir: string, opts: { json?: boolean }, io: Io): Promise<number> {
  const store = await CorpusStore.open(path.resolve(corpusDir), { readOnly: true });
  try {
    const corpus = await store.readAll();
    const count = (keys: string[]) => Object.fromEntries([...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())].sort());
    const docs = corpus.documents;
    const stats = {
      name: corpus.name,
      documents: docs.length,
      damaged: store.damaged.length,
      characters: docs.reduce((n, d) => n + [...d.text].length, 0),
      status: count(docs.map((d) => d.status)),
      spans: docs.reduce((n, d) => n + d.spans.length, 0),
      labels: count(docs.flatMap((d) => d.spans.map((s) => s.label))),
      relations: count(docs.flatMap((d) => d.relations.map((r) => r.type))),
      annotators: count(docs.flatMap((d) => d.spans.map((s) => s.annotator))),
    };
    if (opts.json) io.out(JSON.stringify(stats, null, 2));
    else {
      const table = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `  ${k.padEnd(16)} ${v}`);
      io.out(`${stats.name}: ${stats.documents} document(s), ${stats.characters} characters${stats.damaged ? `, ${stats.damaged} damaged` : ''}`);
      io.out('status:');
      table(stats.status).forEach((l) => io.out(l));
      io.out(`spans: ${stats.spans}`);
      table(stats.labels).forEach((l) => io.out(l));
      io.out(`relations: ${Object.values(stats.relations).reduce((a, b) => a + b, 0)}`);
      table(stats.relations).forEach((l) => io.out(l));
      io.out('annotators (spans):');
      table(stats.annotators).forEach((l) => io.out(l));
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

/** Exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof CopyError) return EXIT.usage;
  if (err instanceof StoreError && (err.code === 'not_found' || err.code === 'locked')) return EXIT.usage;
  return EXIT.problems;
}

/** `spanmark copy <corpus> --for <name> --out <dir>`: an empty copy of the corpus for another annotator. */
export async function copyCommand(corpusDir: string, opts: { for: string; out: string }, io: Io): Promise<number> {
  const store = await CorpusStore.open(path.resolve(corpusDir), { readOnly: true });
  try {
    for (const d of store.damaged) io.err(`warning: ${d.file}: ${d.message} (left out of the copy)`);
    const made = await makeAnnotatorCopy(await store.readAll(), opts.out, opts.for);
    io.out(`copied ${made.documents} document(s) without annotations for ${opts.for.trim()} to ${made.path}`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
