import { describe, expect, it } from 'vitest';
import { assignDocuments } from './assign';

describe('assignDocuments', () => {
  const ids = Array.from({ length: 100 }, (_, i) => `d${i}`);

  it('gives every document to one annotator, and the chosen fraction to two different ones, spread through the corpus', () => {
    const a = assignDocuments(ids, ['ann', 'bob', 'cy'], 0.2);
    const twice = ids.filter((id) => a[id]!.length === 2);
    expect(twice).toHaveLength(20);
    expect(twice.every((id) => a[id]![0] !== a[id]![1])).toBe(true);
    // not the first block: overlapping documents reach the end of the corpus
    expect(Number(twice.at(-1)!.slice(1))).toBeGreaterThan(80);
    const load = new Map<string, number>();
    for (const people of Object.values(a)) for (const p of people) load.set(p, (load.get(p) ?? 0) + 1);
    expect([...load.values()].sort()).toEqual([40, 40, 40]);
  });

  it('refuses an overlap it cannot honour', () => {
    expect(() => assignDocuments(ids, ['ann'], 0.2)).toThrow(/at least two annotators/);
    expect(() => assignDocuments(ids, ['ann', 'bob'], 1.5)).toThrow(/between 0 and 1/);
    expect(() => assignDocuments(ids, [], 0)).toThrow(/at least one/);
  });
});
