import { call } from '../../api';
import { getState, setState } from '../../app/store';
import type { DocumentController } from '../../editor/DocumentView';
import { topRunOffset } from '../../editor/dom-offsets';
import { scrollToOffset } from './scroll-to-offset';

/**
 * Where reading stopped: the open document and the text at the top of the
 * screen, kept in the user's settings, so the next start reopens the same
 * document at the same place (boot picks the document; this module scrolls).
 */

/** Reads the place saved by the last session; dropped once the first document view has used it. */
let pending: (() => { documentId: string; offset: number } | null) | null = getPendingFromSettings;

function getPendingFromSettings(): { documentId: string; offset: number } | null {
  const s = getState();
  const place = s.settings?.lastPlace;
  return place && s.corpus && place.corpus === s.corpus.path ? { documentId: place.documentId, offset: place.offset } : null;
}

function save(documentId: string, offset: number): void {
  const s = getState();
  if (!s.corpus || !s.settings) return;
  const place = { corpus: s.corpus.path, documentId, offset };
  const old = s.settings.lastPlace;
  if (old && old.corpus === place.corpus && old.documentId === documentId && old.offset === offset) return;
  setState({ settings: { ...s.settings, lastPlace: place } });
  // a lost place is not worth a notice: the next scroll or document tries again
  void call('settings:set', { lastPlace: place }).catch(() => undefined);
}

/** The code point offset of the first run at the top of the view. */
function topOffset(c: DocumentController): number {
  const at = topRunOffset(c.frame!);
  return at === null ? 0 : c.offsetIndex().toCodePoint(at);
}

/** For the view of `documentId`: restore the saved place once, then keep saving it as the user scrolls. Returns the cleanup. */
export function followPlace(c: DocumentController, documentId: string): () => void {
  const restoring = pending?.();
  pending = null;
  let stopRestoring = (): void => undefined;
  if (restoring && restoring.documentId === documentId && restoring.offset > 0) {
    stopRestoring = scrollToOffset(c, c.offsetIndex().toUtf16(restoring.offset), 'start');
  } else {
    save(documentId, 0);
  }
  let timer = 0;
  const onScroll = (): void => {
    clearTimeout(timer);
    timer = window.setTimeout(() => c.frame?.isConnected && save(documentId, topOffset(c)), 600);
  };
  c.frame?.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    stopRestoring();
    clearTimeout(timer);
    c.frame?.removeEventListener('scroll', onScroll);
  };
}
