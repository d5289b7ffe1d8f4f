import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CorpusSchema, type Corpus } from '../../shared/model/schema';
import { agreementReport, formatReport, reportToCsv, type AgreementReport } from '../../shared/metrics';
import { uniqueNames, type AnnotatorCopy } from '../../shared/review/gather';
import { writeAtomic } from '../services/atomic-write';
import { CorpusStore } from '../services/corpus-store';
import { checkVersion, migrate } from '../services/migrations';
import { UsageError } from './commands';

/**
 * `spanmark agree <copies...> [--csv out.csv]`: inter-annotator agreement
 * between copies of one corpus, each a corpus folder or a single-file
 * Spanmark JSON. The numbers come from shared/metrics; this file only
 * loads copies, names their annotators and prints.
 */

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
  if (!st) throw new UsageError(`${p}: no such file or folder`);
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
    throw new UsageError(`${name}: not valid JSON (${(e as Error).message})`);
  }
  const verdict = checkVersion(raw);
  if (verdict.kind === 'invalid') throw new UsageError(`${name}: not a Spanmark corpus (no valid schemaVersion)`);
  if (verdict.kind === 'newer') throw new UsageError(`${name}: written by a newer Spanmark (schema version ${verdict.version})`);
  if (verdict.kind === 'migrate') {
    const { documents, ...manifest } = raw as Record<string, unknown>;
    const docs = Array.isArray(documents) ? (documents as Record<string, unknown>[]) : [];
    migrate(manifest, docs);
    raw = { ...manifest, documents: docs };
  }
  const parsed = CorpusSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${name}: not a Spanmark corpus (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
  }
  return parsed.data;
}

/** Everything `agree` prints or writes, computed without touching the disk. */
export function agreeFromCorpora(copies: readonly AnnotatorCopy[]): { report: AgreementReport; text: string; csv: string } {
  const names = uniqueNames(copies.map((c) => c.annotator));
  const report = agreementReport(copies.map((c, i) => ({ annotator: names[i]!, corpus: c.corpus })));
  return { report, text: formatReport(report), csv: reportToCsv(report) };
}

export function registerAgree(program: Command): void {
  program
    .command('agree')
    .description("inter-annotator agreement between copies of a corpus: span F1 (exact, overlap), token Cohen's κ, Krippendorff's α, relation F1")
    .argument('<copies...>', 'corpus folders or Spanmark JSON files, one per annotator')
    .option('--csv <file>', 'also write every number as a long-format CSV')
    .action(async (paths: string[], opts: { csv?: string }, cmd: Command) => {
      // output goes through the program's configured writers, so tests and the bin see the same text
      const output = cmd.configureOutput();
      const out = (s: string) => (output.writeOut ? output.writeOut(s) : process.stdout.write(s));
      const err = (s: string) => (output.writeErr ? output.writeErr(s) : process.stderr.write(s));
      if (paths.length < 2) throw new UsageError('agree needs at least two copies (one per annotator)');
      const copies: LoadedCopy[] = [];
      for (const p of paths) copies.push(await loadCopy(p, (line) => err(line + '\n')));
      for (const c of copies) err(`${c.path}: annotator "${c.annotator}", ${c.corpus.documents.length} document(s)\n`);
      const { text, csv } = agreeFromCorpora(copies);
      out(text);
      if (opts.csv) {
        await writeAtomic(path.resolve(opts.csv), csv);
        err(`wrote ${opts.csv}\n`);
      }
    });
}
