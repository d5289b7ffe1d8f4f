import { describe, expect, it } from 'vitest';
import { importMarkdown, importText, titleFromText } from './plaintext';

const txt = (name: string, text: string) => importText([{ name, text }]).documents[0]!;

describe('titles of imported text', () => {
  it('takes the first non-empty line of a .txt, trimmed, not the file name', () => {
    const doc = txt('asharq.txt', '\n\n   Strike hits training ground near Korvany  \r\nThe Defence Ministry said…');
    expect(doc.title).toBe('Strike hits training ground near Korvany');
    expect(doc.text).toBe('\n\n   Strike hits training ground near Korvany  \r\nThe Defence Ministry said…');
  });

  it('caps a long first line at a word, and falls back to the file name for blank text', () => {
    const long = `${'word '.repeat(60)}end`;
    const title = titleFromText(long, 'x.txt');
    expect([...title].length).toBeLessThanOrEqual(121);
    expect(title.endsWith('word…')).toBe(true);
    expect(titleFromText('\uFEFF  \n\t\n', 'report-2026.txt')).toBe('report-2026');
  });

  it('Markdown: the first heading, else the first line without its markup', () => {
    expect(importMarkdown([{ name: 'a.md', text: 'Intro line\n\n# The headline\n' }]).documents[0]!.title).toBe('The headline');
    expect(importMarkdown([{ name: 'b.md', text: '\n**Bold lead** paragraph\n' }]).documents[0]!.title).toBe('**Bold lead** paragraph');
  });
});
