import { ApiError, call, subscribe } from '../api';
import { addRelation, addSpan, EditError, relationsBrokenByRelabel, removeSpans, updateSpan, type Actor } from '../../shared/model/edits';
import { figureAttributes } from '../../shared/analysis/figure-attributes';
import { labelHasRole } from '../../shared/model/roles';
import { OffsetIndex } from '../../shared/text/offsets';
import type { Document, DocStatus } from '../../shared/model/schema';
import type { ExportFormat, ExportFilters, ImportReport, OpenCorpus } from '../../shared/ipc/contract';
import { getState, replaceSummary, setState, type AppState } from './store';
import { chooseImportTarget } from '../features/workflows/corpus-actions';
import { download, IMPORT_ACCEPT, inPagePickers, pickFiles, setInPagePickers } from '../features/workflows/pickers';

const HISTORY_LIMIT = 500;
let noticeSeq = 0;

export function notify(message: string, kind: 'error' | 'info' = 'error'): void {
  // the same message twice (a repeated key, a repeated failure) shows once
  if (getState().notices.some((n) => n.message === message && n.kind === kind)) return;
  const id = ++noticeSeq;
  setState((s) => ({ notices: [...s.notices.slice(-4), { id, kind, message }] }));
  if (kind === 'info') setTimeout(() => dismiss(id), 3500);
}

export function dismiss(id: number): void {
  setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Run an action; any failure becomes a visible message instead of a silent console error. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
    return undefined;
  }
}

export function actor(): Actor {
  return { annotator: getState().settings?.annotator || 'annotator', now: new Date().toISOString() };
}

function corpusLoaded(corpus: OpenCorpus | null): Partial<AppState> {
  return {
    corpus,
    save: corpus?.readOnly ? { state: 'readonly', message: corpus.readOnlyReason ?? 'Read-only' } : { state: 'saved' },
  };
}

export async function boot(): Promise<void> {
  const result = await attempt(() => call('app:bootstrap', {}));
  if (!result) {
    setState({ booted: true });
    return;
  }
  setInPagePickers(result.inPagePickers);
  setState({ booted: true, host: result.host, settings: result.settings, ...corpusLoaded(result.corpus) });
  for (const d of result.corpus?.damaged ?? []) notify(`Damaged document: ${d.message}${d.hasBackup ? ' A backup is available in the corpus list.' : ''}`);
  const first = result.corpus?.documents.find((d) => !result.corpus?.damaged.some((x) => x.id === d.id));
  if (first) await openDocument(first.id);
  subscribe('corpus:changedOnDisk', (change) => {
    const s = getState();
    const touchesCurrent = s.doc && change.documentIds.includes(s.doc.id);
    notify(`Corpus files changed on disk${touchesCurrent ? ', including the open document' : ''}. Use “Reload from disk” to load them; nothing is overwritten until you do.`, 'info');
    setState({ externalChange: true });
  });
  subscribe('import:progress', (p) => setState({ importProgress: p.done >= p.total ? null : p }));
}

export async function openDocument(id: string): Promise<void> {
  await flushSave();
  const doc = await attempt(() => call('document:get', { id }));
  if (doc) setState({ doc, past: [], future: [], selectedSpanId: null, linkFrom: null, mode: 'annotate' });
}

export async function openCorpus(corpus: OpenCorpus | null | undefined, preferDocId?: string): Promise<void> {
  if (!corpus) return;
  await flushSave();
  // the recent list changed in main when this corpus opened
  void call('settings:get', {}).then((settings) => setState({ settings }), () => undefined);
  setState({ ...corpusLoaded(corpus), doc: null, past: [], future: [], selectedSpanId: null });
  const first = corpus.documents.find((d) => d.id === preferDocId) ?? corpus.documents[0];
  if (first) await openDocument(first.id);
}

// --- saving: every change is written at once, one save in flight, the latest state wins

let saving: Promise<void> | null = null;
let queued: Document | null = null;

