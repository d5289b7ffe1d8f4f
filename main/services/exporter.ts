import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExportFilters, ExportFormat } from '../../shared/ipc/contract';
import type { Corpus } from '../../shared/model/schema';
import { bratZip, exportCodec } from '../../shared/formats/index';
import type { NestedPolicy, OffsetUnit } from '../../shared/formats/types';
import { writeAtomic } from './atomic-write';
import type { FileFilter } from './dialogs';

/**
 * Writes an export to disk. Single-file formats go to `outPath` as given;
 * brat, which is a folder of .txt/.ann pairs, goes to a folder, or to a
 * zip when `outPath` ends in .zip. A format's companion files (Label
 * Studio's labelling config) go beside the data file, named after it.
 * Every file is written atomically.
 */

export interface ExportCorpusOptions {
  filters?: ExportFilters;
  offsets?: OffsetUnit;
  nested?: NestedPolicy;
  /** CoNLL: 2 for the token<TAB>tag form */
  conllColumns?: 2;
}

export interface ExportSummary {
  path: string;
  documents: number;
  spans: number;
  /** absolute paths written */
  files: string[];
  warnings: string[];
}

/** Save-dialog filters and default file name endings per format. */
export const EXPORT_FILTERS: Record<ExportFormat, FileFilter & { defaultSuffix: string }> = {
  spanmark: { name: 'Spanmark corpus (JSON)', extensions: ['json'], defaultSuffix: '.spanmark.json' },
  doccano: { name: 'doccano (JSONL)', extensions: ['jsonl'], defaultSuffix: '.doccano.jsonl' },
  labelstudio: { name: 'Label Studio (JSON)', extensions: ['json'], defaultSuffix: '.labelstudio.json' },
  brat: { name: 'brat standoff (zip)', extensions: ['zip'], defaultSuffix: '.brat.zip' },
  conll: { name: 'CoNLL BIO', extensions: ['conll', 'txt'], defaultSuffix: '.conll' },
  spacy: { name: 'spaCy Doc JSON (JSONL)', extensions: ['jsonl'], defaultSuffix: '.spacy.jsonl' },
  hf: { name: 'Hugging Face datasets (JSONL)', extensions: ['jsonl'], defaultSuffix: '.hf.jsonl' },
  csv: { name: 'Spans table (CSV)', extensions: ['csv'], defaultSuffix: '.csv' },
};

export async function exportCorpus(corpus: Corpus, format: ExportFormat, outPath: string, opts: ExportCorpusOptions = {}): Promise<ExportSummary> {
  const out = exportCodec(format).export(corpus, opts);
  const target = path.resolve(outPath);
  const written: string[] = [];
  if (format === 'brat' && !target.toLowerCase().endsWith('.zip')) {
    await mkdir(target, { recursive: true });
    for (const f of out.files) {
      const file = path.join(target, f.path);
      await writeAtomic(file, f.data);
      written.push(file);
    }
  } else {
    await mkdir(path.dirname(target), { recursive: true });
    const data = format === 'brat' ? bratZip(out.files) : out.files[0]?.data ?? '';
    await writeAtomic(target, data);
    written.push(target);
    // files that go with the data (Label Studio's labelling config): beside it, named after it
    const stem = target.replace(/\.[^.\\/]+$/, '');
    for (const extra of format === 'brat' ? [] : out.files.slice(1)) {
      const file = `${stem}.${extra.path}`;
      await writeAtomic(file, extra.data);
      written.push(file);
    }
  }
  return { path: target, documents: out.documents, spans: out.spans, files: written, warnings: out.warnings };
}
