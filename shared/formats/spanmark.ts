import type { FileProblem } from '../ipc/contract';
import { CorpusSchema, DocumentSchema, SCHEMA_VERSION, type Document } from '../model/schema';
import { documentProblems } from '../model/validate';
import { upgradeToRoles } from '../model/roles';
import { isRecord, lineOfJsonValue, parseJson, result } from './common';
import { applyFilters } from './filter';
import type { Codec, ExportOptions, ExportResult, ImportResult, TextFile } from './types';

/**
 * The native single-file format: one Corpus as JSON, code point offsets,
 * every field kept. Also reads a lone Document, which is what a corpus
 * folder stores per file.
 */

export function importSpanmark(files: TextFile[]): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const parsed = parseJson(file);
  if (!parsed.ok) return result([], [parsed.problem]);
  const raw = parsed.value;
  const problems: FileProblem[] = [];
  let documents: Document[] = [];
  const rawDocs: unknown[] = isRecord(raw) && Array.isArray(raw.documents) ? raw.documents : [raw];
  const lineOfDoc = (i: number): number | undefined => {
    const d = rawDocs[i];
    return isRecord(d) && typeof d.id === 'string' ? lineOfJsonValue(file.text, 'id', d.id) : undefined;
  };
  const where = (path: PropertyKey[]) => path.map(String).join('.');

  if (isRecord(raw) && raw.schemaVersion === 1) {
    // a corpus exported by Spanmark 1 gets the upgrade the store runs on open (main/services/migrations.ts)
    upgradeToRoles(raw);
    raw.schemaVersion = 2;
  }
  if (isRecord(raw) && typeof raw.schemaVersion === 'number' && raw.schemaVersion > SCHEMA_VERSION) {
    // zod alone would say "schemaVersion: Invalid input: expected 1", which does not tell the user what to do
    return result([], [{ file: file.name, message: `written by a newer Spanmark (schema version ${raw.schemaVersion}; this version reads ${SCHEMA_VERSION}); update Spanmark to import it` }]);
  }
  if (isRecord(raw) && 'documents' in raw) {
    const r = CorpusSchema.safeParse(raw);
    if (!r.success) {
      for (const issue of r.error.issues.slice(0, 20)) {
        const docIndex = issue.path[0] === 'documents' && typeof issue.path[1] === 'number' ? issue.path[1] : -1;
        const line = docIndex >= 0 ? lineOfDoc(docIndex) : undefined;
        problems.push({ file: file.name, ...(line !== undefined ? { line } : {}), message: `${where(issue.path)}: ${issue.message}` });
      }
      return result([], problems);
    }
    documents = r.data.documents;
    documents.forEach((d, i) => pushDocProblems(file, d, lineOfDoc(i), problems));
    // only the labels spans use: a label the file's schema merely declares must not block the import
    return { ...result(documents, problems), schema: r.data.schema, guidelines: r.data.guidelines };
  }
  const r = DocumentSchema.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues.slice(0, 20)) problems.push({ file: file.name, message: `${where(issue.path) || 'document'}: ${issue.message}` });
    return result([], problems);
  }
  pushDocProblems(file, r.data, 1, problems);
  return result([r.data], problems);
}

function pushDocProblems(file: TextFile, doc: Document, line: number | undefined, out: FileProblem[]): void {
  for (const p of documentProblems(doc)) out.push({ file: file.name, ...(line !== undefined ? { line } : {}), message: `${p.where}: ${p.message}` });
}

export function exportSpanmark(corpus: Parameters<NonNullable<Codec['export']>>[0], opts: ExportOptions = {}): ExportResult {
  const filtered = applyFilters(corpus, opts.filters);
  const warnings = opts.offsets === 'utf16' ? ['the Spanmark format always stores code point offsets; the utf16 option was ignored'] : [];
  return {
    files: [{ path: 'corpus.spanmark.json', data: JSON.stringify(filtered, null, 2) + '\n' }],
    documents: filtered.documents.length,
    spans: filtered.documents.reduce((n, d) => n + d.spans.length, 0),
    warnings,
  };
}

export const spanmarkCodec: Codec = { id: 'spanmark', extension: '.json', import: importSpanmark, export: exportSpanmark };