function scheduleSave(doc: Document): void {
  queued = doc;
  if (!saving) saving = drain();
}

async function drain(): Promise<void> {
  while (queued) {
    const doc = queued;
    queued = null;
    setState({ save: { state: 'saving' } });
    try {
      const { summary, savedAt } = await call('document:save', { document: doc });
      setState((s) => ({ save: { state: 'saved', at: savedAt }, corpus: s.corpus ? replaceSummary(s.corpus, summary) : s.corpus }));
    } catch (e) {
      // a file changed outside the app is never overwritten: offer the reload instead
      const conflict = e instanceof ApiError && e.code === 'conflict';
      setState({ save: { state: 'error', message: (e as Error).message }, ...(conflict ? { externalChange: true } : {}) });
      notify(`Could not save: ${(e as Error).message}`);
    }
  }
  saving = null;
}

export async function flushSave(): Promise<void> {
  while (saving) await saving;
}

/**
 * Closing the window must not drop the last keystroke: a field being typed
 * in is committed (blur), and if a save is still in flight the close waits
 * for it and then happens.
 */
export function guardUnload(): () => void {
  let closingAfterSave = false;
  const onBeforeUnload = (e: BeforeUnloadEvent): void => {
    (document.activeElement as HTMLElement | null)?.blur?.();
    if (!saving || closingAfterSave) return;
    e.preventDefault();
    closingAfterSave = true;
    void flushSave().then(() => window.close());
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

let lastGroup: { name: string; at: number } | null = null;
const GROUP_WINDOW_MS = 1000;

/**
 * Replace the current document with an edited version: records undo, saves.
 * Edits of the same `group` within a second (typing in edit mode) share one
 * undo step, so a paragraph of typing does not push labels out of history.
 */
export function commit(next: Document, extra: Partial<AppState> = {}, group?: string): void {
  const s = getState();
  if (!s.doc) return;
  if (s.corpus?.readOnly) {
    notify(s.corpus.readOnlyReason ?? 'This corpus is read-only.');
    return;
  }
  const status: DocStatus = next.status === 'todo' ? 'in_progress' : next.status;
  const doc = { ...next, status };
  const now = Date.now();
  const merge = !!group && lastGroup?.name === group && now - lastGroup.at < GROUP_WINDOW_MS && s.past.length > 0;
  lastGroup = group ? { name: group, at: now } : null;
  setState({ doc, past: merge ? s.past : [...s.past.slice(-HISTORY_LIMIT), s.doc], future: [], ...extra });
  scheduleSave(doc);
}

/**
 * Apply an edit to the document as it is now, not as a component last saw
 * it: a field committed on blur must not overwrite changes made since.
 */
export function editCurrent(edit: (doc: Document) => Document): void {
  const doc = getState().doc;
  if (doc) commit(edit(doc));
}

export function undo(): void {
  const s = getState();
  const prev = s.past[s.past.length - 1];
  if (!prev || !s.doc) return;
  setState({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], selectedSpanId: keepSelection(prev, s.selectedSpanId) });
  scheduleSave(prev);
}

export function redo(): void {
  const s = getState();
  const next = s.future[0];
  if (!next || !s.doc) return;
  setState({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), selectedSpanId: keepSelection(next, s.selectedSpanId) });
  scheduleSave(next);
}

function keepSelection(doc: Document, id: string | null): string | null {
  return id && doc.spans.some((s) => s.id === id) ? id : null;
}

function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof EditError) notify(e.message, e.code === 'duplicate' ? 'info' : 'error');
    else throw e;
  }
}

let lastIndex: OffsetIndex | null = null;

/** The offset index of `text`, kept for the last text asked about (the open document). */
export function offsetIndexFor(text: string): OffsetIndex {
  if (lastIndex?.text !== text) lastIndex = new OffsetIndex(text);
  return lastIndex;
}

