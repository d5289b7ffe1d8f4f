import { useEffect } from 'react';
import { getState, setState, useAppState } from '../../app/store';
import { openFind } from '../find/find-store';
import { readingCss, zoom } from './reading';

/** What the find and zoom commands do; their keys come through the one dispatcher (app/useHotkeys.ts), the menu through menu-commands.ts. */
export const runReadingCommand = {
  find: () => {
    // find searches the open document: bring its view forward first
    if (!getState().doc) return;
    setState({ view: 'document' });
    openFind();
  },
  'zoom-in': () => void zoom(1),
  'zoom-out': () => void zoom(-1),
  'zoom-reset': () => void zoom(0),
} satisfies Record<string, () => void>;

/** The document text's size, spacing and width follow the user's reading settings. */
export function useReadingStyle(): void {
  const r = useAppState((s) => s.settings?.reading);
  useEffect(() => {
    if (!r) return;
    for (const [k, v] of Object.entries(readingCss(r))) document.documentElement.style.setProperty(k, v);
  }, [r]);
}
