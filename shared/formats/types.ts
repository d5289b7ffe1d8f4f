import type { AnnotationSchema } from '../model/schema';
import type { ExportFilters, FileProblem } from '../ipc/contract';
import type { Corpus, Document } from '../model/schema';

/** One decoded input file. Codecs never touch the file system. */
export interface TextFile {
  /** name used in problems and as a title fallback; usually the path relative to what the user picked */
  name: string;
  text: string;
  /** the file began with a UTF-8 byte order mark, removed from `text` (brat counts it as character 0) */
  utf8Bom?: boolean;
}

export type OffsetUnit = 'codepoint' | 'utf16';

export interface ImportOptions {
  /** how the file counts offsets, where the format leaves it open (doccano); default per format */
  offsets?: OffsetUnit;
  /** annotator for spans whose file names none */
  annotator?: string;
}

/**
 * What a codec reads from one file (or one brat .txt/.ann pair). When
 * `problems` is non-empty the file is malformed and the caller must not
 * import any of it; `documents` then holds what could be read, for
 * diagnostics only. `warnings` are losses the user should hear about
 * (skipped brat events, predictions…) that do not block the import.
 */
export interface ImportResult {
  documents: Document[];
  labels: string[];
  relationTypes: string[];
  problems: FileProblem[];
  warnings: FileProblem[];
  /** the label schema the file itself carries (Spanmark corpora), so colours, keys and rules survive a round trip */
  schema?: AnnotationSchema;
  guidelines?: string;
}

export type NestedPolicy = 'layers' | 'outermost' | 'innermost';

export interface ExportOptions {
  offsets?: OffsetUnit;
  filters?: ExportFilters;
  /** CoNLL only: one tag column per label layer, or a single column */
  nested?: NestedPolicy;
  /** CoNLL only: 2 writes `token<TAB>tag` lines and no -DOCSTART- (doccano's reader, seqeval-style scripts); nested spans are flattened (outermost unless `nested` says innermost) */
  conllColumns?: 2;
}

export interface OutputFile {
  /** relative path; a single-file format returns one file and the exporter names it */
  path: string;
  data: string | Uint8Array;
}

export interface ExportResult {
  files: OutputFile[];
  documents: number;
  spans: number;
  /** information the format could not carry (dropped nested spans, renamed labels…) */
  warnings: string[];
}

export interface Codec {
  id: string;
  /** file extension of a single-file export, with the dot */
  extension: string;
  /** brat reads a .txt/.ann pair; every other codec reads one file */
  import?: (files: TextFile[], opts?: ImportOptions) => ImportResult;
  export?: (corpus: Corpus, opts?: ExportOptions) => ExportResult;
}
