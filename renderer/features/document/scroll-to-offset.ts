import { REVEAL_OFFSET_COMMAND } from '../../editor/commands';
import type { DocumentController } from '../../editor/DocumentView';

/** The rendered run holding UTF-16 `offset` (the later one at a boundary), if that part of the text is in the DOM. */
function runHolding(frame: HTMLElement, offset: number): HTMLElement | null {
  let found: HTMLElement | null = null;
  for (const run of frame.querySelectorAll<HTMLElement>('[data-offset]')) {
    const from = Number(run.dataset.offset);
    if (from > offset) break;
    if (offset <= from + (run.textContent?.length ?? 0)) found = run;
  }
  return found;
}

/**
 * Scroll a windowed document view to a UTF-16 offset (the span map's jump,
 * the reading place restored at start): once the view has rendered the part
 * holding it and settled there, that run is scrolled to `block`. Returns a
 * cancel (the user scrolled first).
 */
export function scrollToOffset(c: DocumentController, offset: number, block: ScrollLogicalPosition): () => void {
  let live = true;
  c.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, {
    offset,
    then: (root) => {
      if (live) runHolding(root, offset)?.scrollIntoView({ block });
    },
  });
  return () => {
    live = false;
  };
}
