import { useSyncExternalStore } from 'react';
import type { Document } from '../../../shared/model/schema';
import { acceptSuggestions } from '../../../shared/suggest/accept';
import type { PhraseEntry } from '../../../shared/suggest/dictionary';
import type { SuggestSettings } from '../../../shared/suggest/settings';
import type { Hit, Suggestion } from '../../../shared/suggest/types';
import { call } from '../../api';
import { actor, commitOps, notify } from '../../app/actions';
import type { Op } from '../../../shared/model/operations';
import { getState, setState, subscribeState } from '../../app/store';
import type { SuggestJob, SuggestReply } from './suggest.worker';

/**
 * The suggestion layer's state: what the worker found for the open
 * document, which one is current, and the corpus context it was computed
 * with. Accepting and rejecting are ordinary document commits (a rejection
 * is a key in `rejectedSuggestions`), so Ctrl+Z undoes either, and after any
 * change the suggestions are recomputed from the document as it is.
 */

export interface SuggestState {
  docId: string | null;
  suggestions: Suggestion[];
  currentKey: string | null;
  computing: boolean;
  lastMs: number | null;
  error: string | null;
  context: { docId: string; settings: SuggestSettings; learned: PhraseEntry[] } | null;
  /** the local model's hits for the open document (UTF-16, on `modelText`) */
  modelHits: Hit[];
  modelText: string | null;
  modelBusy: boolean;
  visible: boolean;
}

let state: SuggestState = {
  docId: null, suggestions: [], currentKey: null, computing: false, lastMs: null, error: null, context: null, modelHits: [], modelText: null, modelBusy: false, visible: false,
};
const listeners = new Set<() => void>();

export function getSuggestState(): SuggestState {
  return state;
}

export function setSuggestState(patch: Partial<SuggestState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

// the checkbox is a user setting: shown again after a restart once switched on
subscribeState(() => {
  const shown = getState().settings?.showSuggestions;
  if (shown !== undefined && shown !== state.visible) setSuggestState({ visible: shown });
});

/** Show or hide suggestions, and remember the choice. */
export function showSuggestions(visible: boolean): void {
  setSuggestState({ visible });
  // the app state's settings change at once, so the line above is not undone by the sync while main writes
  const before = getState().settings;
  if (before) setState({ settings: { ...before, showSuggestions: visible } });
  void call('settings:set', { showSuggestions: visible }).then(
    (settings) => setState({ settings }),
    (e: unknown) => {
      if (before) setState({ settings: before });
      notify(`Could not keep the Suggestions setting: ${e instanceof Error ? e.message : String(e)}`);
    },
  );
}

export function useSuggest<T>(select: (s: SuggestState) => T): T {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => select(state),
  );
}

// ---------------------------------------------------------------- computing

let worker: Worker | null = null;
let jobId = 0;

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./suggest.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<SuggestReply>) => {
      const r = e.data;
      if (r.id !== jobId) return; // a newer document state is on its way
      if ('error' in r) {
        setSuggestState({ computing: false, error: r.error });
        return;
      }
      const keep = r.suggestions.some((s) => s.key === state.currentKey) ? state.currentKey : null;
      setSuggestState({ suggestions: r.suggestions, computing: false, lastMs: Math.round(r.ms), error: null, currentKey: keep });
    };
  }
  return worker;
}

/** Loads the corpus context (settings, learned phrases) for a document. */
export async function loadContext(docId: string): Promise<void> {
  try {
    const ctx = await call('suggest:context', { documentId: docId });
    if (getState().doc?.id !== docId) return;
    setSuggestState({ context: { docId, ...ctx } });
  } catch (e) {
    setSuggestState({ error: e instanceof Error ? e.message : String(e) });
  }
}

/** Asks the worker for the document as it is now; results of older requests are dropped. */
export function compute(doc: Document): void {
  // hidden suggestions cost nothing: posting a 1M-character document to the worker took 2 s of every labelling burst
  if (!state.visible) return;
  const ctx = state.context;
  const schema = getState().corpus?.meta.schema;
  if (!ctx || ctx.docId !== doc.id || !schema) return;
  if (state.docId !== doc.id) setSuggestState({ docId: doc.id, suggestions: [], currentKey: null, modelHits: [], modelText: null });
  const job: SuggestJob = {
    id: ++jobId,
    text: doc.text,
    spans: doc.spans.map((s) => ({ label: s.label, start: s.start, end: s.end, text: s.text })),
    rejected: doc.rejectedSuggestions ?? [],
    schema,
    settings: { ...ctx.settings, ...(getState().corpus?.meta.suggest ?? {}) },
    learned: ctx.learned,
    extraHits: state.modelText === doc.text ? state.modelHits : [],
  };
  setSuggestState({ computing: true });
  getWorker().postMessage(job);
}

// ---------------------------------------------------------------- reviewing

function current(): Suggestion | null {
  return state.suggestions.find((s) => s.key === state.currentKey) ?? null;
}

export function currentSuggestion(): Suggestion | null {
  return current();
}

export function setCurrent(key: string | null): void {
  setSuggestState({ currentKey: key });
}

/** Next (1) or previous (-1) suggestion in reading order, from the current one (or the selected span). */
export function step(dir: 1 | -1): Suggestion | null {
  const list = state.suggestions;
  if (!list.length || !state.visible) return null;
  const i = list.findIndex((s) => s.key === state.currentKey);
  const next = i < 0 ? (dir === 1 ? 0 : list.length - 1) : (i + dir + list.length) % list.length;
  setSuggestState({ currentKey: list[next]!.key });
  return list[next]!;
}

