import { createCommand } from 'lexical';

/**
 * The document view's commands. Plugins speak through these, never through
 * each other's modules; each is handled at an explicit priority, so an
 * embedding (or a later plugin) can intercept one by registering higher.
 * Offsets in payloads are UTF-16, as in the DOM; the bridge to the
 * view's callbacks converts them to code points.
 */

/** Label UTF-16 [start, end) of the text. */
export const LABEL_RANGE_COMMAND = createCommand<{ label: string; start: number; end: number }>('spanmark/label-range');

/** Select a span (null clears the selection); clicks, span stepping and the embedding dispatch it. */
export const SELECT_SPAN_COMMAND = createCommand<string | null>('spanmark/select-span');

/** Step to the next (1) or previous (-1) span in reading order. */
export const STEP_SPAN_COMMAND = createCommand<1 | -1>('spanmark/step-span');

/** A relation drag started on a stack of spans (innermost first): the view shows it is linking. */
export const START_LINK_COMMAND = createCommand<{ from: readonly string[] }>('spanmark/start-link');

/** Link two spans with a relation of `type` (Ctrl+drag). */
export const LINK_SPANS_COMMAND = createCommand<{ type: string; from: string; to: string }>('spanmark/link-spans');

/**
 * Bring the paragraph holding a UTF-16 offset into the rendered window.
 * `then` runs once the window has settled holding it: the next frame when
 * it is rendered already, a few frames later when it had to be (heights
 * measured as it renders move the window), so whoever places a caret or
 * scrolls there never acts on a window still on its way. A newer reveal
 * drops an older one's `then`.
 */
export const REVEAL_OFFSET_COMMAND = createCommand<{ offset: number; then?: (root: HTMLElement) => void }>('spanmark/reveal-offset');

/** Give a span new UTF-16 bounds (its ends dragged with the mouse), keeping the span. */
export const ADJUST_SPAN_COMMAND = createCommand<{ id: string; start: number; end: number }>('spanmark/adjust-span');
