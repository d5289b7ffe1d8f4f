import { useMemo } from 'react';
import { useAppState } from '../../app/store';

/**
 * What a screen reader says when a span becomes the selected one (a click, `.`/`,`, the spans list):
 * its label(s) and its text. The highlight itself is plain text in the document, so this live region
 * speaks for it.
 */
export function SelectedSpanAnnouncer() {
  // read apart and combined once per change of either: a selector scanning 20,000 spans ran on every change of any state
  const spans = useAppState((s) => s.doc?.spans);
  const selected = useAppState((s) => s.selectedSpanId);
  const text = useMemo(() => {
    const span = selected ? spans?.find((x) => x.id === selected) : undefined;
    if (!span || !spans) return '';
    const labels = spans.filter((x) => x.start <= span.start && x.end >= span.end && x.id !== span.id).map((x) => x.label);
    return `${span.label}${labels.length ? ` inside ${labels.join(', ')}` : ''}: “${span.text}”${span.note ? `, note: ${span.note}` : ''}`;
  }, [spans, selected]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="span-announcer" dir="auto">
      {text}
    </div>
  );
}