function neighbourKey(keys: ReadonlySet<string>): string | null {
  const list = state.suggestions;
  const i = list.findIndex((s) => s.key === state.currentKey);
  for (let k = Math.max(0, i); k < list.length; k++) if (!keys.has(list[k]!.key)) return list[k]!.key;
  for (let k = Math.max(0, i) - 1; k >= 0; k--) if (!keys.has(list[k]!.key)) return list[k]!.key;
  return null;
}

export function accept(list: readonly Suggestion[]): void {
  // hidden suggestions are never acted on: a stray key must not add spans nobody saw
  if (!state.visible) return;
  const { doc, corpus } = getState();
  if (!doc || !corpus || !list.length) return;
  const r = acceptSuggestions(doc, corpus.meta.schema, list, actor());
  const keys = new Set(list.map((s) => s.key));
  const next = neighbourKey(keys);
  // drop them at once, so a second key press cannot accept the same suggestion before the worker answers
  setSuggestState({ suggestions: state.suggestions.filter((s) => !keys.has(s.key)), currentKey: next });
  // ops, not a whole document: only operations reach main (spans first, then the relations between them)
  const spanIds = new Set(r.spanIds);
  const relationIds = new Set(r.relationIds);
  const ops: Op[] = [
    ...r.doc.spans.filter((s) => spanIds.has(s.id)).map((span): Op => ({ op: 'addSpan', span })),
    ...r.doc.relations.filter((x) => relationIds.has(x.id)).map((relation): Op => ({ op: 'addRelation', relation })),
  ];
  if (!ops.length) return;
  commitOps(ops);
  if (list.length > 1) notify(`Accepted ${list.length} suggestions (${r.spanIds.length} spans). Ctrl+Z undoes it.`, 'info');
}

export function reject(list: readonly Suggestion[]): void {
  if (!state.visible) return;
  const { doc } = getState();
  if (!doc || !list.length) return;
  const keys = new Set(list.map((s) => s.key));
  const next = neighbourKey(keys);
  setSuggestState({ suggestions: state.suggestions.filter((s) => !keys.has(s.key)), currentKey: next });
  const before = doc.rejectedSuggestions ?? [];
  commitOps([{ op: 'meta', before: { rejectedSuggestions: before }, after: { rejectedSuggestions: [...new Set([...before, ...keys])] } }]);
}

export function acceptCurrent(): void {
  const s = current();
  if (s) accept([s]);
}

export function rejectCurrent(): void {
  const s = current();
  if (s) reject([s]);
}

/** Every suggestion with the current one's label (or the first suggestion's) in the document. */
/** Accept every suggestion of the current label (or the first one's), or only those at the given places in the list. */
export function acceptAllOfLabel(label?: string, only?: ReadonlySet<number>): void {
  const first = only ? state.suggestions.find((_, i) => only.has(i)) : state.suggestions[0];
  const l = label ?? current()?.label ?? first?.label;
  if (!l) return;
  const list = state.suggestions.filter((s, i) => s.label === l && (!only || only.has(i)));
  accept(list);
  // the next current suggestion keeps to the label, so the next screenful continues with it
  const after = list.at(-1)?.start ?? 0;
  const same = state.suggestions.filter((s) => s.label === l);
  const next = same.find((s) => s.start >= after) ?? same[0];
  if (next) setSuggestState({ currentKey: next.key });
}

export function rejectAll(): void {
  if (state.suggestions.length) {
    const n = state.suggestions.length;
    reject(state.suggestions);
    notify(`Rejected ${n} suggestions. Ctrl+Z brings them back.`, 'info');
  }
}

// ---------------------------------------------------------------- corpus settings

function metaChanged(meta: NonNullable<ReturnType<typeof getState>['corpus']>['meta']): void {
  const corpus = getState().corpus;
  if (corpus) setState({ corpus: { ...corpus, meta } });
  const doc = getState().doc;
  if (doc && state.context) {
    setSuggestState({ context: { ...state.context, settings: { ...state.context.settings, ...(meta.suggest ?? {}) } } });
    compute(doc);
  }
}

export async function importPatternsText(text: string, name: string): Promise<void> {
  try {
    const r = await call('suggest:importPatterns', { text, name });
    metaChanged(r.meta);
    notify(`${r.added} pattern${r.added === 1 ? '' : 's'} added from ${name} (${r.total} in the corpus).${r.errors.length ? ` Not added: ${r.errors.slice(0, 5).join('; ')}${r.errors.length > 5 ? ' …' : ''}` : ''}`, r.errors.length ? 'error' : 'info');
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
  }
}

export async function setLocalModel(settings: { enabled: boolean; url: string; model: string }): Promise<boolean> {
  try {
    const r = await call('suggest:setLocalModel', settings);
    metaChanged(r.meta);
    return true;
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
    return false;
  }
}

export async function askModel(): Promise<void> {
  const doc = getState().doc;
  if (!doc) return;
  setSuggestState({ modelBusy: true });
  try {
    const r = await call('suggest:runModel', { text: doc.text });
    setSuggestState({ modelHits: r.hits, modelText: doc.text, modelBusy: false });
    const now = getState().doc;
    if (now) compute(now);
    notify(`The local model suggested ${r.hits.length} span${r.hits.length === 1 ? '' : 's'}${r.dropped ? `; ${r.dropped} not found word for word in the text were dropped` : ''}.`, 'info');
  } catch (e) {
    setSuggestState({ modelBusy: false });
    notify(e instanceof Error ? e.message : String(e));
  }
}
