import { offsetIndexFor } from '../../app/actions';
import { getState } from '../../app/store';
import { selectOffsets } from '../../editor/dom-offsets';

/** Put the text selection on a search hit (code points) once the document has rendered. */
export function labelRangeSelection(start: number, end: number): void {
  const doc = getState().doc;
  if (!doc) return;
  const index = offsetIndexFor(doc.text);
  requestAnimationFrame(() => {
    const root = document.querySelector<HTMLElement>('[data-testid="document-view"]');
    if (!root) return;
    selectOffsets(root, index.toUtf16(start), index.toUtf16(end));
    window.getSelection()?.focusNode?.parentElement?.scrollIntoView({ block: 'center' });
  });
}
