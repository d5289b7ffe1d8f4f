import { baseTitle, newDocument, result } from './common';
import type { Codec, ImportResult, TextFile } from './types';

/**
 * Plain text and Markdown become one unannotated document each, text kept
 * byte for byte (Markdown is not rendered: its markup is part of what
 * annotators see and what offsets count). Markdown takes its title from
 * the first `# heading`; both fall back to the first non-empty line, then
 * the file name.
 */

const TITLE_MAX = 120;

/**
 * A title from the text's first non-empty line (an article's headline),
 * trimmed and cut at a word near TITLE_MAX characters; the file name only
 * when the text has no such line.
 */
export function titleFromText(text: string, fileName: string): string {
  const line = text.split(/\r\n|\r|\n/).map((l) => l.replace(/^\uFEFF/, '').trim()).find((l) => l !== '');
  if (!line) return baseTitle(fileName);
  const chars = [...line];
  if (chars.length <= TITLE_MAX) return line;
  const cut = chars.slice(0, TITLE_MAX).join('');
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `${atWord.length >= TITLE_MAX / 2 ? atWord : cut}…`;
}

export function importText(files: TextFile[]): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  return result([newDocument({ title: titleFromText(file.text, file.name), text: file.text, fileName: file.name, format: 'txt' })], []);
}

export function importMarkdown(files: TextFile[]): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(file.text);
  const title = heading?.[1] ?? titleFromText(file.text.replace(/^\s*#+\s*/, ''), file.name);
  return result([newDocument({ title, text: file.text, fileName: file.name, format: 'md' })], []);
}

export const txtCodec: Codec = { id: 'txt', extension: '.txt', import: importText };
export const mdCodec: Codec = { id: 'md', extension: '.md', import: importMarkdown };
