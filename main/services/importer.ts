import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileProblem, ImportFormat } from '../../shared/ipc/contract';
import { newId } from '../../shared/model/ids';
import type { AnnotationSchema, Document } from '../../shared/model/schema';
import { detectFormat, type DetectedFormat } from '../../shared/formats/index';
import { parseInWorker } from './parse-in-worker';
import type { ImportResult, OffsetUnit, TextFile } from '../../shared/formats/types';
import { decodeText, TextDecodeError } from '../../shared/text/encoding';

/**
 * Files and folders → documents, without touching a corpus (the caller
 * writes them). Each file is all-or-nothing: one problem and none of its
 * documents are kept, while other files go ahead. Folders are walked
 * recursively; brat .txt/.ann pairs are matched by name.
 */

export interface ImportPathsOptions {
  format: ImportFormat;
  addUnknownLabels: boolean;
  schema: AnnotationSchema;
  onProgress?: (p: { done: number; total: number; file: string }) => void;
  signal?: AbortSignal;
  /** files above this are refused before reading; default 50 MB */
  maxBytes?: number;
  offsets?: OffsetUnit;
  annotator?: string;
}

export interface ImportPathsResult {
  documents: Document[];
  schemaAdditions: { labels: string[]; relationTypes: string[] };
  /** the schema and guidelines a Spanmark file carried, for labels added from it and for new corpora */
  sourceSchema?: AnnotationSchema;
  sourceGuidelines?: string;
  report: {
    errors: FileProblem[];
    /** imported, but something was lost or guessed (encoding, skipped brat events…) */
    warnings: FileProblem[];
    unknownLabels: string[];
    unknownRelationTypes: string[];
    cancelled: boolean;
  };
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** brat's own configuration files sit beside the data and are not documents */
const BRAT_CONFIG = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

interface Unit {
  /** the files read together: one, or a brat .txt + .ann */
  paths: string[];
  /** shown in problems: relative to what the user picked */
  names: string[];
  /** found by walking a folder rather than named by the user */
  walked: boolean;
  format?: DetectedFormat;
}

export async function importPaths(paths: string[], opts: ImportPathsOptions): Promise<ImportPathsResult> {
  const errors: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const units = await collectUnits(paths, opts.format, errors, warnings);
  const documents: Document[] = [];
  const knownLabels = new Set(opts.schema.labels.map((l) => l.name));
  const knownTypes = new Set(opts.schema.relationTypes.map((t) => t.name));
  const newLabels = new Set<string>();
  const newTypes = new Set<string>();
  const seenIds = new Set<string>();
  let sourceSchema: AnnotationSchema | undefined;
  let sourceGuidelines: string | undefined;
  const cancelled = () => ({ documents: [], schemaAdditions: { labels: [], relationTypes: [] }, report: { errors, warnings, unknownLabels: [], unknownRelationTypes: [], cancelled: true } });

  for (let i = 0; i < units.length; i++) {
    if (opts.signal?.aborted) return cancelled();
    const unit = units[i]!;
    const label = unit.names.join(' + ');
    const res = await importUnit(unit, opts, warnings);
    opts.onProgress?.({ done: i + 1, total: units.length, file: label });
    if ('error' in res) {
      errors.push(res.error);
      continue;
    }
    if (res.problems.length) {
      errors.push(...res.problems);
      continue;
    }
    warnings.push(...res.warnings);
    sourceSchema ??= res.schema;
    sourceGuidelines ??= res.guidelines;
    const unknownL = res.labels.filter((l) => !knownLabels.has(l));
    const unknownT = res.relationTypes.filter((t) => !knownTypes.has(t));
    if ((unknownL.length || unknownT.length) && !opts.addUnknownLabels) {
      const names = [...unknownL.map((l) => `label "${l}"`), ...unknownT.map((t) => `relation type "${t}"`)].join(', ');
      errors.push({ file: label, message: `not imported: uses ${names}, not in the corpus schema (allow adding labels to import it)` });
      unknownL.forEach((l) => newLabels.add(l));
      unknownT.forEach((t) => newTypes.add(t));
      continue;
    }
    unknownL.forEach((l) => newLabels.add(l));
    unknownT.forEach((t) => newTypes.add(t));
    for (const doc of res.documents) {
      // two files of one import may carry the same native id; the store only guards against ids already in the corpus
      if (seenIds.has(doc.id)) doc.id = newId('d');
      seenIds.add(doc.id);
      documents.push(doc);
    }
  }
  if (opts.signal?.aborted) return cancelled();
  const sorted = (s: Set<string>) => [...s].sort();
  return {
    documents,
    schemaAdditions: opts.addUnknownLabels ? { labels: sorted(newLabels), relationTypes: sorted(newTypes) } : { labels: [], relationTypes: [] },
    ...(sourceSchema ? { sourceSchema } : {}),
    ...(sourceGuidelines !== undefined ? { sourceGuidelines } : {}),
    report: {
      errors,
      warnings,
      unknownLabels: opts.addUnknownLabels ? [] : sorted(newLabels),
      unknownRelationTypes: opts.addUnknownLabels ? [] : sorted(newTypes),
      cancelled: false,
    },
  };
}

async function importUnit(unit: Unit, opts: ImportPathsOptions, warnings: FileProblem[]): Promise<ImportResult | { error: FileProblem }> {
  const files: TextFile[] = [];
  const limit = opts.maxBytes ?? MAX_IMPORT_BYTES;
  for (let i = 0; i < unit.paths.length; i++) {
    const p = unit.paths[i]!;
    const name = unit.names[i]!;
    try {
      const size = (await stat(p)).size;
      if (size > limit) return { error: { file: name, message: `${name} is ${mb(size)}, above the ${mb(limit)} import limit; split it into smaller files` } };
      const decoded = decodeText(await readFile(p), name);
      if (decoded.warning) warnings.push({ file: name, message: decoded.warning });
      files.push({ name, text: decoded.text });
    } catch (err) {
      if (err instanceof TextDecodeError) return { error: { file: name, message: err.message } };
      return { error: { file: name, message: `could not read ${name}: ${err instanceof Error ? err.message : String(err)}` } };
    }
  }
  const first = files[0]!;
  // otherwise an empty .jsonl or .conll imports nothing and says nothing, and an empty .txt becomes a document with nothing to annotate
  if (first.text.trim() === '') return { error: { file: first.name, message: `${first.name} is empty` } };
  const format = unit.format ?? detectFormat(first.name, first.text);
  if (!format) return { error: { file: first.name, message: `${first.name} is not a format Spanmark reads (txt, md, html, doccano, Label Studio, brat, CoNLL, Spanmark JSON)` } };
  try {
    // parsed in a worker thread with a time budget (parse-in-worker.ts), so a hostile file cannot stall main
    const res = await parseInWorker({ format, files, options: { ...(opts.offsets ? { offsets: opts.offsets } : {}), ...(opts.annotator ? { annotator: opts.annotator } : {}) } });
    // e.g. `[]` in a .jsonl, or a CoNLL file of -DOCSTART- lines: the user must hear that nothing came in
    if (!res.documents.length && !res.problems.length) return { error: { file: first.name, message: `${first.name} holds no documents (read as ${format})` } };
    return res;
  } catch (err) {
    // codecs report problems rather than throw; this is the net for a bug, so the other files still import
    return { error: { file: first.name, message: `could not import ${first.name} as ${format}: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Expands folders and groups brat pairs into import units, in a stable order. */
async function collectUnits(paths: string[], format: ImportFormat, errors: FileProblem[], warnings: FileProblem[]): Promise<Unit[]> {
  const files: { full: string; name: string; walked: boolean }[] = [];
  for (const p of paths) {
    const full = path.resolve(p);
    try {
      const st = await stat(full);
      if (st.isDirectory()) {
        const root = path.dirname(full);
        for (const f of await walk(full)) files.push({ full: f, name: path.relative(root, f), walked: true });
      } else files.push({ full, name: path.basename(full), walked: false });
    } catch (err) {
      errors.push({ file: p, message: `cannot open ${p}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const byFull = new Map(files.map((f) => [f.full, f]));
  const used = new Set<string>();
  const units: Unit[] = [];
  const stem = (f: string) => f.replace(/\.[^.\\/]+$/, '');
  for (const f of files) {
    if (used.has(f.full)) continue;
    const ext = path.extname(f.full).toLowerCase();
    const base = path.basename(f.full);
    if (f.walked && BRAT_CONFIG.has(base)) continue;
    if (f.walked && base.startsWith('.')) continue;
    const bratMode = format === 'brat' || format === 'auto';
    if (bratMode && (ext === '.ann' || ext === '.txt')) {
      const txt = ext === '.txt' ? f.full : `${stem(f.full)}.txt`;
      const ann = ext === '.ann' ? f.full : `${stem(f.full)}.ann`;
      const pairTxt = byFull.get(txt) ?? (await exists(txt) ? { full: txt, name: path.join(path.dirname(f.name), path.basename(txt)), walked: f.walked } : undefined);
      const pairAnn = byFull.get(ann) ?? (await exists(ann) ? { full: ann, name: path.join(path.dirname(f.name), path.basename(ann)), walked: f.walked } : undefined);
      if (pairAnn && pairTxt) {
        used.add(pairTxt.full).add(pairAnn.full);
        units.push({ paths: [pairTxt.full, pairAnn.full], names: [pairTxt.name, pairAnn.name], walked: f.walked, format: 'brat' });
        continue;
      }
      if (ext === '.ann') {
        used.add(f.full);
        errors.push({ file: f.name, message: `${f.name} has no ${path.basename(txt)} beside it; brat needs both` });
        continue;
      }
    }
    used.add(f.full);
    const unit: Unit = { paths: [f.full], names: [f.name], walked: f.walked };
    if (format !== 'auto') unit.format = format;
    else if (f.walked && !KNOWN_EXTENSIONS.has(ext)) {
      // a folder may hold images or notes beside the data: say we skipped them, but it is not an error
      warnings.push({ file: f.name, message: `skipped ${f.name}: not a file type Spanmark imports` });
      continue;
    }
    units.push(unit);
  }
  return units;
}

const KNOWN_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.json', '.jsonl', '.ndjson', '.ann', '.conll', '.conll03', '.bio', '.iob', '.iob2', '.tsv']);

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
