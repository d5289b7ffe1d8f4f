import { baseTitle, newDocument, result } from './common';
import type { Codec, ImportResult, TextFile } from './types';

/**
 * Plain text and Markdown become one unannotated document each, text kept
 * byte for byte (Markdown is not rendered: its markup is part of what
 * annotators see and what offsets count). Markdown takes its title from
 * the first `# heading`.
 */

export function importText(files: TextFile[]): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  return result([newDocument({ title: baseTitle(file.name), text: file.text, fileName: file.name, format: 'txt' })], []);
}

export function importMarkdown(files: TextFile[]): ImportResult {
  const file = files[0];
  if (!file) return result([], []);
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(file.text);
  const title = heading?.[1] ?? baseTitle(file.name);
  return result([newDocument({ title, text: file.text, fileName: file.name, format: 'md' })], []);
}

export const txtCodec: Codec = { id: 'txt', extension: '.txt', import: importText };
export const mdCodec: Codec = { id: 'md', extension: '.md', import: importMarkdown };
