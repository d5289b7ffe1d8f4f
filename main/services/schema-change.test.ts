import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { addSpan } from '../../shared/model/edits';
import type { AnnotationSchema, Document } from '../../shared/model/schema';
import { spanAgreement } from '../../shared/metrics/span-f1';
import { relationAgreement } from '../../shared/metrics/relations';
import { CorpusStore } from './corpus-store';
import { changeSchema } from './schema-change';

/** Label names are user data: names that are also Object.prototype's keys must behave like any other. */
const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

let dir: string;
let store: CorpusStore;
const who = { annotator: 'ana', now: '2026-01-01T00:00:00.000Z' };
const schemaWith = (names: string[]): AnnotationSchema => ({
  ...DEFAULT_SCHEMA,
  labels: [...DEFAULT_SCHEMA.labels, ...names.map((name) => ({ name, description: '', color: '#888888', examples: [] }))],
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-schema-'));
  store = await CorpusStore.create(dir, { name: 'C', schema: schemaWith(NAMES) });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('label names that are Object.prototype keys', () => {
  it('schema edits work with labels named constructor, toString, __proto__ (they were refused as "would be deleted")', async () => {
    let doc: Document = { id: 'd1', title: 'T', source: {}, text: 'one two three four five', status: 'todo', spans: [], relations: [] };
    NAMES.forEach((label, i) => (doc = addSpan(doc, { label, start: i * 4, end: i * 4 + 3 }, who).doc));
    await store.addDocuments([doc]);
    // an unrelated edit (a new label) keeps every span
    await changeSchema(store, { schema: schemaWith([...NAMES, 'extra']) });
    expect((await store.read('d1')).spans.map((s) => s.label)).toEqual(NAMES);
    // renaming one of them carries the spans along
    await changeSchema(store, { schema: schemaWith(['constructor', 'toText', '__proto__', 'hasOwnProperty']), labelRenames: { toString: 'toText' } });
    expect((await store.read('d1')).spans.map((s) => s.label)).toEqual(['constructor', 'toText', '__proto__', 'hasOwnProperty']);
    // and removing one that is in use is still refused, naming it
    await expect(changeSchema(store, { schema: schemaWith(['constructor', 'toText', 'hasOwnProperty']) })).rejects.toThrow(/label “__proto__” \(1 in use\)/);
  });

  it('agreement lists them as labels like any other', () => {
    const spans = NAMES.map((label, i) => ({ label, start: i, end: i + 1 }));
    const r = spanAgreement(spans, spans, 'exact');
    expect(Object.keys(r.byLabel).sort()).toEqual([...NAMES].sort());
    expect(r.byLabel.__proto__).toMatchObject({ f1: 1 });
    const ann = { spans: [{ id: 's1', label: 'a', start: 0, end: 1 }, { id: 's2', label: 'b', start: 1, end: 2 }], relations: [{ id: 'r1', type: '__proto__', from: 's1', to: 's2' }] } as unknown as Parameters<typeof relationAgreement>[0];
    const rel = relationAgreement(ann, ann);
    expect(Object.keys(rel.byType)).toEqual(['__proto__']);
  });
});
