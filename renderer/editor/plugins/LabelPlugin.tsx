import { useEffect, useRef, type RefObject } from 'react';
import { snapToWords, trimWhitespace } from '../../../shared/text/snap';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { labelRange, offsetIndexFor } from '../../app/actions';
import { selectionOffsets } from '../dom-offsets';
import { labelForKey } from '../../features/label-keys';

interface Props {
  rootRef: RefObject<HTMLDivElement | null>;
  doc: Document;
  schema: AnnotationSchema;
  snapToWords: boolean;
}

/** The pending selection to label: set on mouse-up, so Alt at release time means "exact characters". */
export const pendingSelection: { current: { start: number; end: number } | null } = { current: null };

/**
 * Select text, then press a label key (1–9 by default) or click a label
 * button. The selection snaps to whole words unless Alt was held while
 * selecting or snapping is off in settings.
 */
export function LabelPlugin({ rootRef, doc, schema, snapToWords: snap }: Props): null {
  const altHeld = useRef(false);
  const docRef = useRef(doc);
  docRef.current = doc;

  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const capture = (): void => {
      const sel = selectionOffsets(root);
      if (!sel || sel.collapsed) {
        pendingSelection.current = null;
        return;
      }
      const text = docRef.current.text;
      const range = snap && !altHeld.current ? snapToWords(text, sel.start, sel.end) : trimWhitespace(text, sel.start, sel.end);
      pendingSelection.current = range;
    };
    const onDown = (e: MouseEvent): void => {
      altHeld.current = e.altKey;
    };
    const onUp = (e: MouseEvent): void => {
      altHeld.current = altHeld.current || e.altKey;
      capture();
    };
    const onSelectionChange = (): void => {
      // keyboard selections (Shift+arrows) are captured too; mouse ones on mouse-up
      if (document.activeElement && root.contains(document.activeElement)) capture();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && target.closest('input, textarea, select, [data-no-hotkeys]')) return;
      const label = labelForKey(schema, e.key);
      if (!label) return;
      capture();
      const range = pendingSelection.current;
      if (!range) return;
      e.preventDefault();
      applyLabel(label, range, docRef.current);
      window.getSelection()?.removeAllRanges();
      pendingSelection.current = null;
    };
    root.addEventListener('mousedown', onDown);
    root.addEventListener('mouseup', onUp);
    document.addEventListener('selectionchange', onSelectionChange);
    window.addEventListener('keydown', onKey);
    return () => {
      root.removeEventListener('mousedown', onDown);
      root.removeEventListener('mouseup', onUp);
      document.removeEventListener('selectionchange', onSelectionChange);
      window.removeEventListener('keydown', onKey);
    };
  }, [rootRef, schema, snap]);

  return null;
}

export function applyLabel(label: string, range: { start: number; end: number }, doc: Document): void {
  const index = offsetIndexFor(doc.text);
  labelRange(label, index.toCodePoint(range.start), index.toCodePoint(range.end, 'end'));
}
