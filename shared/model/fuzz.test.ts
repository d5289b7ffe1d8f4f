import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportDoccano, importDoccano } from '../formats/doccano';
import { exportSpanmark, importSpanmark } from '../formats/spanmark';
import type { OffsetUnit } from '../formats/types';
import { DEFAULT_SCHEMA } from './defaults';
import { applyOp, EditSession, initialTextArb, invariantProblems, newDoc, sessionArb } from './fuzz-model';
import { SCHEMA_VERSION, type Corpus, type Document } from './schema';

/**
 * Model-based fuzzing of the annotation operations: random sessions of
 * labelling, relabelling, resizing, linking, text edits, undo and redo,
 * with the invariants checked after every step and a round trip through
 * the Spanmark and doccano codecs at the end of each session.
 * Replay a failure with FC_SEED=<seed>; FUZZ_RUNS=<n> runs longer.
 */

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const numRuns = Number(process.env.FUZZ_RUNS ?? 300);
console.log(`[model fuzz] fast-check seed ${seed}, ${numRuns} runs (replay with FC_SEED=${seed})`);

const stats = { runs: 0, steps: 0, checks: 0, committed: 0, rejected: 0, undos: 0, redos: 0, relations: 0, roundTrips: 0 };

afterAll(() => {
  console.log(`[model fuzz] ${stats.runs} sessions, ${stats.steps} operations (${stats.committed} committed, ${stats.rejected} rejected, ${stats.undos} undos, ${stats.redos} redos), ${stats.relations} relations made, ${stats.roundTrips} codec round trips, ${stats.checks} invariant checks`);
});

function corpusOf(doc: Document): Corpus {
  const t = '2026-01-01T00:00:00.000Z';
  return { schemaVersion: SCHEMA_VERSION, id: 'c1', name: 'fuzz', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: t, updatedAt: t, documents: [doc] };
}

function assertInvariants(doc: Document): void {
  const { problems, checks } = invariantProblems(doc);
  stats.checks += checks;
  expect(problems).toEqual([]);
}

/** Spanmark JSON carries everything: the document must come back deep-equal. */
function spanmarkRoundTrip(doc: Document): void {
  const out = exportSpanmark(corpusOf(doc));
  const back = importSpanmark([{ name: 'fuzz.json', text: String(out.files[0]!.data) }]);
  expect(back.problems).toEqual([]);
  expect(back.documents).toEqual([doc]);
  stats.checks++;
}

/** doccano carries text, title, status, span labels and offsets, and relations by entity; not ids, annotators or times. */
function doccanoRoundTrip(doc: Document, offsets: OffsetUnit): void {
  const out = exportDoccano(corpusOf(doc), { offsets });
  const back = importDoccano([{ name: 'fuzz.jsonl', text: String(out.files[0]!.data) }], { offsets });
  expect(back.problems).toEqual([]);
  expect(back.documents).toHaveLength(1);
  const got = back.documents[0]!;
  expect({ text: got.text, title: got.title, status: got.status }).toEqual({ text: doc.text, title: doc.title, status: doc.status });
  expect(got.spans.map((s) => [s.label, s.start, s.end, s.text])).toEqual(doc.spans.map((s) => [s.label, s.start, s.end, s.text]));
  const ends = (d: Document) => d.relations.map((r) => [r.type, d.spans.findIndex((s) => s.id === r.from), d.spans.findIndex((s) => s.id === r.to)]);
  expect(ends(got)).toEqual(ends(doc));
  stats.checks += 4;
}

describe('annotation model under random editing sessions', () => {
  it('keeps offsets, span text and relations valid; undo/redo restore exact snapshots; codecs round-trip', () => {
    fc.assert(
      fc.property(initialTextArb, sessionArb(), (text, ops) => {
        stats.runs++;
        const s = new EditSession(newDoc('d1', text));
        assertInvariants(s.doc);
        for (const op of ops) {
          const before = s.doc;
          const beforeCopy = s.current;
          const r = applyOp(s, op);
          stats.steps++;
          if (r.kind === 'rejected') {
            stats.rejected++;
            // a refused operation leaves the document exactly as it was
            expect(s.doc).toBe(before);
            expect(s.doc).toEqual(beforeCopy);
            stats.checks++;
          } else if (r.kind === 'committed') {
            stats.committed++;
            if (op.k === 'link') stats.relations++;
          } else if (r.restored) {
            stats[r.kind === 'undo' ? 'undos' : 'redos']++;
            // the snapshot restored is the state as it was then, not something a later edit mutated
            expect(r.restored.restored).toEqual(r.restored.expected);
            stats.checks++;
          }
          assertInvariants(s.doc);
        }
        // undoing everything returns to the document we started with
        const first = s.past[0] ?? s.doc;
        while (s.undo()) stats.undos++;
        expect(s.doc).toEqual(first);
        stats.checks++;
        // and redoing everything comes back to where the session ended
        const last = s.future.at(-1) ?? s.doc;
        while (s.redo()) stats.redos++;
        expect(s.doc).toEqual(last);
        stats.checks++;

        spanmarkRoundTrip(s.doc);
        doccanoRoundTrip(s.doc, 'codepoint');
        doccanoRoundTrip(s.doc, 'utf16');
        stats.roundTrips += 3;
      }),
      { seed, numRuns },
    );
    // the generator must reach the interesting parts, or the test proves little
    expect(stats.relations).toBeGreaterThan(0);
    expect(stats.undos).toBeGreaterThan(0);
    expect(stats.rejected).toBeGreaterThan(0);
  });
});
