import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileProblem, ImportFormat } from '../../shared/ipc/contract';
import { newId } from '../../shared/model/ids';
import type { AnnotationSchema, Document } from '../../shared/model/schema';
import { detectFormat, type DetectedFormat } from '../../shared/formats/index';
import { parseInWorker } from './parse-in-worker';
import type { ImportResult, OffsetUnit, TextFile } from '../../shared/formats/types';
import { decodeText, TextDecodeError } from '../../shared/text/encoding';
import { readZip, ZIP_LIMITS, ZipLimitError } from '../../shared/formats/zip';

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
  /** already read (entries of a zip): used instead of reading `paths` */
  files?: TextFile[];
}

export async function importPaths(paths: string[], opts: ImportPathsOptions): Promise<ImportPathsResult> {
  const errors: FileProblem[] = [];
  const warnings: FileProblem[] = [];
  const units = await collectUnits(paths, opts.format, errors, warnings, opts.maxBytes ?? MAX_IMPORT_BYTES);
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
  const files: TextFile[] = unit.files ? [...unit.files] : [];
  const limit = opts.maxBytes ?? MAX_IMPORT_BYTES;
  for (let i = 0; i < unit.paths.length && !unit.files; i++) {
    const p = unit.paths[i]!;
    const name = unit.names[i]!;
    try {
      const size = (await stat(p)).size;
      if (size > limit) return { error: { file: name, message: `${name} is ${mb(size)}, above the ${mb(limit)} import limit; split it into smaller files` } };
      const decoded = decodeText(await readFile(p), name);
      if (decoded.warning) warnings.push({ file: name, message: decoded.warning });
      files.push({ name, text: decoded.text, ...(decoded.utf8Bom ? { utf8Bom: true } : {}) });
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

/** Expands folders and zips and groups brat pairs into import units, in a stable order. */
async function collectUnits(paths: string[], format: ImportFormat, errors: FileProblem[], warnings: FileProblem[], maxBytes: number): Promise<Unit[]> {
  const files: { full: string; name: string; walked: boolean }[] = [];
  const units: Unit[] = [];
  for (const p of paths) {
    const full = path.resolve(p);
    try {
      const st = await stat(full);
      if (st.isDirectory()) {
        const root = path.dirname(full);
        for (const f of await walk(full, await realpath(full), root, warnings)) files.push({ full: f, name: path.relative(root, f), walked: true });
      } else files.push({ full, name: path.basename(full), walked: false });
    } catch (err) {
      errors.push({ file: p, message: `cannot open ${p}: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  const byFull = new Map(files.map((f) => [f.full, f]));
  const used = new Set<string>();
  const stem = (f: string) => f.replace(/\.[^.\\/]+$/, '');
  for (const f of files) {
    if (used.has(f.full)) continue;
    const ext = path.extname(f.full).toLowerCase();
    const base = path.basename(f.full);
    if (f.walked && BRAT_CONFIG.has(base)) continue;
    if (f.walked && base.startsWith('.')) continue;
    if (ext === '.zip' && (format === 'auto' || format === 'brat')) {
      used.add(f.full);
      units.push(...(await zipUnits(f, errors, warnings, maxBytes)));
      continue;
    }
    const bratMode = format === 'brat' || format === 'auto';
    if (bratMode && (ext === '.ann' || ext === '.txt')) {
      const txt = ext === '.txt' ? f.full : `${stem(f.full)}.txt`;
      const ann = ext === '.ann' ? f.full : `${stem(f.full)}.ann`;
      // a walked folder's files are all listed already; a named file's partner is looked up beside it, never through a link out of its folder
      const partner = async (p: string) => byFull.get(p) ?? (!f.walked && (await partnerInFolder(p, warnings, f.name)) ? { full: p, name: path.join(path.dirname(f.name), path.basename(p)), walked: false } : undefined);
      const pairTxt = await partner(txt);
      const pairAnn = await partner(ann);
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

/**
 * A brat zip (our own export is one): its .txt/.ann pairs become units like
 * a folder's, read in memory. Limits against zip bombs and names that climb
 * out of the archive are in shared/formats/zip.ts.
 */
async function zipUnits(f: { full: string; name: string; walked: boolean }, errors: FileProblem[], warnings: FileProblem[], maxBytes: number): Promise<Unit[]> {
  let contents;
  try {
    const size = (await stat(f.full)).size;
    if (size > maxBytes) {
      errors.push({ file: f.name, message: `${f.name} is ${mb(size)}, above the ${mb(maxBytes)} import limit; split it into smaller files` });
      return [];
    }
    // an entry may be as large as a file we would import; all of them together four times that
    contents = readZip(await readFile(f.full), f.name, { ...ZIP_LIMITS, maxEntryBytes: maxBytes, maxTotalBytes: 4 * maxBytes });
  } catch (err) {
    errors.push({ file: f.name, message: err instanceof ZipLimitError ? err.message : `could not read ${f.name}: ${err instanceof Error ? err.message : String(err)}` });
    return [];
  }
  for (const name of contents.refused) errors.push({ file: f.name, message: `${f.name}: entry ${JSON.stringify(name)} points outside the archive; not read` });
  const decoded = new Map<string, TextFile>();
  for (const e of contents.entries) {
    const name = `${f.name}/${e.name}`;
    const base = e.name.split('/').pop()!;
    if (BRAT_CONFIG.has(base) || base.startsWith('.') || e.name.startsWith('__MACOSX/')) continue;
    const ext = path.extname(base).toLowerCase();
    if (ext !== '.txt' && ext !== '.ann') {
      warnings.push({ file: name, message: `skipped ${name}: a brat zip holds .txt and .ann files` });
      continue;
    }
    try {
      const text = decodeText(e.bytes, name);
      if (text.warning) warnings.push({ file: name, message: text.warning });
      decoded.set(e.name, { name, text: text.text, ...(text.utf8Bom ? { utf8Bom: true } : {}) });
    } catch (err) {
      errors.push({ file: name, message: err instanceof TextDecodeError ? err.message : String(err) });
    }
  }
  const units: Unit[] = [];
  for (const [entry, file] of [...decoded].sort(([a], [b]) => a.localeCompare(b))) {
    if (!entry.toLowerCase().endsWith('.txt')) {
      if (!decoded.has(entry.replace(/\.ann$/i, '.txt'))) errors.push({ file: file.name, message: `${file.name} has no .txt beside it in the zip; brat needs both` });
      continue;
    }
    const ann = decoded.get(entry.replace(/\.txt$/i, '.ann'));
    units.push({ paths: [], names: ann ? [file.name, ann.name] : [file.name], walked: true, format: 'brat', files: ann ? [file, ann] : [file] });
  }
  if (!units.length && !contents.refused.length) errors.push({ file: f.name, message: `${f.name} holds no brat .txt files` });
  return units;
}

const KNOWN_EXTENSIONS = new Set(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.json', '.jsonl', '.ndjson', '.ann', '.conll', '.conll03', '.bio', '.iob', '.iob2', '.tsv', '.zip']);

/**
 * Files under `dir`. A corpus folder may come from someone else (git and
 * zip keep symlinks), so a link is followed only when it resolves to a
 * file inside the folder the user chose; others are skipped with a
 * warning (a `pair.txt` linked to ~/.ssh/id_rsa must not become a document).
 */
async function walk(dir: string, realRoot: string, shownFrom: string, warnings: FileProblem[]): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full, realRoot, shownFrom, warnings)));
    else if (e.isFile()) out.push(full);
    else if (e.isSymbolicLink()) {
      const target = await linkTarget(full, realRoot);
      if (target === 'file') out.push(full);
      else warnings.push({ file: path.relative(shownFrom, full), message: `skipped ${path.relative(shownFrom, full)}: ${target}` });
    }
  }
  return out;
}

/** 'file' when the link resolves to a regular file inside `realRoot`, else why it is skipped. */
async function linkTarget(link: string, realRoot: string): Promise<'file' | string> {
  try {
    const real = await realpath(link);
    if (!isInside(real, realRoot)) return 'a link to a file outside the chosen folder';
    return (await stat(real)).isFile() ? 'file' : 'a link to a folder (links to folders are not followed)';
  } catch {
    return 'a link to nothing';
  }
}

function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The brat partner of a file the user named: a plain file beside it, or a link that stays in that folder. */
async function partnerInFolder(p: string, warnings: FileProblem[], shownAs: string): Promise<boolean> {
  try {
    const st = await lstat(p);
    if (st.isFile()) return true;
    if (!st.isSymbolicLink()) return false;
    const target = await linkTarget(p, await realpath(path.dirname(p)));
    if (target === 'file') return true;
    warnings.push({ file: path.basename(p), message: `${path.basename(p)} (beside ${shownAs}) not read: ${target}` });
    return false;
  } catch {
    return false;
  }
}
