import type { ExportFormat, ImportFormat } from '../ipc/contract';
import { bratCodec } from './brat';
import { conllCodec } from './conll';
import { csvCodec } from './csv';
import { doccanoCodec } from './doccano';
import { hfCodec } from './hf';
import { labelStudioCodec } from './labelstudio';
import { mdCodec, txtCodec } from './plaintext';
import { spacyCodec } from './spacy';
import { spanmarkCodec } from './spanmark';
import type { Codec } from './types';

export type { Codec, ExportOptions, ExportResult, ImportOptions, ImportResult, OutputFile, TextFile } from './types';
export { applyFilters } from './filter';
export { bratZip } from './brat';

/**
 * Format id → codec. HTML is absent on purpose: it needs a DOM parser,
 * which lives in main (main/services/html-import.ts), not in shared code.
 */
export const CODECS = {
  spanmark: spanmarkCodec,
  doccano: doccanoCodec,
  labelstudio: labelStudioCodec,
  brat: bratCodec,
  conll: conllCodec,
  spacy: spacyCodec,
  hf: hfCodec,
  csv: csvCodec,
  txt: txtCodec,
  md: mdCodec,
} as const satisfies Record<string, Codec>;

export type CodecId = keyof typeof CODECS;
export type DetectedFormat = Exclude<ImportFormat, 'auto'>;

export function exportCodec(format: ExportFormat): Codec & { export: NonNullable<Codec['export']> } {
  const codec: Codec = CODECS[format];
  if (!codec.export) throw new Error(`${format} cannot be exported`);
  return codec as Codec & { export: NonNullable<Codec['export']> };
}

export function importCodec(format: Exclude<DetectedFormat, 'html'>): Codec & { import: NonNullable<Codec['import']> } {
  const codec: Codec = CODECS[format];
  if (!codec.import) throw new Error(`${format} cannot be imported`);
  return codec as Codec & { import: NonNullable<Codec['import']> };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLabelStudioTask = (v: unknown) => isObject(v) && isObject(v.data) && ['annotations', 'predictions', 'completions'].some((k) => Array.isArray(v[k]));

/**
 * The format a parsed JSON file has, from its structure: a Label Studio
 * export is a list of tasks with `data` and `annotations`/`predictions`;
 * doccano's JSON is a list of records with `text`; a Spanmark corpus has
 * `schemaVersion` and `documents`. Null when the file is not JSON (the
 * codec then reports where it breaks) or none of these.
 */
function jsonShape(text: string): DetectedFormat | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const items = Array.isArray(value) ? value.slice(0, 50) : [value];
  if (items.length && items.some(isLabelStudioTask) && items.every((v) => isObject(v) && isObject(v.data))) return 'labelstudio';
  if (!Array.isArray(value) && isObject(value) && ('schemaVersion' in value || Array.isArray(value.documents))) return 'spanmark';
  if (!Array.isArray(value) && isObject(value) && Array.isArray(value.spans) && typeof value.title === 'string') return 'spanmark';
  if (items.length && items.every((v) => isObject(v) && typeof v.text === 'string')) return 'doccano';
  if (items.length && items.every((v) => isObject(v) && isObject(v.data))) return 'labelstudio';
  return null;
}

const BIO_LINE = /^\S+(?:[ \t]+\S+)*[ \t]+(?:O|[BIES]-\S+)$/;

/**
 * Guesses the format of one file for `auto` import: the extension first,
 * then a look at the content where an extension is shared (.json, .txt).
 * Returns null when the file is none of ours; brat pairing (.txt next to
 * .ann) is the importer's job, as it needs the folder listing.
 */
export function detectFormat(fileName: string, text: string): DetectedFormat | null {
  const ext = /\.([^.\\/]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  const head = text.trimStart().slice(0, 4096);
  switch (ext) {
    case 'html':
    case 'htm':
    case 'xhtml':
      return 'html';
    case 'md':
    case 'markdown':
      return 'md';
    case 'ann':
      return 'brat';
    case 'conll':
    case 'conll03':
    case 'bio':
    case 'iob':
    case 'iob2':
      return 'conll';
    case 'jsonl':
    case 'ndjson':
      return 'doccano';
    case 'json': {
      // on structure, not on a prefix: Label Studio writes "annotations" before "data", and one task's annotations can run for pages
      const shape = jsonShape(text);
      if (shape) return shape;
      if (head.startsWith('[')) return /"data"\s*:/.test(head) ? 'labelstudio' : /"text"\s*:/.test(head) ? 'doccano' : null;
      if (/"schemaVersion"\s*:/.test(head) || /"documents"\s*:/.test(head)) return 'spanmark';
      // a lone document, as a corpus folder stores it in docs/: its spans come after the text, so search the whole file
      // (a quote inside a JSON string is escaped, hence the look-behind)
      if (/(?<!\\)"spans"\s*:\s*\[/.test(text) && /(?<!\\)"title"\s*:/.test(text)) return 'spanmark';
      if (/"data"\s*:/.test(head)) return 'labelstudio';
      if (/"text"\s*:/.test(head) && /"(entities|label)"\s*:/.test(text)) return 'doccano';
      return null;
    }
    case 'txt':
    case 'text':
    case 'tsv': {
      if (/^<!doctype html|^<html[\s>]/i.test(head)) return 'html';
      const lines = head.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-')).slice(0, 20);
      if (lines.length >= 2 && lines.every((l) => BIO_LINE.test(l))) return 'conll';
      return ext === 'tsv' ? null : 'txt';
    }
    default:
      return null;
  }
}
