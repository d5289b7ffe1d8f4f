import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dragSpanEdge, moveSpanEdge, type EdgeMove } from './span-bounds';

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

/** The span's text after dragging an edge to just after (end) or before (start) the first `at` after the span's start. */
function dragged(text: string, span: string, edge: 'start' | 'end', at: string, exact = false): string | null {
  const start = text.indexOf(span);
  const to = edge === 'end' ? text.indexOf(at) + at.length : text.indexOf(at);
  const r = dragSpanEdge(text, start, start + span.length, edge, to, exact);
  return r && text.slice(r.start, r.end);
}

describe('dragSpanEdge', () => {
  it('takes the whole word under the pointer, either edge, either way', () => {
    expect(dragged(TEXT, 'Marta', 'end', 'Volkova told rep')).toBe('Marta Volkova told reporters');
    expect(dragged(TEXT, 'Marta Volkova told', 'end', 'Vol')).toBe('Marta Volkova');
    expect(dragged(TEXT, 'Marta Volkova', 'start', 'ernor')).toBe('Governor Marta Volkova');
    expect(dragged(TEXT, 'Marta Volkova', 'start', 'kova')).toBe('Volkova');
  });

  it('in the space between words, keeps the word before (end) or after (start)', () => {
    expect(dragged(TEXT, 'Marta', 'end', 'Volkova ')).toBe('Marta Volkova');
    expect(dragged(TEXT, 'told reporters', 'start', ' reporters')).toBe('reporters');
  });

  it('never empties or inverts the span: a drag past the other edge goes nowhere', () => {
    expect(dragged(TEXT, 'Volkova', 'end', 'Gov')).toBeNull();
    expect(dragged(TEXT, 'Marta', 'start', '80')).toBeNull();
    expect(dragged(TEXT, 'Marta Volkova', 'end', 'Marta Volkova')).toBeNull(); // unchanged
  });

  it('keeps exact characters when asked, trimming only spaces', () => {
    expect(dragged(TEXT, 'Marta', 'end', 'Marta Vol', true)).toBe('Marta Vol');
    expect(dragged(TEXT, 'Marta', 'end', 'Marta ', true)).toBeNull();
  });

  it('crosses paragraphs, and works on Arabic and numbers', () => {
    expect(dragged('First line here.\nSecond line.', 'line', 'end', 'Seco')).toBe('line here.\nSecond');
    const ar = 'أسفرت عن مقتل 62 جنديا وإصابة 100 آخرين';
    expect(dragged(ar, '62', 'end', 'جن')).toBe('62 جنديا');
    expect(dragged(ar, '100', 'start', 'صابة')).toBe('وإصابة 100');
  });

  it('for any text and pointer, leaves a non-empty span whose moved edge sits on a word boundary and whose other edge stays', () => {
    const word = fc.constantFrom('a', 'bb', 'Ccc', '12', '1,5', "don't", 'جنديا', 'x-y', '.', ',', ' ', '  ', '\n', '“');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), (parts, a, b, t, endEdge, exact) => {
        const text = parts.join('');
        const n = text.length;
        const start = a % n;
        const end = start + 1 + (b % (n - start));
        const to = t % (n + 1);
        const r = dragSpanEdge(text, start, end, endEdge ? 'end' : 'start', to, exact);
        if (!r) return;
        expect(r.start).toBeLessThan(r.end);
        expect(r.start >= 0 && r.end <= n).toBe(true);
        if (endEdge) expect(r.start).toBe(start);
        else expect(r.end).toBe(end);
        if (!exact) {
          const moved = endEdge ? r.end : r.start;
          expect(dragSpanEdge(text, r.start, r.end, endEdge ? 'end' : 'start', moved)).toBeNull(); // already snapped: no further move
        }
      }),
      { numRuns: 3000 },
    );
  });
});
