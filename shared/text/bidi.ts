/**
 * Paragraph direction as the browser resolves it for dir="auto": the first
 * strong character decides (Unicode bidi rules P2–P3). Arrow keys mean
 * "visually left/right", so in a right-to-left paragraph → moves towards the
 * paragraph's logical start.
 */

const RTL_STRONG = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}]/u;
const STRONG = /\p{L}/u;

export type Direction = 'ltr' | 'rtl';

/** The direction of the paragraph (text between line breaks) that holds `offset` (UTF-16). */
export function paragraphDirection(text: string, offset: number): Direction {
  const at = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  for (const ch of text.slice(start, end)) {
    if (RTL_STRONG.test(ch)) return 'rtl';
    if (STRONG.test(ch)) return 'ltr';
  }
  return 'ltr';
}

const MIRRORED: Record<string, string> = {
  'caret-word-next': 'caret-word-previous',
  'caret-word-previous': 'caret-word-next',
  'select-word-grow': 'select-word-shrink',
  'select-word-shrink': 'select-word-grow',
  'select-char-grow': 'select-char-shrink',
  'select-char-shrink': 'select-char-grow',
  'span-end-later': 'span-end-earlier',
  'span-end-earlier': 'span-end-later',
};

/** The logical command for a left/right caret command, as the user sees the paragraph. */
export function visualCaretCommand(command: string, direction: Direction): string {
  return direction === 'rtl' ? (MIRRORED[command] ?? command) : command;
}
