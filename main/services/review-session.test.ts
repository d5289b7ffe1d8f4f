import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus, type Span } from '../../shared/model/schema';
import { acceptAllAgreed, finalize, keep, startGold } from '../../shared/review/adjudicate';
import { ReviewSession } from './review-session';

const TEXT = 'The ministry said 62 soldiers died.';
const T = '2026-01-01T00:00:00Z';
const span = (id: string, label: string, quote: string, who: string): Span => {
  const start = TEXT.indexOf(quote);
  return { id, label, start, end: start + quote.length, text: quote, annotator: who, createdAt: T, updatedAt: T };
};
const corpus = (spans: Span[], text = TEXT): Corpus => ({
  schemaVersion: SCHEMA_VERSION,
  id: 'c',
  name: 'Tolls',
  schema: DEFAULT_SCHEMA,
  guidelines: 'be careful',
  createdAt: T,
  updatedAt: T,
  documents: [
    { id: 'd1', title: 'Toll', source: {}, text, status: 'done', spans, relations: [] },
    { id: 'd2', title: 'Other', source: {}, text: 'Other text.', status: 'done', spans: [], relations: [] },
  ],
});

let dir: string;
let a: string;
let b: string;
const who = { annotator: 'rita', now: T };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-review-'));
  a = path.join(dir, 'alice.json');
  b = path.join(dir, 'bob.json');
  await writeFile(a, JSON.stringify(corpus([span('a1', 'actor', 'The ministry', 'alice'), span('a2', 'figure', '62 soldiers', 'alice')])));
  await writeFile(b, JSON.stringify(corpus([span('b1', 'actor', 'The ministry', 'bob'), span('b2', 'figure', '62', 'bob')])));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ReviewSession', () => {
  it('summarizes copies and gives one document’s candidates', async () => {
    const review = new ReviewSession(() => dir);
    const summary = await review.open([a, b]);
    expect(summary.annotators).toEqual(['alice', 'bob']);
    expect(summary.documents.map((d) => [d.key, d.agreed, d.disagreements, d.reviewed])).toEqual([
      ['d1', 1, 2, false],
      ['d2', 0, 0, false],
    ]);
    expect(summary.goldPath).toBe(path.join(dir, 'Tolls — gold'));
    const doc = review.document('d1');
    expect(doc.adjudication.candidates.map((c) => `${c.label}:${c.text}:${c.proposedBy.join('+')}`)).toEqual(['actor:The ministry:alice+bob', 'figure:62 soldiers:alice', 'figure:62:bob']);
    expect(doc.gold).toBeNull();
    expect(() => review.document('nope')).toThrow(/No document/);
  });

  it('writes gold into "<name> — gold" with the first copy’s schema, replaces it on a second save, and resumes from it', async () => {
    const review = new ReviewSession(() => dir);
    await review.open([a, b]);
    const adj = review.document('d1').adjudication;
    let gold = acceptAllAgreed(adj, startGold(adj, T), who);
    gold = finalize(keep(adj, gold, adj.candidates[1]!, who), who);
    const { path: goldDir } = await review.saveGold('d1', gold);
    expect(goldDir).toBe(path.join(dir, 'Tolls — gold'));
    const manifest = JSON.parse(await readFile(path.join(goldDir, 'corpus.json'), 'utf8'));
    expect(manifest.name).toBe('Tolls — gold');
    expect(manifest.guidelines).toBe('be careful');
    expect(manifest.documents).toEqual([{ id: 'd1', file: 'd1.json' }]);

    const fewer = finalize(keep(adj, gold, adj.candidates[2]!, who), who);
    await review.saveGold('d1', fewer);
    const onDisk = JSON.parse(await readFile(path.join(goldDir, 'docs', 'd1.json'), 'utf8'));
    expect(onDisk.spans.map((s: Span) => `${s.text}:${s.proposedBy?.join('+')}:${s.acceptedBy}`)).toEqual(['The ministry:alice+bob:rita', '62:bob:rita']);
    expect(onDisk.status).toBe('reviewed');

    const again = new ReviewSession(() => dir);
    const summary = await again.open([a, b]);
    expect(summary.documents.find((d) => d.key === 'd1')?.reviewed).toBe(true);
    expect(again.document('d1').gold?.spans).toHaveLength(2);
  });

  it('refuses gold whose text or id is not the document’s', async () => {
    const review = new ReviewSession(() => dir);
    await review.open([a, b]);
    const adj = review.document('d1').adjudication;
    const gold = finalize(startGold(adj, T), who);
    await expect(review.saveGold('d1', { ...gold, text: `${TEXT}!` })).rejects.toThrow(/keep the document's id and text/);
    await expect(review.saveGold('d1', { ...gold, id: 'd2' })).rejects.toThrow(/keep the document's id and text/);
  });

  it('adds a copy to an open review and leaves out documents whose text differs', async () => {
    const c = path.join(dir, 'cat.json');
    await writeFile(c, JSON.stringify(corpus([], 'A different text.')));
    const review = new ReviewSession(() => dir);
    await review.open([a]);
    const summary = await review.open([b, c, a], true);
    expect(summary.annotators).toEqual(['alice', 'bob', 'cat']);
    expect(summary.conflicts.map((x) => x.id)).toEqual(['d1']);
    expect(summary.documents.map((d) => d.key)).toEqual(['d2']);
  });

  it('asks for copies before anything else', async () => {
    const review = new ReviewSession(() => dir);
    expect(() => review.summary()).toThrow(/No review is open/);
    await expect(review.open([])).rejects.toThrow(/at least one/);
  });
});
