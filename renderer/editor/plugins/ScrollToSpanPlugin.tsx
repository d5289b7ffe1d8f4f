import { useEffect, type RefObject } from 'react';

/** Bring the selected span into view (after a click in the spans panel, Tab, or a search hit). */
export function ScrollToSpanPlugin({ rootRef, selectedSpanId }: { rootRef: RefObject<HTMLDivElement | null>; selectedSpanId: string | null }): null {
  useEffect(() => {
    if (!selectedSpanId) return;
    const frame = requestAnimationFrame(() => {
      const el = rootRef.current?.querySelector(`[data-span-ids~="${CSS.escape(selectedSpanId)}"]`);
      el?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
    return () => cancelAnimationFrame(frame);
  }, [rootRef, selectedSpanId]);
  return null;
}
