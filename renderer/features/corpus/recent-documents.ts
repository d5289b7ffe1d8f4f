import { useEffect } from 'react';
import type { Settings } from '../../../shared/ipc/contract';
import { call } from '../../api';
import { getState, setState, useAppState } from '../../app/store';

/** How many documents a corpus's Recent list keeps. */
export const RECENT_DOCUMENTS = 8;

/** The list after opening `id`: it moves to the front; ids no longer in the corpus drop out. */
export function withOpened(list: readonly string[], id: string, exists: (id: string) => boolean, max = RECENT_DOCUMENTS): string[] {
  return [id, ...list.filter((x) => x !== id && exists(x))].slice(0, max);
}

/** The recent documents of the corpus at `corpusPath` that it still holds, most recent first. */
export function recentIn(settings: Settings | null | undefined, corpusPath: string, exists: (id: string) => boolean): string[] {
  return (settings?.recentDocuments[corpusPath] ?? []).filter(exists);
}

/**
 * Every document that comes on screen (a click, a search hit, the start)
 * goes to the front of its corpus's Recent list, kept in the user's
 * settings so it outlives a restart.
 */
export function useRememberOpened(): void {
  const docId = useAppState((s) => s.doc?.id);
  useEffect(() => {
    const { corpus, settings } = getState();
    if (!docId || !corpus || !settings) return;
    const ids = new Set(corpus.documents.map((d) => d.id));
    const before = settings.recentDocuments[corpus.path] ?? [];
    const list = withOpened(before, docId, (x) => ids.has(x));
    if (list.length === before.length && list.every((x, i) => x === before[i])) return;
    const recentDocuments = { ...settings.recentDocuments, [corpus.path]: list };
    setState({ settings: { ...settings, recentDocuments } });
    // a lost entry is not worth a notice: the next document opened writes the list again
    void call('settings:set', { recentDocuments }).catch(() => undefined);
  }, [docId]);
}
