import type { DetectedFormat } from '../../shared/formats/index';
import { importCodec } from '../../shared/formats/index';
import type { ImportOptions, ImportResult, TextFile } from '../../shared/formats/types';

export interface ParseJob {
  format: DetectedFormat;
  files: TextFile[];
  options: ImportOptions;
}

/** The parse itself, wherever it runs (the import worker, or in-process as a fallback). */
export async function parseUnitHere({ format, files, options }: ParseJob): Promise<ImportResult> {
  if (format === 'html') {
    // jsdom is heavy; load it only when a page is imported
    const { importHtmlFile } = await import('./html-import');
    return importHtmlFile(files[0]!);
  }
  return importCodec(format).import(files, options);
}
