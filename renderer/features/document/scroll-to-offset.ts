import { REVEAL_OFFSET_COMMAND } from '../../editor/commands';
import type { DocumentController } from '../../editor/DocumentView';

/** how many frames to wait for the windowed view to render the part asked for */
const MAX_FRAMES = 30;

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
 * the reading place restored at start): the view is asked to render the
 * part holding it, and once a run holding it is in the DOM — a frame or a
 * few later — that run is scrolled to `block`. Returns a cancel.
 */
export function scrollToOffset(c: DocumentController, offset: number, block: ScrollLogicalPosition): () => void {
  c.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, offset);
  let frames = 0;
  let raf = 0;
  const settle = (): void => {
    const run = c.frame ? runHolding(c.frame, offset) : null;
    if (run) run.scrollIntoView({ block });
    else if (++frames < MAX_FRAMES) raf = requestAnimationFrame(settle);
  };
  raf = requestAnimationFrame(settle);
  return () => cancelAnimationFrame(raf);
}
