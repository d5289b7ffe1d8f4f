import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document } from '../model/schema';
import { gather, uniqueNames } from './gather';

const T = '2026-01-01T00:00:00.000Z';
const doc = (id: string, text: string, title = id): Document => ({ id, title, source: {}, text, status: 'done', spans: [], relations: [] });
const corpus = (...documents: Document[]): Corpus => ({ schemaVersion: SCHEMA_VERSION, id: 'c', name: 'c', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents });

describe('gather', () => {
  it('groups documents by id, in copy order', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('d1', 'one'), doc('d2', 'two')) },
      { annotator: 'bob', corpus: corpus(doc('d2', 'two'), doc('d1', 'one')) },
    ]);
    expect(g.conflicts).toEqual([]);
    expect(g.groups.map((x) => [x.key, x.matchedBy, x.versions.map((v) => v.annotator)])).toEqual([
      ['d1', 'id', ['ann', 'bob']],
      ['d2', 'id', ['ann', 'bob']],
    ]);
  });

  it('falls back to the text hash when ids differ', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('d1', 'same text')) },
      { annotator: 'bob', corpus: corpus(doc('x9', 'same text')) },
      { annotator: 'cat', corpus: corpus(doc('d1', 'same text')) },
    ]);
    expect(g.groups).toHaveLength(1);
    const [only] = g.groups;
    expect(only!.key).toBe('d1');
    expect(only!.matchedBy).toBe('text');
    expect(only!.versions.map((v) => [v.annotator, v.doc.id])).toEqual([
      ['ann', 'd1'],
      ['bob', 'x9'],
      ['cat', 'd1'],
    ]);
  });

  it('pairs two re-imported documents by text alone', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('a', 'hello')) },
      { annotator: 'bob', corpus: corpus(doc('b', 'hello')) },
    ]);
    expect(g.groups.map((x) => [x.key, x.matchedBy, x.versions.length])).toEqual([['a', 'text', 2]]);
  });

  it('reports same-id documents whose text differs and never groups them', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('d1', 'original text')) },
      { annotator: 'bob', corpus: corpus(doc('d1', 'edited text')) },
      { annotator: 'cat', corpus: corpus(doc('other', 'original text')) },
    ]);
    expect(g.conflicts).toHaveLength(1);
    expect(g.conflicts[0]!.id).toBe('d1');
    expect(g.conflicts[0]!.versions.map((v) => v.annotator)).toEqual(['ann', 'bob']);
    // cat's copy has the same text as ann's d1, but d1 is in conflict: nothing of it is merged
    expect(g.groups.map((x) => [x.key, x.versions.map((v) => v.annotator)])).toEqual([['other', ['cat']]]);
  });

  it('keeps documents only one annotator has, as single-version groups', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('d1', 'one'), doc('d2', 'two')) },
      { annotator: 'bob', corpus: corpus(doc('d1', 'one')) },
    ]);
    expect(g.groups.map((x) => [x.key, x.versions.length])).toEqual([
      ['d1', 2],
      ['d2', 1],
    ]);
  });

  it('never puts two documents of one copy into a group', () => {
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('a1', 'dup'), doc('a2', 'dup')) },
      { annotator: 'bob', corpus: corpus(doc('b1', 'dup')) },
    ]);
    for (const grp of g.groups) expect(new Set(grp.versions.map((v) => v.annotator)).size).toBe(grp.versions.length);
    expect(g.groups.flatMap((x) => x.versions)).toHaveLength(3);
  });

  it('renames copies that carry the same annotator name', () => {
    expect(uniqueNames(['ann', 'bob', 'ann', 'ann'])).toEqual(['ann', 'bob', 'ann (2)', 'ann (3)']);
    expect(uniqueNames(['x', 'x (2)', 'x'])).toEqual(['x', 'x (2)', 'x (3)']);
    const g = gather([
      { annotator: 'ann', corpus: corpus(doc('d', 't')) },
      { annotator: 'ann', corpus: corpus(doc('d', 't')) },
    ]);
    expect(g.annotators).toEqual(['ann', 'ann (2)']);
    expect(g.groups[0]!.versions.map((v) => v.annotator)).toEqual(['ann', 'ann (2)']);
  });
});
