import { paragraphAt, splitParagraphs, type Paragraph } from './segments';
import type { TextChange } from './controller';

/**
 * The paragraphs of a text after one edit, from the paragraphs before it:
 * those before the edit are kept as they are, those after it move, and only
 * the edit's neighbourhood is split again. Typing in a 1M-character text
 * then costs O(paragraphs) small objects instead of a regular-expression
 * pass over the whole new text. The neighbourhood is read from the old text
 * and the insert, never from the new text (a fresh concatenation that would
 * be copied whole on first read).
 */
export function editParagraphs(before: readonly Paragraph[], oldText: string, change: TextChange): Paragraph[] {
  const { start, end, insert } = change;
  const shift = insert.length - (end - start);
  // one paragraph more on each side: an edit next to a line separator can join it to its neighbour ("\r" + "\n")
  const first = Math.max(0, paragraphAt(before, start) - 1);
  const last = Math.min(before.length - 1, paragraphAt(before, end) + 1);
  const from = before[first]!.start;
  const to = before[last]!.end;
  const region = oldText.slice(from, start) + insert + oldText.slice(end, to);
  const middle = splitParagraphs(region);
  const out: Paragraph[] = before.slice(0, first);
  for (const p of middle) out.push({ index: out.length, start: p.start + from, end: p.end + from, sep: p.sep });
  out[out.length - 1]!.sep = before[last]!.sep;
  for (let k = last + 1; k < before.length; k++) {
    const p = before[k]!;
    out.push({ index: out.length, start: p.start + shift, end: p.end + shift, sep: p.sep });
  }
  return out;
}
