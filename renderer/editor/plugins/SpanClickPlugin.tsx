import { useEffect, useRef, type RefObject } from 'react';
import { selectSpan } from '../../app/actions';
import { getState } from '../../app/store';

/**
 * A click on a highlight selects its innermost span; clicking the same spot
 * again cycles through the spans stacked there.
 */
export function SpanClickPlugin({ rootRef }: { rootRef: RefObject<HTMLDivElement | null> }): null {
  // keyed by the stack of ids, not the element: selecting re-renders the run into a new element
  const last = useRef<{ key: string; i: number }>({ key: '', i: 0 });
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onClick = (e: MouseEvent): void => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) return; // a drag is a selection, not a click
      const el = (e.target as HTMLElement).closest<HTMLElement>('[data-span-ids]');
      if (!el) {
        if (getState().selectedSpanId) selectSpan(null);
        return;
      }
      const ids = (el.dataset.spanIds ?? '').split(' ').filter(Boolean).reverse(); // innermost first
      const key = el.dataset.spanIds ?? '';
      const i = last.current.key === key ? (last.current.i + 1) % ids.length : 0;
      last.current = { key, i };
      selectSpan(ids[i] ?? null);
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [rootRef]);
  return null;
}
