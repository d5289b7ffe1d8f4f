import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CorpusSchema, type Corpus } from '../../shared/model/schema';
import { agreementReport, formatReport, reportToCsv, type AgreementReport } from '../../shared/metrics';
import { uniqueNames, type AnnotatorCopy } from '../../shared/review/gather';
import { CorpusStore } from './corpus-store';
import { checkVersion, migrate } from './migrations';

/**
 * Annotators' copies of one corpus, as a lead gathers them: corpus folders
 * or single-file Spanmark exports. Used by the agreement view, the review
 * view and `spanmark agree`.
 */

/** A copy that cannot be read; the message names the file and the reason. */
export class CopyError extends Error {
  readonly code = 'invalid_copy';
}

export interface LoadedCopy extends AnnotatorCopy {
  path: string;
}

/**
 * A copy is named after the annotator who drew most of its spans, since a
 * copy handed to one person may still hold a few pre-annotations by
 * "sample" or an importer. "unknown" never names a copy; with no usable
 * annotator the file or folder name does. Ties go to the alphabetically
 * first name, so the choice does not depend on span order.
 */
export function annotatorOf(corpus: Corpus, fallback: string): string {
  const counts = new Map<string, number>();
  for (const d of corpus.documents) for (const s of d.spans) if (s.annotator && s.annotator !== 'unknown') counts.set(s.annotator, (counts.get(s.annotator) ?? 0) + 1);
  let best: [string, number] | null = null;
  for (const [name, n] of counts) if (!best || n > best[1] || (n === best[1] && name < best[0])) best = [name, n];
  return best?.[0] ?? fallback;
}

export async function loadCopy(p: string, warn: (line: string) => void = () => {}): Promise<LoadedCopy> {
  const full = path.resolve(p);
  const st = await stat(full).catch(() => null);
  if (!st) throw new CopyError(`${p}: no such file or folder`);
  let corpus: Corpus;
  if (st.isDirectory()) {
    const store = await CorpusStore.open(full, { readOnly: true });
    try {
      for (const d of store.damaged) warn(`warning: ${d.file}: ${d.message} (left out)`);
      corpus = await store.readAll();
    } finally {
      await store.close();
    }
  } else {
    corpus = parseCorpusFile(await readFile(full, 'utf8'), p);
  }
  const fallback = path.basename(full, st.isDirectory() ? '' : path.extname(full));
  return { path: p, annotator: annotatorOf(corpus, fallback), corpus };
}

export function parseCorpusFile(json: string, name: string): Corpus {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new CopyError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  const verdict = checkVersion(raw);
  if (verdict.kind === 'invalid') throw new CopyError(`${name}: not a Spanmark corpus (no valid schemaVersion)`);
  if (verdict.kind === 'newer') throw new CopyError(`${name}: written by a newer Spanmark (schema version ${verdict.version})`);
  if (verdict.kind === 'migrate') {
    const { documents, ...manifest } = raw as Record<string, unknown>;
    const docs = Array.isArray(documents) ? (documents as Record<string, unknown>[]) : [];
    migrate(manifest, docs);
    raw = { ...manifest, documents: docs };
  }
  const parsed = CorpusSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CopyError(`${name}: not a Spanmark corpus (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
  }
  return parsed.data;
}

/** Everything `agree` prints or writes, computed without touching the disk. */
export function agreeFromCorpora(copies: readonly AnnotatorCopy[]): { report: AgreementReport; text: string; csv: string } {
  const names = uniqueNames(copies.map((c) => c.annotator));
  const report = agreementReport(copies.map((c, i) => ({ annotator: names[i]!, corpus: c.corpus })));
  return { report, text: formatReport(report), csv: reportToCsv(report) };
}


/**
 * A copy of a corpus for another annotator: the same documents (ids, titles,
 * sources, text), schema and guidelines, with no spans or relations and
 * every status `todo`, in a new corpus folder. The corpus keeps its id, so
 * the returned copy lines up with the others in Review by document id.
 * `outDir` must be new or empty: nobody's work is ever overwritten.
 */
export async function makeAnnotatorCopy(corpus: Corpus, outDir: string, annotator: string): Promise<{ path: string; documents: number }> {
  const name = annotator.trim();
  if (!name) throw new CopyError('Name the annotator the copy is for.');
  const dir = path.resolve(outDir);
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.some((e) => !e.startsWith('.'))) throw new CopyError(`${outDir} is not empty; choose a new or empty folder for ${name}'s copy.`);
  const store = await CorpusStore.create(dir, { name: `${corpus.name} — ${name}`, schema: corpus.schema, guidelines: corpus.guidelines, id: corpus.id });
  try {
    await store.addDocuments(corpus.documents.map(({ updatedAt: _u, ...d }) => ({ ...d, status: 'todo' as const, spans: [], relations: [] })));
  } finally {
    await store.close();
  }
  return { path: dir, documents: corpus.documents.length };
}
