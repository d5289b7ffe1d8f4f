import { call } from '../../api';
import type { ExportFormat, ExportFilters, ImportReport } from '../../../shared/ipc/contract';
import { setState } from '../store';
import { flushSave, openDocument } from './document';
import { attempt, notify } from './notices';
import { chooseImportTarget } from '../../features/workflows/corpus-actions';
import { download, IMPORT_ACCEPT, inPagePickers, pickFiles } from '../../features/workflows/pickers';

/** Import and export: files in, files out, and the new documents they make. */

export async function importFiles(paths: string[] | null, addUnknownLabels = false, folder = false): Promise<void> {
  if (!paths && !addUnknownLabels && !(await chooseImportTarget())) return;
  // no native dialog here (the browser host): the browser's own file picker, uploaded like dropped files
  if (!paths && !folder && inPagePickers()) return importDropped(await pickFiles(IMPORT_ACCEPT), true);
  const report = await attempt(() => (paths ? call('import:files', { paths, addUnknownLabels }) : call('import:dialog', { addUnknownLabels, folder })));
  await showImportReport(report, () => importFiles(report?.paths.length ? report.paths : paths, true, folder));
}

const MAX_DROP_BYTES = 50 * 1024 * 1024;

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Files dropped on the window: by path in Electron (folders too), by content in a plain browser. */
export async function importDropped(files: File[], targetChosen = false): Promise<void> {
  if (!files.length || (!targetChosen && !(await chooseImportTarget()))) return;
  const paths = window.api.pathForFile ? files.map((f) => window.api.pathForFile!(f)).filter(Boolean) : [];
  if (paths.length) return importFiles(paths);
  const small = files.filter((f) => f.size <= MAX_DROP_BYTES);
  for (const f of files) if (f.size > MAX_DROP_BYTES) notify(`${f.name} is larger than 50 MB and was not imported.`);
  if (!small.length) return;
  const files64 = await Promise.all(small.map(async (f) => ({ name: f.name, base64: toBase64(await f.arrayBuffer()) })));
  const run = (addUnknownLabels: boolean) => attempt(() => call('import:dropped', { files: files64, addUnknownLabels }));
  await showImportReport(await run(false), async () => showImportReport(await run(true), null));
}

/** Show what an import did; `retryAddingLabels` re-runs it once the user agrees to add unknown labels. */
async function showImportReport(report: ImportReport | null | undefined, retryAddingLabels: (() => Promise<void>) | null): Promise<void> {
  setState({ importProgress: null });
  if (!report) return;
  for (const e of report.errors) notify(`${e.file}${e.line ? `:${e.line}` : ''} — ${e.message}`);
  for (const w of report.warnings) notify(`${w.file}${w.line ? `:${w.line}` : ''} — ${w.message}`, 'info');
  if (report.unknownLabels.length && retryAddingLabels) setState({ pendingLabels: { labels: report.unknownLabels, retry: retryAddingLabels }, dialog: 'confirm-labels' });
  const corpus = await call('corpus:current', {});
  setState({ corpus });
  if (report.imported.length) {
    notify(`Imported ${report.imported.length} document${report.imported.length > 1 ? 's' : ''}.`, 'info');
    await openDocument(report.imported[0]!.id);
  }
}

export async function createDocument(title: string, text: string): Promise<void> {
  const summary = await attempt(() => call('document:create', { title, text }));
  if (!summary) return;
  setState({ corpus: await call('corpus:current', {}), dialog: null });
  await openDocument(summary.id);
}

export async function exportCorpus(format: ExportFormat, filters: ExportFilters, offsets: 'codepoint' | 'utf16'): Promise<void> {
  await flushSave();
  if (inPagePickers()) {
    // no save dialog here (the browser host): the export arrives as a download
    const d = await attempt(() => call('export:download', { format, filters, offsets }));
    if (d) {
      download(d.name, d.base64);
      notify(`Exported ${d.documents} documents and ${d.spans} spans as ${d.name} (downloaded)`, 'info');
    }
    setState({ dialog: null });
    return;
  }
  const r = await attempt(() => call('export:dialog', { format, filters, offsets }));
  if (r) notify(`Exported ${r.documents} documents and ${r.spans} spans to ${r.path}`, 'info');
  setState({ dialog: null });
}
