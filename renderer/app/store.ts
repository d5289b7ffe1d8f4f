import { useSyncExternalStore } from 'react';
import type { OpenCorpus, Settings } from '../../shared/ipc/contract';
import type { Document, DocumentSummary } from '../../shared/model/schema';

/**
 * The renderer's single source of truth: the open corpus, the current
 * document with its undo history, and UI state. Components read it with
 * useAppState(selector); only actions.ts writes it.
 */

export type SaveState = { state: 'saved' | 'saving' | 'error' | 'readonly'; at?: string; message?: string };
export type Mode = 'annotate' | 'edit';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export interface AppState {
  booted: boolean;
  host: 'electron' | 'browser' | 'node' | null;
  settings: Settings | null;
  corpus: OpenCorpus | null;
  doc: Document | null;
  past: Document[];
  future: Document[];
  selectedSpanId: string | null;
  /** relation being drawn: its type and the span it starts from */
  linkFrom: { from: string; type: string } | null;
  /** files changed on disk behind our back; the user decides when to reload */
  externalChange: boolean;
  mode: Mode;
  /** what the centre pane shows */
  view: 'document' | 'figures' | 'dashboard' | 'search' | 'review';
  save: SaveState;
  notices: Notice[];
  filter: string;
  panel: 'spans' | 'details' | 'who' | 'guidelines';
  dialog: null | 'paste' | 'export' | 'shortcuts' | 'schema' | 'confirm-labels';
  importProgress: { done: number; total: number; file: string } | null;
  pendingLabels: { labels: string[]; retry: () => Promise<void> } | null;
}

export const initialState: AppState = {
  booted: false,
  host: null,
  settings: null,
  corpus: null,
  doc: null,
  past: [],
  future: [],
  selectedSpanId: null,
  linkFrom: null,
  externalChange: false,
  mode: 'annotate',
  view: 'document',
  save: { state: 'saved' },
  notices: [],
  filter: '',
  panel: 'spans',
  dialog: null,
  importProgress: null,
  pendingLabels: null,
};

let state: AppState = initialState;
const listeners = new Set<() => void>();

export function getState(): AppState {
  return state;
}

export function setState(patch: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
  const p = typeof patch === 'function' ? patch(state) : patch;
  state = { ...state, ...p };
  for (const l of listeners) l();
}

export function subscribeState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppState<T>(selector: (s: AppState) => T): T {
  return useSyncExternalStore(subscribeState, () => selector(state));
}

export function replaceSummary(corpus: OpenCorpus, summary: DocumentSummary): OpenCorpus {
  return { ...corpus, documents: corpus.documents.map((d) => (d.id === summary.id ? summary : d)) };
}
