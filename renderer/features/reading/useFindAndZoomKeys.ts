import { useEffect } from 'react';
import { BINDINGS, matchesKey } from '../../../shared/keymap';
import { getState, setState, useAppState } from '../../app/store';
import { openFind } from '../find/find-store';
import { readingCss, zoom } from './reading';

const RUN: Record<string, () => void> = {
  find: () => {
    // find searches the open document: bring its view forward first
    if (!getState().doc) return;
    setState({ view: 'document' });
    openFind();
  },
  'zoom-in': () => void zoom(1),
  'zoom-out': () => void zoom(-1),
  'zoom-reset': () => void zoom(0),
};
const OURS = BINDINGS.filter((b) => b.command in RUN);

/** Find and zoom keys, from the keymap table; they act in every view and in form fields too. */
export function useFindAndZoomKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const b = OURS.find((x) => matchesKey(x.key, e));
      if (!b || getState().dialog) return;
      e.preventDefault();
      RUN[b.command]!();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The document text's size, spacing and width follow the user's reading settings. */
export function useReadingStyle(): void {
  const r = useAppState((s) => s.settings?.reading);
  useEffect(() => {
    if (!r) return;
    for (const [k, v] of Object.entries(readingCss(r))) document.documentElement.style.setProperty(k, v);
  }, [r]);
}

export const runReadingCommand = RUN;
