import { nextWordStart, prevWordEnd, prevWordStart, wordEndAfter } from './snap';

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
