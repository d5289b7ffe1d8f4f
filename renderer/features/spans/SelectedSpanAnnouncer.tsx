import { useAppState } from '../../app/store';

/**
 * What a screen reader says when a span becomes the selected one (a click, `.`/`,`, the spans list):
 * its label(s) and its text. The highlight itself is plain text in the document, so this live region
 * speaks for it.
 */
export function SelectedSpanAnnouncer() {
  const text = useAppState((s) => {
    const span = s.selectedSpanId ? s.doc?.spans.find((x) => x.id === s.selectedSpanId) : undefined;
    if (!span || !s.doc) return '';
    const labels = s.doc.spans.filter((x) => x.start <= span.start && x.end >= span.end && x.id !== span.id).map((x) => x.label);
    return `${span.label}${labels.length ? ` inside ${labels.join(', ')}` : ''}: “${span.text}”${span.note ? `, note: ${span.note}` : ''}`;
  });
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="span-announcer" dir="auto">
      {text}
    </div>
  );
}
