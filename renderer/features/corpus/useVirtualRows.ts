import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Fixed-height row windowing: a 10,000-document list renders only what is on screen. */
export function useVirtualRows(count: number, rowHeight: number, overscan = 8) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  const measure = useCallback(() => {
    const el = containerRef.current;
    if (el) setView({ top: el.scrollTop, height: el.clientHeight || 800 });
  }, []);
  useLayoutEffect(() => {
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [measure]);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  return { containerRef, onScroll: measure, first, last, padTop: first * rowHeight, padBottom: Math.max(0, (count - last) * rowHeight) };
}
