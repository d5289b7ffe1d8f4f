import { describe, expect, it } from 'vitest';
import { moveSpanEdge, type EdgeMove } from './span-bounds';

const TEXT = 'Governor Marta Volkova told reporters that 80 people were killed.';

/** The span's text after a move, from the span's text before it. */
function moved(text: string, span: string, move: EdgeMove): string | null {
  const start = text.indexOf(span);
  const r = moveSpanEdge(text, start, start + span.length, move);
  return r && text.slice(r.start, r.end);
}

describe('moveSpanEdge', () => {
  it('moves either edge by one word, either way', () => {
    expect(moved(TEXT, 'Marta Volkova', 'end-later')).toBe('Marta Volkova told');
    expect(moved(TEXT, 'Marta Volkova', 'end-earlier')).toBe('Marta');
    expect(moved(TEXT, 'Marta Volkova', 'start-earlier')).toBe('Governor Marta Volkova');
    expect(moved(TEXT, 'Marta Volkova', 'start-later')).toBe('Volkova');
  });

  it('finishes a word cut short before taking the next one', () => {
    expect(moved(TEXT, 'Marta Volk', 'end-later')).toBe('Marta Volkova');
    expect(moved(TEXT, 'rta Volkova', 'start-earlier')).toBe('Marta Volkova');
  });

  it('never empties a span, and says so when an edge has nowhere to go', () => {
    expect(moved(TEXT, 'Marta', 'end-earlier')).toBeNull();
    expect(moved(TEXT, 'Marta', 'start-later')).toBeNull();
    expect(moved(TEXT, 'Governor', 'start-earlier')).toBeNull();
    expect(moved(TEXT, 'killed.', 'end-later')).toBeNull();
  });

  it('keeps numbers whole and works in Arabic', () => {
    const ar = 'أسفرت عن مقتل 62 جنديا وإصابة 100 آخرين';
    expect(moved(ar, '62', 'end-later')).toBe('62 جنديا');
    expect(moved(ar, '100 آخرين', 'end-earlier')).toBe('100');
    expect(moved(ar, '100', 'start-earlier')).toBe('وإصابة 100');
    expect(moved('about 1,200 people', 'people', 'start-earlier')).toBe('1,200 people');
  });
});
