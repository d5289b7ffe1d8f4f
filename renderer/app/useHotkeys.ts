import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { BINDINGS, command, matchesKey, type Binding, type Scope, type When } from '../../shared/keymap';
import { labelForKey } from '../../shared/model/label-keys';
import { call } from '../api';
import { REVIEW_COMMANDS } from '../features/review/review-commands';
import { runReadingCommand } from '../features/reading/reading-commands';
import { showPanel } from '../features/panel-layout';
import { attempt, deleteSpan, importFiles, link, moveSpanBounds, openCorpus, openDocument, redo, relabel, startLink, undo } from './actions';
import { getState, setState, type AppState } from './store';

/**
 * The one keyboard dispatcher. Which key runs which command, in which
 * scope, is data (shared/keymap.ts); this file says what the app's commands
 * do and which scopes are live. A scope is live when its view is on screen:
 * Document keys never reach a document hidden behind the Dashboard, and
 * Review keys act only in Review. The document view's own keys (caret,
 * labelling a selection, stepping through spans) arrive through its editor
 * while it has focus and are marked handled before they get here.
 */

/** Form fields keep their own keys; the document (even while editing its text) uses the model's undo. */
function inFormField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && t.closest('input, textarea, select, [data-no-hotkeys]') !== null;
}

function typingText(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t?.isContentEditable && getState().mode === 'edit';
}

export function liveScopes(s: Pick<AppState, 'dialog' | 'view'>): Scope[] {
  if (s.dialog) return ['dialog'];
  if (s.view === 'document') return ['document', 'global'];
  if (s.view === 'review') return ['review', 'global'];
  return ['global'];
}

let relabelArmed = false;

const WHEN: Record<When, (s: AppState) => boolean> = {
  spanSelected: (s) => !!s.selectedSpanId,
  linking: (s) => !!s.linkFrom && !!s.selectedSpanId && s.selectedSpanId !== s.linkFrom.from,
  relabelArmed: (s) => relabelArmed && !!s.selectedSpanId,
  textSelected: () => false, // the document view's own binding: it never reaches the app
  focusInReview: () => {
    const at = document.activeElement;
    return !at || at === document.body || !!at.closest('[data-testid="review-view"]');
  },
};

/** Open the next document that is not done, after the current one. */
function nextUndone(): void {
  const { corpus, doc } = getState();
  if (!corpus) return;
  const docs = corpus.documents;
  const start = docs.findIndex((d) => d.id === doc?.id);
  for (let k = 1; k <= docs.length; k++) {
    const d = docs[(start + k) % docs.length]!;
    if (d.status !== 'done' && d.status !== 'reviewed') return void openDocument(d.id);
  }
}

/** What each app command does; `e` is the key event, for commands whose key carries data (a label key). */
const APP_COMMANDS: Record<string, (e: KeyboardEvent, s: AppState) => void> = {
  'relabel-arm': () => void (relabelArmed = true),
  'relabel-apply': (e, s) => {
    const label = s.corpus && labelForKey(s.corpus.meta.schema, e.key);
    if (label && s.selectedSpanId) relabel(s.selectedSpanId, label);
  },
  'delete-span': (_e, s) => s.selectedSpanId && deleteSpan(s.selectedSpanId),
  'span-end-later': (_e, s) => s.selectedSpanId && moveSpanBounds(s.selectedSpanId, 'span-end-later'),
  'span-end-earlier': (_e, s) => s.selectedSpanId && moveSpanBounds(s.selectedSpanId, 'span-end-earlier'),
  'span-start-earlier': (_e, s) => s.selectedSpanId && moveSpanBounds(s.selectedSpanId, 'span-start-earlier'),
  'span-start-later': (_e, s) => s.selectedSpanId && moveSpanBounds(s.selectedSpanId, 'span-start-later'),
  note: () => {
    // rendered and focused now, so the keys typed next land in the note, not on the document
    flushSync(() => showPanel('details'));
    document.querySelector<HTMLTextAreaElement>('[data-testid="details-note"]')?.focus();
  },
  'start-link': (e, s) => {
    const rt = s.corpus?.meta.schema.relationTypes.find((t) => t.key === e.key);
    if (rt) startLink(rt.name);
  },
  'finish-link': (_e, s) => {
    if (!s.linkFrom || !s.selectedSpanId) return;
    link(s.linkFrom.type, s.linkFrom.from, s.selectedSpanId);
    setState({ selectedSpanId: s.linkFrom.from, linkFrom: null });
  },
  cancel: () => setState({ selectedSpanId: null, linkFrom: null }),
  undo: () => undo(),
  redo: () => redo(),
  'toggle-edit': (_e, s) => s.doc && setState({ mode: s.mode === 'edit' ? 'annotate' : 'edit', selectedSpanId: null }),
  'next-undone': () => nextUndone(),
  'panel-details': () => showPanel('details'),
  'panel-who': () => showPanel('who'),
  'panel-guidelines': (_e, s) => showPanel(s.panel === 'guidelines' ? 'spans' : 'guidelines'),
  import: () => void importFiles(null),
  'open-corpus': () => void attempt(async () => openCorpus(await call('corpus:openDialog', {}))),
  'paste-document': () => setState({ dialog: 'paste' }),
  export: () => setState({ dialog: 'export' }),
  shortcuts: () => setState({ dialog: 'shortcuts' }),
  'close-dialog': () => setState({ dialog: null }),
  find: () => runReadingCommand.find(),
  'zoom-in': () => runReadingCommand['zoom-in'](),
  'zoom-out': () => runReadingCommand['zoom-out'](),
  'zoom-reset': () => runReadingCommand['zoom-reset'](),
};

function run(b: Binding, e: KeyboardEvent, s: AppState): void {
  const owner = command(b.command).owner;
  if (owner === 'review') REVIEW_COMMANDS[b.command]?.();
  else APP_COMMANDS[b.command]?.(e, s);
}

/** The binding a key event runs now, if any: live scope, its condition holds, highest precedence first. */
export function bindingFor(e: KeyboardEvent, s: AppState): Binding | null {
  const scopes = liveScopes(s);
  const schema = s.corpus?.meta.schema;
  const placeholder = (b: Binding) => (key: string) =>
    b.key === '<label>' ? !!schema && !!labelForKey(schema, key) : !!schema?.relationTypes.some((t) => t.key === key);
  const field = inFormField(e);
  const typing = typingText(e);
  const candidates = BINDINGS.filter((b) => {
    if (!scopes.includes(b.scope) || command(b.command).owner === 'editor') return false;
    if (field && !b.inFields) return false;
    const chord = /^(Ctrl|Alt)\+/.test(b.key);
    // while the text is being edited, plain keys type; in edit mode the span keys rest
    if (typing && !chord && !b.inFields) return false;
    if (b.scope === 'document' && s.mode === 'edit' && !chord && b.command !== 'cancel') return false;
    return matchesKey(b.key, e, placeholder(b));
  }).sort((a, b) => (b.precedence ?? 0) - (a.precedence ?? 0));
  return candidates.find((b) => !b.when || WHEN[b.when](s)) ?? null;
}

export function useHotkeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented) return; // the document view (or a field) already took it
      const s = getState();
      const armed = relabelArmed;
      const b = bindingFor(e, s);
      relabelArmed = false;
      // after `r`, the next key either relabels or is dropped, so a stray digit never labels text
      if (armed && b?.command !== 'relabel-apply' && /^\w$/.test(e.key) && !e.ctrlKey && !e.metaKey) return;
      if (!b) return;
      e.preventDefault();
      run(b, e, s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
