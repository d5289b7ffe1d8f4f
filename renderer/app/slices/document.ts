import { call } from '../../api';
import { addRelation, addSpan, EditError, relationsBrokenByRelabel, type Actor } from '../../../shared/model/edits';
import { applyOps, OpError, removeRelationsOps, removeSpansOps, textEditOps, textEditResultOps, updateSpanOp, type Op, type SpanPatch } from '../../../shared/model/operations';
import { figureAttributes } from '../../../shared/analysis/figure-attributes';
import { labelHasRole } from '../../../shared/model/roles';
import { OffsetIndex } from '../../../shared/text/offsets';
import { paragraphDirection, visualCaretCommand } from '../../../shared/text/bidi';
import { moveSpanEdge, type EdgeMove } from '../../../shared/text/span-bounds';
import type { Document, DocStatus } from '../../../shared/model/schema';
import { diffText } from '../../editor/text-diff';
import type { TextChange } from '../../editor/DocumentView';
import { SaveQueue } from '../save-queue';
import { UndoHistory } from '../undo-history';
import { getState, replaceSummary, setState, subscribeState, type AppState } from '../store';
import { dismissKey, notify } from './notices';
import { confirmInApp } from '../../features/workflows/prompt';

/**
 * The document session: the open document, edited by operations. Each edit
 * is applied here at once (the screen never waits for main), recorded for
 * undo as ops, and queued for main, which applies the same ops and writes
 * the file. Opening a document transfers it once.
 */

const history = new UndoHistory();
let queue: SaveQueue | null = null;

// however linking ends (a target chosen, Esc, another document), its hint leaves the screen with it
subscribeState(() => {
  if (!getState().linkFrom) dismissKey('link');
});

export function actor(): Actor {
  return { annotator: getState().settings?.annotator || 'annotator', now: new Date().toISOString() };
}

let lastIndex: OffsetIndex | null = null;

/** The offset index of `text`, kept for the last text asked about (the open document). */
export function offsetIndexFor(text: string): OffsetIndex {
  if (lastIndex?.text !== text) lastIndex = OffsetIndex.of(text);
  return lastIndex;
}

/** edit mode: keys painted in the view whose edit has not reached the session yet (it follows a frame later) */
let typingWaits = false;

function startSession(doc: Document, version: number): void {
  history.clear();
  typingWaits = false;
  queue = new SaveQueue(doc.id, version, (req) => call('document:apply', req), {
    saving: () => setState({ save: { state: 'saving' } }),
    // an earlier edit written while typed keys still wait for the next frame is not "saved" yet
    saved: (r) => setState((s) => ({ save: typingWaits ? s.save : { state: 'saved', ...(r.savedAt ? { at: r.savedAt } : {}) }, corpus: s.corpus ? replaceSummary(s.corpus, r.summary) : s.corpus })),
    notSaved: (r) => {
      // a file changed outside the app is never overwritten: offer the reload instead; main retries with the next edit
      const conflict = r.notSaved?.code === 'conflict';
      setState({ save: { state: 'error', message: r.notSaved?.message ?? 'Not saved' }, ...(conflict ? { externalChange: true } : {}) });
      notify(`Could not save: ${r.notSaved?.message ?? 'unknown error'}`);
    },
    refused: (e) => {
      const message = e instanceof Error ? e.message : String(e);
      setState({ save: { state: 'error', message } });
      notify(`Could not save your last change: ${message} The document was read again from disk.`);
      void reopen(doc.id);
    },
  });
}

async function reopen(id: string): Promise<void> {
  if (getState().doc?.id !== id) return;
  try {
    const { document, version } = await call('document:open', { id });
    startSession(document, version);
    setState((s) => ({ doc: document, canUndo: false, canRedo: false, selectedSpanId: keepSelection(document, s.selectedSpanId) }));
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
  }
}

export async function openDocument(id: string): Promise<void> {
  await flushSave();
  try {
    const { document, version } = await call('document:open', { id });
    startSession(document, version);
    setState({ doc: document, canUndo: false, canRedo: false, selectedSpanId: null, linkFrom: null, mode: 'annotate' });
    dismissKey('link');
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
  }
}

