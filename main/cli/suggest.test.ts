import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../services/corpus-store';
import { writeEvalCorpus } from '../services/suggest/eval-set';
import { main } from './index';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'spanmark', ...args], { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) });
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-suggest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The F1 column of a label's row in the evaluation table: [exact, overlap]. */
function f1(table: string, label: string): [number, number] {
  const row = table.split('\n').find((l) => l.startsWith(label.padEnd(14)))!;
  const cells = row.split('|').map((c) => c.trim().split(/\s+/));
  return [Number(cells[0]!.at(-1)), Number(cells[1]!.at(-1))];
}

/** The articles with no spans, as a lead pre-annotating new articles would start. */
async function withoutSpans(corpus: string): Promise<void> {
  const store = await CorpusStore.open(corpus);
  for (const s of store.list()) await store.save({ ...(await store.read(s.id)), spans: [], relations: [] });
  await store.close();
}

describe('spanmark suggest --evaluate', () => {
  it('prints P/R/F1 per label on the held-out articles, meeting the targets', async () => {
    const corpus = path.join(dir, 'heldout');
    await writeEvalCorpus(corpus, 'heldout');
    const { code, out } = await cli('suggest', '--evaluate', corpus);
    expect(code).toBe(0);
    expect(out).toMatch(/^3 documents/);
    expect(f1(out, 'figure')[1]).toBeGreaterThanOrEqual(0.8);
    expect(f1(out, 'attribution')[1]).toBeGreaterThanOrEqual(0.7);
    const recall = Number(/speaking actors: recall (\S+) overlap/.exec(out)?.[1]);
    expect(recall).toBeGreaterThanOrEqual(0.7);
    // evaluating writes nothing
    const store = await CorpusStore.open(corpus);
    expect(store.meta.suggest).toBeUndefined();
    await store.close();
  }, 60_000);
});

describe('spanmark suggest', () => {
  it('stores patterns and gazetteers in the corpus, reports bad lines, and --accept stamps spans', async () => {
    const corpus = path.join(dir, 'work');
    await writeEvalCorpus(corpus, 'tuning');
    await withoutSpans(corpus);

    const patterns = path.join(dir, 'patterns.jsonl');
    await writeFile(patterns, ['{"label": "actor", "pattern": "Red Lantern Society", "id": "rls"}', '{"label": "weapon", "pattern": "rifle"}', '{oops'].join('\n'));
    const gazetteer = path.join(dir, 'actors.txt');
    await writeFile(gazetteer, '# states\nOstria\nPelvania\n');
    const first = await cli('suggest', corpus, '--patterns', patterns, '--gazetteer', `actor=${gazetteer}`, '--suggesters', 'patterns,gazetteer');
    expect(first.code).toBe(1);
    expect(first.err).toContain('patterns.jsonl:2: label "weapon" is not in the corpus schema');
    expect(first.err).toContain('patterns.jsonl:3: not valid JSON');
    expect(first.out).toContain('eval-border: 3 suggestion(s) (actor 3)');
    expect(first.out).toContain('eval-flood: 1 suggestion(s) (actor 1)');

    const manifest = JSON.parse(await readFile(path.join(corpus, 'corpus.json'), 'utf8'));
    expect(manifest.suggest.patterns).toEqual([{ label: 'actor', pattern: 'Red Lantern Society', id: 'rls' }]);
    expect(manifest.suggest.gazetteers).toEqual({ actor: ['Ostria', 'Pelvania'] });
    expect(manifest.suggest.suggesters).toEqual(['patterns', 'gazetteer']);

    // suggestions are offered, never written: an export still has no spans
    const exported = path.join(dir, 'suggested.jsonl');
    expect((await cli('export', corpus, '--format', 'doccano', '--out', exported)).code).toBe(0);
    const records = (await readFile(exported, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { label?: unknown[]; entities?: unknown[] });
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => Array.isArray(r.entities ?? r.label))).toBe(true);
    expect(records.flatMap((r) => r.entities ?? r.label ?? [])).toEqual([]);

    // what the lead set up leaves as one patterns.jsonl, and gives another corpus the same suggestions
    const shared = path.join(dir, 'team-patterns.jsonl');
    const written = await cli('suggest', corpus, '--export-patterns', shared);
    expect(written.out).toContain(`wrote 3 pattern(s) to ${shared}`);
    expect((await readFile(shared, 'utf8')).trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { label: 'actor', pattern: 'Red Lantern Society', id: 'rls' },
      { label: 'actor', pattern: 'Ostria' },
      { label: 'actor', pattern: 'Pelvania' },
    ]);
    const other = path.join(dir, 'other');
    await writeEvalCorpus(other, 'tuning');
    await withoutSpans(other);
    const fromShared = await cli('suggest', other, '--patterns', shared, '--suggesters', 'patterns', '--documents', 'eval-border');
    expect(fromShared.out).toContain('eval-border: 3 suggestion(s) (actor 3)');

    const accepted = await cli('suggest', corpus, '--documents', 'eval-border', '--accept');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain('accepted 3 span(s) in 1 document(s) as "suggest"');
    const after = await CorpusStore.open(corpus);
    const doc = await after.read('eval-border');
    await after.close();
    expect(doc.spans.map((s) => [s.text, s.annotator, s.suggestedBy])).toEqual([
      ['Ostria', 'suggest', 'gazetteer'],
      ['Pelvania', 'suggest', 'gazetteer'],
      ['Pelvania', 'suggest', 'gazetteer'],
    ]);
    // accepted spans are not suggested again
    expect((await cli('suggest', corpus, '--documents', 'eval-border')).out).toContain('eval-border: 0 suggestion(s)');
  }, 60_000);

  it('refuses an unknown document or suggester with a usage error', async () => {
    const corpus = path.join(dir, 'heldout');
    expect((await cli('suggest', corpus, '--documents', 'nope')).code).toBe(2);
    const bad = await cli('suggest', corpus, '--suggesters', 'telepathy');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown suggester "telepathy"');
  });
});