/** Label code points [start, end) of the current document. */
export function labelRange(label: string, start: number, end: number): void {
  const s = getState();
  if (!s.doc) return;
  guard(() => {
    // one index per text, not a code point array per label: labelling stays O(spans) on 1M-character documents
    const index = offsetIndexFor(s.doc!.text);
    const { doc, span } = addSpan(s.doc!, { label, start, end, ...(labelHasRole(s.corpus?.meta.schema, label, 'figure') ? { attributes: figureAttributes(index.slice(start, end)) } : {}) }, actor(), index);
    commit(doc, { selectedSpanId: span.id });
  });
}

export function relabel(spanId: string, label: string): void {
  const s = getState();
  if (!s.doc) return;
  const span = s.doc.spans.find((x) => x.id === spanId);
  if (!span || span.label === label) return;
  // a source must point at an actor: relations the new label would break go only with the user's consent
  const broken = s.corpus ? relationsBrokenByRelabel(s.doc, s.corpus.meta.schema, spanId, label) : [];
  if (broken.length && !window.confirm(`As ${label}, this span no longer fits ${broken.length} ${broken.map((r) => r.type).join(', ')} relation${broken.length > 1 ? 's' : ''}. Relabel and remove ${broken.length > 1 ? 'them' : 'it'}? (Undo brings ${broken.length > 1 ? 'them' : 'it'} back.)`)) return;
  const attributes = labelHasRole(s.corpus?.meta.schema, label, 'figure') && !span.attributes ? figureAttributes(span.text) : span.attributes;
  const gone = new Set(broken.map((r) => r.id));
  const relabelled = updateSpan(s.doc, spanId, { label, ...(attributes ? { attributes } : {}) }, actor());
  commit({ ...relabelled, relations: relabelled.relations.filter((r) => !gone.has(r.id)) });
}

export function deleteSpan(spanId: string): void {
  const s = getState();
  if (!s.doc) return;
  const attached = s.doc.relations.filter((r) => r.from === spanId || r.to === spanId).length;
  if (attached && !window.confirm(`This span has ${attached} relation${attached > 1 ? 's' : ''}. Delete the span and ${attached > 1 ? 'them' : 'it'}? (Undo brings both back.)`)) return;
  commit(removeSpans(s.doc, [spanId], new Date().toISOString()), { selectedSpanId: null });
}

export function link(type: string, from: string, to: string): void {
  const s = getState();
  if (!s.doc || !s.corpus) return;
  guard(() => commit(addRelation(s.doc!, s.corpus!.meta.schema, { type, from, to }, actor()).doc, { linkFrom: null }));
}

export function setStatus(status: DocStatus): void {
  const s = getState();
  if (s.doc && s.doc.status !== status) commit({ ...s.doc, status });
}

/** Select a span; while a relation is being drawn, selecting its target completes it. */
export function selectSpan(id: string | null): void {
  const { linkFrom } = getState();
  if (linkFrom && id && id !== linkFrom.from) {
    link(linkFrom.type, linkFrom.from, id);
    setState({ selectedSpanId: linkFrom.from, linkFrom: null });
    return;
  }
  setState({ selectedSpanId: id });
}

/** Start drawing a relation of `type` from the selected span (keys s / c, or the Details panel). */
export function startLink(type: string): void {
  const s = getState();
  const from = s.selectedSpanId;
  if (!from || !s.corpus || !s.doc) return;
  const rt = s.corpus.meta.schema.relationTypes.find((t) => t.name === type);
  const span = s.doc.spans.find((x) => x.id === from);
  if (!rt || !span) return;
  if (rt.from.length && !rt.from.includes(span.label)) {
    notify(`A ${type} relation starts at ${rt.from.join(' or ')}; select one first.`, 'info');
    return;
  }
  setState({ linkFrom: { from, type } });
  notify(`Linking ${type}: click the target span, or step to it with . or , (in the document) and press Enter. Esc cancels.`, 'info');
}

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