/** Forget the open document (another corpus was opened). */
export function closeDocument(): void {
  queue = null;
  history.clear();
  setState({ doc: null, canUndo: false, canRedo: false, selectedSpanId: null, linkFrom: null });
}

/** Resolves when main has every edit made so far (switching documents, exporting, closing). */
export async function flushSave(): Promise<void> {
  await queue?.flush();
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
    if (!queue?.busy || closingAfterSave) return;
    e.preventDefault();
    closingAfterSave = true;
    void flushSave().then(() => window.close());
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

export interface CommitOptions {
  /** state to set together with the new document (selection…) */
  extra?: Partial<AppState>;
  /** edits of one group in quick succession share an undo step (typing) */
  group?: string;
  /** a group that lasts until endEditGroup (a field losing focus), however slowly it is typed */
  groupUntilClosed?: boolean;
  /** the document these ops produce, when the caller has computed it already */
  next?: Document;
}

/**
 * Apply `ops` to the open document: on screen now, into undo history, and
 * queued for main. The first edit of a to-do document starts it.
 */
export function commitOps(ops: Op[], opts: CommitOptions = {}): boolean {
  const s = getState();
  if (!s.doc || !queue || !ops.length) return false;
  if (s.corpus?.readOnly) {
    notify(s.corpus.readOnlyReason ?? 'This corpus is read-only.');
    return false;
  }
  const all = s.doc.status === 'todo' && !ops.some((o) => o.op === 'status') ? [...ops, { op: 'status', before: 'todo', after: 'in_progress' } as Op] : ops;
  let doc: Document;
  try {
    doc = opts.next ? (all.length > ops.length ? { ...opts.next, status: 'in_progress' } : opts.next) : applyOps(s.doc, all, offsetIndexFor(s.doc.text));
  } catch (e) {
    if (e instanceof OpError) {
      notify(`That edit does not fit the document: ${e.message}`);
      return false;
    }
    throw e;
  }
  history.record(all, opts.group, Date.now(), opts.groupUntilClosed ? Infinity : undefined);
  setState({ doc, canUndo: history.canUndo, canRedo: history.canRedo, ...opts.extra });
  queue.push(all);
  return true;
}

/** Text typed in edit mode reaches the session a frame later: until then the toolbar must not say "saved". */
export function unsavedTyping(): void {
  typingWaits = true;
  if (getState().save.state !== 'saving') setState({ save: { state: 'saving' } });
}

/** End the current undo group (a note field lost focus). */
export function endEditGroup(): void {
  history.closeGroup();
}

function replay(ops: Op[] | null): void {
  const s = getState();
  if (!ops || !s.doc || !queue) return;
  const doc = applyOps(s.doc, ops, offsetIndexFor(s.doc.text));
  setState({ doc, canUndo: history.canUndo, canRedo: history.canRedo, selectedSpanId: keepSelection(doc, s.selectedSpanId) });
  queue.push(ops);
}

export function undo(): void {
  if (getState().corpus?.readOnly) return;
  replay(history.undo());
}

export function redo(): void {
  if (getState().corpus?.readOnly) return;
  replay(history.redo());
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

/** Label code points [start, end) of the current document. */
export function labelRange(label: string, start: number, end: number): void {
  const doc = getState().doc;
  if (!doc) return;
  guard(() => {
    // one index per text, not a code point array per label: labelling stays O(spans) on 1M-character documents
    const index = offsetIndexFor(doc.text);
    const { doc: next, span } = addSpan(doc, { label, start, end, ...(labelHasRole(getState().corpus?.meta.schema, label, 'figure') ? { attributes: figureAttributes(index.slice(start, end)) } : {}) }, actor(), index);
    commitOps([{ op: 'addSpan', span }], { extra: { selectedSpanId: span.id }, next: { ...next, updatedAt: doc.updatedAt } });
  });
}

/**
 * Label many ranges of code points at once (find's "label all matches"): one undo step.
 * A range already carrying the label stays as it is. Returns how many spans were added, or null
 * when the edit was refused (read-only corpus; the refusal was shown).
 */
export function labelRanges(label: string, ranges: readonly { start: number; end: number }[]): number | null {
  const doc = getState().doc;
  if (!doc) return null;
  const index = offsetIndexFor(doc.text);
  const figure = labelHasRole(getState().corpus?.meta.schema, label, 'figure');
  const taken = new Set(doc.spans.filter((x) => x.label === label).map((x) => `${x.start}:${x.end}`));
  const who = actor();
  const ops: Op[] = [];
  let next = doc;
  guard(() => {
    for (const { start, end } of ranges) {
      if (taken.has(`${start}:${end}`)) continue;
      taken.add(`${start}:${end}`);
      const added = addSpan(next, { label, start, end, ...(figure ? { attributes: figureAttributes(index.slice(start, end)) } : {}) }, who, index);
      next = added.doc;
      ops.push({ op: 'addSpan', span: added.span });
    }
  });
  if (!ops.length) return 0;
  return commitOps(ops, { next: { ...next, updatedAt: doc.updatedAt } }) ? ops.length : null;
}

export function relabel(spanId: string, label: string): void {
  const s = getState();
  if (!s.doc) return;
  const span = s.doc.spans.find((x) => x.id === spanId);
  if (!span || span.label === label) return;
  // a source must point at an actor: relations the new label would break go only with the user's consent
  const broken = s.corpus ? relationsBrokenByRelabel(s.doc, s.corpus.meta.schema, spanId, label) : [];
  if (!broken.length) return relabelNow(spanId, label);
  const them = broken.length > 1 ? 'them' : 'it';
  const question = `As ${label}, this span no longer fits ${broken.length} ${broken.map((r) => r.type).join(', ')} relation${broken.length > 1 ? 's' : ''}. Relabel and remove ${them}? (Undo brings ${them} back.)`;
  void confirmInApp(question, 'Relabel').then((yes) => yes && relabelNow(spanId, label));
}

/** Relabel as the document is now (a confirmation may have let other edits in first). */
function relabelNow(spanId: string, label: string): void {
  const s = getState();
  const span = s.doc?.spans.find((x) => x.id === spanId);
  if (!s.doc || !span || span.label === label) return;
  const broken = s.corpus ? relationsBrokenByRelabel(s.doc, s.corpus.meta.schema, spanId, label) : [];
  const patch: SpanPatch = { label, updatedAt: actor().now };
  if (labelHasRole(s.corpus?.meta.schema, label, 'figure') && !span.attributes) patch.attributes = figureAttributes(span.text);
  commitOps([...removeRelationsOps(s.doc, broken.map((r) => r.id)), updateSpanOp(span, patch)]);
}

export function deleteSpan(spanId: string): void {
  const s = getState();
  if (!s.doc) return;
  const attached = s.doc.relations.filter((r) => r.from === spanId || r.to === spanId).length;
  if (!attached) return deleteSpanNow(spanId);
  const question = `This span has ${attached} relation${attached > 1 ? 's' : ''}. Delete the span and ${attached > 1 ? 'them' : 'it'}? (Undo brings both back.)`;
  void confirmInApp(question, 'Delete').then((yes) => yes && deleteSpanNow(spanId));
}

function deleteSpanNow(spanId: string): void {
  const doc = getState().doc;
  if (doc?.spans.some((x) => x.id === spanId)) commitOps(removeSpansOps(doc, [spanId]), { extra: { selectedSpanId: null } });
}

/**
 * Move one edge of a span by a word (Shift+Alt+arrows), keeping the span, its id, note and relations:
 * an update of the span, undoable like any edit. ← and → follow the paragraph's direction.
 */
export function moveSpanBounds(spanId: string, command: string): void {
  const doc = getState().doc;
  const span = doc?.spans.find((x) => x.id === spanId);
  if (!doc || !span) return;
  const index = offsetIndexFor(doc.text);
  const from = index.toUtf16(span.start);
  const move = visualCaretCommand(command, paragraphDirection(doc.text, from)).replace(/^span-/, '') as EdgeMove;
  const r = moveSpanEdge(doc.text, from, index.toUtf16(span.end), move);
  if (r) setSpanBounds(spanId, index.toCodePoint(r.start), index.toCodePoint(r.end, 'end'));
}

/** Give a span new bounds (code points; its ends dragged with the mouse): one undoable update keeping its id, note and relations. */
export function setSpanBounds(spanId: string, start: number, end: number): void {
  const doc = getState().doc;
  const span = doc?.spans.find((x) => x.id === spanId);
  if (!doc || !span || start >= end || (span.start === start && span.end === end)) return;
  if (doc.spans.some((x) => x.id !== span.id && x.label === span.label && x.start === start && x.end === end)) {
    notify(`That text is already labelled ${span.label}.`, 'info');
    return;
  }
  commitOps([updateSpanOp(span, { start, end, text: offsetIndexFor(doc.text).slice(start, end), updatedAt: actor().now })]);
}

export function link(type: string, from: string, to: string): void {
  const s = getState();
  if (!s.doc || !s.corpus) return;
  guard(() => {
    const { relation } = addRelation(s.doc!, s.corpus!.meta.schema, { type, from, to }, actor());
    commitOps([{ op: 'addRelation', relation }], { extra: { linkFrom: null } });
    dismissKey('link');
  });
}

export function removeRelation(relationId: string): void {
  const doc = getState().doc;
  if (doc) commitOps(removeRelationsOps(doc, [relationId]));
}

export function setStatus(status: DocStatus): void {
  const doc = getState().doc;
  if (doc && doc.status !== status) commitOps([{ op: 'status', before: doc.status, after: status }]);
}

/** A note typed into the Details panel: saved at every keystroke like any edit, one undo step per stretch of typing. */
export function setNote(spanId: string, note: string): void {
  const span = getState().doc?.spans.find((x) => x.id === spanId);
  if (!span || (span.note ?? '') === note) return;
  commitOps([updateSpanOp(span, { note: note === '' ? null : note, updatedAt: actor().now })], { group: `note:${spanId}`, groupUntilClosed: true });
}

export function setAttribute(spanId: string, key: string, value: string): void {
  const span = getState().doc?.spans.find((x) => x.id === spanId);
  if (!span) return;
  const num = value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value === '' ? null : value;
  commitOps([updateSpanOp(span, { attributes: { ...(span.attributes ?? {}), [key]: num }, updatedAt: actor().now })]);
}

/**
 * Replace UTF-16 [from, to) of the text (edit mode). Typing shares undo
 * steps; an edit that removed spans is a step of its own, and says so.
 */
export function editText(from: number, to: number, insert: string): void {
  const doc = getState().doc;
  if (!doc) return;
  guard(() => {
    const { ops, removed, doc: next } = textEditOps(doc, from, to, insert, actor().now, offsetIndexFor(doc.text));
    commitOps(ops, { next, ...(removed.length ? {} : { group: 'typing' }) });
    if (removed.length) notify(`${removed.length} span${removed.length > 1 ? 's' : ''} whose words were deleted ${removed.length > 1 ? 'were' : 'was'} removed. Ctrl+Z brings ${removed.length > 1 ? 'them' : 'it'} back.`, 'info');
  });
}

/**
 * A text edit the editor has already carried spans through (edit mode):
 * it knows where the caret was, so it says which of two equal words went.
 * Typing shares undo steps; an edit that removed spans is a step of its own.
 */
export function commit(next: Document, extra: Partial<AppState> = {}, group?: string, change?: TextChange): void {
  typingWaits = false;
  const doc = getState().doc;
  if (!doc) return;
  // the editor says where it edited (reading a new 1M-character text to check costs a copy of it: lengths must agree)
  const d = change && next.text.length === doc.text.length - (change.end - change.start) + change.insert.length ? change : diffText(doc.text, next.text);
  if (d) {
    const { ops, spans } = textEditResultOps(doc, next, d.start, d.end, offsetIndexFor(doc.text), offsetIndexFor(next.text), d.insert);
    commitOps(ops, { next: { ...doc, text: next.text, spans, relations: next.relations }, extra, ...(group ? { group } : {}) });
  }
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
  notify(`Linking ${type}: click the target span, or step to it with . or , (in the document) and press Enter. Esc cancels.`, 'info', { key: 'link' });
}

/** Stop drawing a relation (Esc). */
export function cancelLink(): void {
  setState({ linkFrom: null });
  dismissKey('link');
}
