import fc from 'fast-check';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyOp, EditSession, initialTextArb, invariantProblems, newDoc, sessionArb, type Op } from '../../shared/model/fuzz-model';
import type { Document } from '../../shared/model/schema';
import { summarize } from '../../shared/model/summary';
import { CorpusStore } from './corpus-store';
import { exportCorpus } from './exporter';
import { importIntoStore } from './import-into-store';

/**
 * Model-based fuzzing of the corpus store: random editing sessions on
 * several documents, each change saved as the app's autosave does, mixed
 * with adding and deleting documents, closing and reopening the corpus,
 * and exporting it and importing the export into a fresh corpus. The model
 * is a plain map of what was last saved; the store on disk must agree with
 * it at every step. Replay with FC_SEED=<seed>; FUZZ_RUNS=<n> runs longer.
 */

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const numRuns = Number(process.env.FUZZ_RUNS ?? 50);
console.log(`[store fuzz] fast-check seed ${seed}, ${numRuns} runs (replay with FC_SEED=${seed})`);

const stats = { runs: 0, steps: 0, saves: 0, reloads: 0, exports: 0, checks: 0 };
afterAll(() => {
  console.log(`[store fuzz] ${stats.runs} corpora, ${stats.steps} steps, ${stats.saves} saves, ${stats.reloads} reloads, ${stats.exports} export→import round trips, ${stats.checks} invariant checks`);
});

type StoreOp =
  | { k: 'edit'; doc: number; ops: Op[] }
  | { k: 'add'; text: string }
  | { k: 'delete'; doc: number }
  | { k: 'reload' }
  | { k: 'export'; format: 'spanmark' | 'doccano' };

const storeOpArb: fc.Arbitrary<StoreOp> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ k: fc.constant('edit' as const), doc: fc.nat(), ops: sessionArb(8) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('add' as const), text: initialTextArb }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), doc: fc.nat() }) },
  { weight: 2, arbitrary: fc.constant({ k: 'reload' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('export' as const), format: fc.constantFrom('spanmark' as const, 'doccano' as const) }) },
);

function expectValid(doc: Document): void {
  const { problems, checks } = invariantProblems(doc);
  stats.checks += checks;
  expect(problems).toEqual([]);
}

/** What the model says the corpus holds, in manifest order. */
class Model {
  order: string[] = [];
  saved = new Map<string, Document>();
  previous = new Map<string, Document>();
  sessions = new Map<string, EditSession>();
  private n = 0;

  nextId(): string {
    return `d${++this.n}`;
  }
}

async function checkStoreAgrees(store: CorpusStore, model: Model): Promise<void> {
  expect(store.damaged).toEqual([]);
  expect(store.list().map((s) => s.id)).toEqual(model.order);
  const corpus = await store.readAll();
  expect(corpus.documents).toEqual(model.order.map((id) => model.saved.get(id)));
  expect(store.list()).toEqual(model.order.map((id) => summarize(model.saved.get(id)!)));
  stats.checks += 4;
}

describe('corpus store under random sessions', () => {
  it('what was saved is what reloads, .bak holds the version before, exports import back', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'spanmark-store-fuzz-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(initialTextArb, { minLength: 1, maxLength: 3 }), fc.array(storeOpArb, { minLength: 3, maxLength: 25 }), async (texts, ops) => {
          stats.runs++;
          const dir = path.join(root, `c${stats.runs}`);
          const model = new Model();
          let store = await CorpusStore.create(dir, { name: 'fuzz' });
          try {
            const add = async (text: string) => {
              const doc = newDoc(model.nextId(), text);
              await store.addDocuments([doc]);
              model.order.push(doc.id);
              model.saved.set(doc.id, doc);
              model.sessions.set(doc.id, new EditSession(doc));
            };
            for (const t of texts) await add(t);

            for (const op of ops) {
              stats.steps++;
              if (op.k === 'edit') {
                if (!model.order.length) continue;
                const id = model.order[op.doc % model.order.length]!;
                const session = model.sessions.get(id)!;
                for (const edit of op.ops) {
                  const before = session.doc;
                  const r = applyOp(session, edit);
                  if (r.restored) expect(r.restored.restored).toEqual(r.restored.expected);
                  if (session.doc === before) continue;
                  expectValid(session.doc);
                  // autosave: every change (undo and redo too) is written at once
                  const summary = await store.save(session.doc);
                  stats.saves++;
                  expect(summary).toEqual(summarize(session.doc));
                  model.previous.set(id, model.saved.get(id)!);
                  model.saved.set(id, session.doc);
                  expect(await store.read(id)).toEqual(session.doc);
                  // the .bak beside the document is the version saved before this one
                  const bak = JSON.parse(await readFile(path.join(dir, 'docs', `${id}.json.bak`), 'utf8')) as unknown;
                  expect(bak).toEqual(model.previous.get(id));
                  stats.checks += 3;
                }
              } else if (op.k === 'add') {
                await add(op.text);
              } else if (op.k === 'delete') {
                if (!model.order.length) continue;
                const id = model.order[op.doc % model.order.length]!;
                await store.deleteDocument(id);
                model.order = model.order.filter((x) => x !== id);
                model.saved.delete(id);
                model.sessions.delete(id);
              } else if (op.k === 'reload') {
                await store.close();
                store = await CorpusStore.open(dir);
                stats.reloads++;
                await checkStoreAgrees(store, model);
              } else {
                stats.exports++;
                const corpus = await store.readAll();
                const out = path.join(root, `export-${stats.runs}-${stats.steps}.${op.format === 'spanmark' ? 'json' : 'jsonl'}`);
                await exportCorpus(corpus, op.format, out);
                const copy = await CorpusStore.create(path.join(root, `import-${stats.runs}-${stats.steps}`), { name: 'copy' });
                try {
                  const report = await importIntoStore(copy, [out], { format: 'auto', addUnknownLabels: false });
                  if (!corpus.documents.length) {
                    // an export of nothing imports nothing, and says so
                    expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(/is empty|holds no documents/)]);
                    continue;
                  }
                  expect(report.errors).toEqual([]);
                  const back = (await copy.readAll()).documents;
                  if (op.format === 'spanmark') {
                    // the native format carries everything, ids included
                    expect(back).toEqual(corpus.documents);
                  } else {
                    const carried = (d: Document) => ({
                      text: d.text,
                      title: d.title,
                      status: d.status,
                      spans: d.spans.map((s) => [s.label, s.start, s.end, s.text]),
                      relations: d.relations.map((r) => [r.type, d.spans.findIndex((s) => s.id === r.from), d.spans.findIndex((s) => s.id === r.to)]),
                    });
                    expect(back.map(carried)).toEqual(corpus.documents.map(carried));
                  }
                  back.forEach(expectValid);
                  stats.checks++;
                } finally {
                  await copy.close();
                }
              }
            }
            // finally: close, reopen, and the corpus is exactly what was last saved
            await store.close();
            store = await CorpusStore.open(dir);
            stats.reloads++;
            await checkStoreAgrees(store, model);
          } finally {
            await store.close();
          }
        }),
        { seed, numRuns },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    expect(stats.saves).toBeGreaterThan(0);
    expect(stats.reloads).toBeGreaterThan(0);
  }, 120_000);
});
