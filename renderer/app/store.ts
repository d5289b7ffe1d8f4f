import type { OpenCorpus, Settings } from '../../shared/ipc/contract';
import type { Document, DocumentSummary } from '../../shared/model/schema';
import { createStore } from './create-store';

/**
 * The renderer's single source of truth: the open corpus, the current
 * document, and UI state. Components read it with useAppState(selector);
 * the action slices (./slices) write it.
 */

export type SaveState = { state: 'saved' | 'saving' | 'error' | 'readonly'; at?: string; message?: string };
export type Mode = 'annotate' | 'edit';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** notices with the same key replace each other (one link hint at a time) */
  key?: string;
  /** the corpus that was open when it was raised */
  corpus?: string;
  at: string;
}

export interface AppState {
  booted: boolean;
  host: 'electron' | 'browser' | 'node' | null;
  settings: Settings | null;
  corpus: OpenCorpus | null;
  doc: Document | null;
  canUndo: boolean;
  canRedo: boolean;
  selectedSpanId: string | null;
  /** relation being drawn: its type and the span it starts from */
  linkFrom: { from: string; type: string } | null;
  /** files changed on disk behind our back; the user decides when to reload */
  externalChange: boolean;
  mode: Mode;
  /** what the centre pane shows */
  view: 'document' | 'figures' | 'dashboard' | 'search' | 'review';
  save: SaveState;
  /** shown as toasts: errors until dismissed, info for a few seconds */
  notices: Notice[];
  /** every error of this session, newest last, kept after its toast is dismissed */
  noticeLog: Notice[];
  noticeLogOpen: boolean;
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
  canUndo: false,
  canRedo: false,
  selectedSpanId: null,
  linkFrom: null,
  externalChange: false,
  mode: 'annotate',
  view: 'document',
  save: { state: 'saved' },
  notices: [],
  noticeLog: [],
  noticeLogOpen: false,
  filter: '',
  panel: 'spans',
  dialog: null,
  importProgress: null,
  pendingLabels: null,
};

const appStore = createStore<AppState>(initialState);

export const getState = appStore.get;
export const setState = appStore.set;
export const subscribeState = appStore.subscribe;
export const useAppState = appStore.use;

export function replaceSummary(corpus: OpenCorpus, summary: DocumentSummary): OpenCorpus {
  return { ...corpus, documents: corpus.documents.map((d) => (d.id === summary.id ? summary : d)) };
}
