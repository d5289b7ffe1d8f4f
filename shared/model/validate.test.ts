import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from './defaults';
import type { Document, Relation, Span } from './schema';
import { documentProblems } from './validate';

const T = '2026-01-01T00:00:00.000Z';
const TEXT = 'Киев 🚀 said 62 died.'; // 'said' is code points 7–11, UTF-16 8–12

const span = (id: string, start: number, end: number, text: string, labelName = 'claim'): Span => ({
  id, label: labelName, start, end, text, annotator: 'a', createdAt: T, updatedAt: T,
});
const rel = (id: string, from: string, to: string, type = 'source'): Relation => ({ id, type, from, to, annotator: 'a' });
const doc = (spans: Span[], relations: Relation[] = []): Document => ({ id: 'd', title: 't', source: {}, text: TEXT, status: 'todo', spans, relations });
const messages = (d: Document) => documentProblems(d, DEFAULT_SCHEMA).map((p) => `${p.where}: ${p.message}`);

describe('documentProblems', () => {
  it('accepts spans whose text matches their code point offsets', () => {
    expect(messages(doc([span('a', 0, 4, 'Киев'), span('b', 5, 6, '🚀', 'figure'), span('c', 7, 11, 'said')], [rel('r', 'c', 'a')]))).toEqual([]);
  });

  it('flags a span that ends past the text', () => {
    expect(messages(doc([span('a', 15, 22, 'died.xx')]))).toEqual(['d/a: span 15–22 ends past the text (20 code points)']);
  });

  it('flags empty and reversed spans', () => {
    expect(messages(doc([span('a', 3, 3, ''), span('b', 5, 2, 'x')]))).toEqual([
      'd/a: span 3–3 is empty or reversed',
      'd/b: span 5–2 is empty or reversed',
    ]);
  });

  it('flags stored text that does not match the offsets, such as UTF-16 offsets saved by mistake', () => {
    const [problem] = messages(doc([span('a', 8, 12, 'said')]));
    expect(problem).toMatch(/^d\/a: span text "said" does not match the text at 8–12: "aid "$/);
  });

  it('flags duplicate span and relation ids, and a relation reusing a span id', () => {
    const out = messages(doc([span('a', 0, 4, 'Киев'), span('a', 7, 11, 'said')], [rel('r', 'a', 'a'), rel('r', 'a', 'a'), rel('a', 'a', 'a')]));
    expect(out).toContain('d/a: duplicate span id "a"');
    expect(out.filter((m) => m === 'd/r: duplicate relation id "r"')).toHaveLength(1);
    expect(out).toContain('d/a: duplicate relation id "a"');
  });

  it('flags relations to or from missing spans', () => {
    expect(messages(doc([span('a', 0, 4, 'Киев')], [rel('r', 'a', 'gone'), rel('q', 'lost', 'a')]))).toEqual([
      'd/r: relation points to missing span "gone"',
      'd/q: relation points from missing span "lost"',
    ]);
  });

  it('flags labels and relation types missing from the schema, only when given one', () => {
    const d = doc([span('a', 0, 4, 'Киев', 'weapon')], [rel('r', 'a', 'a', 'blames')]);
    expect(messages(d)).toEqual(['d/a: label "weapon" is not in the schema', 'd/r: relation type "blames" is not in the schema']);
    expect(documentProblems(d)).toEqual([]);
  });
});
