import { nextWordStart, prevWordEnd, prevWordStart, trimWhitespace, wordEndAfter } from './snap';

/** Which edge of a span moves, and which way in reading order. */
export type EdgeMove = 'end-later' | 'end-earlier' | 'start-earlier' | 'start-later';

/**
 * The bounds of [start, end) (UTF-16) after moving one edge by a word, as
 * Shift+Alt+arrows adjust the selected span without deleting it. Null when
 * the move would empty the span or has nowhere to go.
 */
export function moveSpanEdge(text: string, start: number, end: number, move: EdgeMove): { start: number; end: number } | null {
  let s = start;
  let e = end;
  if (move === 'end-later') e = wordEndAfter(text, end);
  else if (move === 'end-earlier') e = prevWordEnd(text, end);
  else if (move === 'start-earlier') s = prevWordStart(text, start);
  else s = nextWordStart(text, start);
  if (s >= e || (s === start && e === end)) return null;
  return { start: s, end: e };
}

/**
 * The bounds of [start, end) (UTF-16) with one edge dragged to the caret
 * offset `to` (a grip dragged with the mouse). The edge takes the whole word
 * under the pointer, with the words Shift+Alt+arrows step by: the end goes
 * to the end of the word at or before `to`, the start to the start of the
 * word at or after it. `exact` (Alt held, or snapping off) keeps the
 * character, trimming only spaces. Null when the span would be empty or
 * inverted, or would not change.
 */
export function dragSpanEdge(text: string, start: number, end: number, edge: 'start' | 'end', to: number, exact = false): { start: number; end: number } | null {
  const at = Math.max(0, Math.min(to, text.length));
  let s = start;
  let e = end;
  if (edge === 'end') {
    if (at <= start) return null;
    e = exact ? (trimWhitespace(text, start, at)?.end ?? start) : wordEndAfter(text, prevWordStart(text, at));
  } else {
    if (at >= end) return null;
    s = exact ? (trimWhitespace(text, at, end)?.start ?? end) : prevWordStart(text, wordEndAfter(text, at));
  }
  if (s >= e || (s === start && e === end)) return null;
  return { start: s, end: e };
}
