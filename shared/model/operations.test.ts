import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedText, mixedTextWithLoneSurrogates, seeded } from '../text/arbitraries';
import { OffsetIndex } from '../text/offsets';
import { DEFAULT_SCHEMA } from './defaults';
import { addRelation, addSpan, applyTextEdit, EditError } from './edits';
import { applyOp, EditSession, initialTextArb, invariantProblems, LABELS, newDoc, sessionArb } from './fuzz-model';
import { applyOps, invertOps, OpError, OpsSchema, removeSpansOps, textEditOps, updateSpanOp, type Op } from './operations';
import { DOC_STATUSES, type Document } from './schema';

/** A document with spans and relations, built by a random editing session of the model fuzz. */
const docArb: fc.Arbitrary<Document> = fc.tuple(initialTextArb, sessionArb(40)).map(([text, ops]) => {
  const s = new EditSession(newDoc('d1', text));
  for (const op of ops) applyOp(s, op);
  return s.doc;
});

type Edit =
  | { k: 'add'; label: number; at: number; len: number }
  | { k: 'remove'; i: number }
  | { k: 'relabel'; i: number; label: number }
  | { k: 'note'; i: number; note: string }
  | { k: 'link'; type: number; from: number; to: number }
  | { k: 'text'; at: number; len: number; insert: string }
  | { k: 'status'; s: number }
  | { k: 'title'; title: string };

const n = fc.nat({ max: 10_000 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ k: fc.constant('add' as const), label: n, at: n, len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ k: fc.constant('remove' as const), i: n }),
  fc.record({ k: fc.constant('relabel' as const), i: n, label: n }),
  fc.record({ k: fc.constant('note' as const), i: n, note: fc.string({ maxLength: 8 }) }),
  fc.record({ k: fc.constant('link' as const), type: n, from: n, to: n }),
  { weight: 4, arbitrary: fc.record({ k: fc.constant('text' as const), at: n, len: fc.integer({ min: 0, max: 15 }), insert: fc.oneof({ weight: 4, arbitrary: mixedText(6) }, { weight: 1, arbitrary: mixedTextWithLoneSurrogates(4) }) }) },
  fc.record({ k: fc.constant('status' as const), s: n }),
  fc.record({ k: fc.constant('title' as const), title: fc.string({ maxLength: 10 }) }),
);

const who = { annotator: 'prop', now: '2026-02-02T00:00:00.000Z' };
let ids = 0;

/** The ops the UI would send for one edit, or [] when the edit is refused or means nothing. */
function opsFor(doc: Document, e: Edit): Op[] {
  const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
  const index = new OffsetIndex(doc.text);
  try {
    switch (e.k) {
      case 'add': {
        const start = index.cpLength ? e.at % index.cpLength : 0;
        const { span } = addSpan(doc, { label: LABELS[e.label % LABELS.length]!, start, end: Math.min(index.cpLength, start + e.len), id: `p${++ids}` }, who, index);
        return [{ op: 'addSpan', span }];
      }
      case 'remove': {
        const s = pick(doc.spans, e.i);
        return s ? removeSpansOps(doc, [s.id]) : [];
      }
      case 'relabel': {
        const s = pick(doc.spans, e.i);
        return s ? [updateSpanOp(s, { label: LABELS[e.label % LABELS.length]!, updatedAt: who.now })] : [];
      }
      case 'note': {
        const s = pick(doc.spans, e.i);
        return s ? [updateSpanOp(s, { note: e.note === '' ? null : e.note })] : [];
      }
      case 'link': {
        const from = pick(doc.spans, e.from);
        const to = pick(doc.spans, e.to);
        if (!from || !to) return [];
        const type = DEFAULT_SCHEMA.relationTypes[e.type % DEFAULT_SCHEMA.relationTypes.length]!;
        const { relation } = addRelation(doc, { ...DEFAULT_SCHEMA, relationTypes: [{ ...type, from: [], to: [] }] }, { type: type.name, from: from.id, to: to.id, id: `q${++ids}` }, who);
        return [{ op: 'addRelation', relation }];
      }
      case 'text': {
        // UTF-16 positions on code point boundaries, as the editor's diff gives them
        const a = index.toUtf16(index.cpLength ? e.at % (index.cpLength + 1) : 0);
        const b = index.toUtf16(index.toCodePoint(a) + Math.min(e.len, index.cpLength - index.toCodePoint(a)));
        if (a === b && !e.insert) return [];
        return textEditOps(doc, a, b, e.insert, who.now, index).ops;
      }
      case 'status': {
        const s = DOC_STATUSES[e.s % DOC_STATUSES.length]!;
        return s === doc.status ? [] : [{ op: 'status', before: doc.status, after: s }];
      }
      case 'title':
        return [{ op: 'meta', before: { title: doc.title }, after: { title: e.title } }];
    }
  } catch (err) {
    if (err instanceof EditError) return [];
    throw err;
  }
}

const { seed, numRuns } = seeded(Number(process.env.FUZZ_RUNS ?? 200), 'operations');

describe('operations', () => {
  it('applying a batch and then its inverse gives back the original document, and the ops survive JSON', () => {
    fc.assert(
      fc.property(docArb, editArb, (doc, e) => {
        const ops = opsFor(doc, e);
        const wire = OpsSchema.parse(JSON.parse(JSON.stringify(ops)));
        const next = applyOps(doc, wire);
        expect(invariantProblems(next).problems).toEqual([]);
        expect(applyOps(next, invertOps(wire))).toEqual(doc);
      }),
      { seed, numRuns },
    );
  });

  it('random sequences keep every span equal to its slice, and undoing them all in reverse restores the start', () => {
    fc.assert(
      fc.property(docArb, fc.array(editArb, { minLength: 1, maxLength: 25 }), (start, edits) => {
        let doc = start;
        const history: { before: Document; ops: Op[] }[] = [];
        for (const e of edits) {
          const ops = opsFor(doc, e);
          if (!ops.length) continue;
          const next = applyOps(doc, ops);
          expect(invariantProblems(next).problems).toEqual([]);
          history.push({ before: doc, ops });
          doc = next;
        }
        for (const h of history.reverse()) {
          doc = applyOps(doc, invertOps(h.ops));
          expect(doc).toEqual(h.before);
        }
      }),
      { seed, numRuns: Math.ceil(numRuns / 2) },
    );
  });

  it('a text op moves spans exactly as the editing rules do (applyTextEdit)', () => {
    fc.assert(
      fc.property(docArb, n, fc.integer({ min: 0, max: 15 }), mixedTextWithLoneSurrogates(5), (doc, at, len, insert) => {
        const index = new OffsetIndex(doc.text);
        const a = index.cpLength ? at % (index.cpLength + 1) : 0;
        const b = Math.min(index.cpLength, a + len);
        if (a === b && !insert) return;
        const ruled = applyTextEdit(doc, a, b, insert, who.now).doc;
        const viaOps = applyOps(doc, textEditOps(doc, index.toUtf16(a), index.toUtf16(b), insert, who.now).ops);
        // the same spans; ops keep each span's place in the list (so undo restores it), the rules re-sort
        const byId = (d: Document) => d.spans.slice().sort((x, y) => x.id.localeCompare(y.id));
        expect({ text: viaOps.text, spans: byId(viaOps), relations: viaOps.relations }).toEqual({ text: ruled.text, spans: byId(ruled), relations: ruled.relations });
      }),
      { seed, numRuns },
    );
  });

  it('typing one character sends the spans near the caret, not every span after it', () => {
    const text = 'word '.repeat(2000);
    let doc: Document = newDoc('d', text);
    for (let i = 0; i < 1000; i++) doc = addSpan(doc, { label: 'actor', start: i * 10, end: i * 10 + 4, id: `s${i}` }, who).doc;
    const { ops } = textEditOps(doc, 12, 12, 'x', who.now);
    expect(ops).toHaveLength(1);
    const [op] = ops;
    expect(op!.op === 'text' && op!.moves.map((m) => m.before.id)).toEqual(['s1']);
    expect(JSON.stringify(ops).length).toBeLessThan(1000);
    const next = applyOps(doc, ops);
    expect(next.spans[999]).toMatchObject({ start: 9991, end: 9995, text: 'word' });
  });

  it('refuses ops that do not fit the document, and leaves it unchanged', () => {
    const doc = addSpan(newDoc('d', 'Alice met Bob.'), { label: 'actor', start: 0, end: 5, id: 's1' }, who).doc;
    const span = doc.spans[0]!;
    const frozen = structuredClone(doc);
    const bad: Op[][] = [
      [{ op: 'addSpan', span }], // id taken
      [{ op: 'addSpan', span: { ...span, id: 's2', text: 'Alicx' } }], // text not the slice
      [{ op: 'addSpan', span: { ...span, id: 's3', start: 10, end: 99, text: 'x' } }], // outside the text
      [{ op: 'removeSpan', span: { ...span, id: 'nope' } }],
      [{ op: 'addRelation', relation: { id: 'r1', type: 'source', from: 's1', to: 'ghost', annotator: 'a' } }],
      [{ op: 'updateSpan', id: 's1', before: { label: 'claim' }, after: { label: 'cue' } }], // stale before
      [{ op: 'text', at: 0, removed: 'Bob', insert: '', range: [0, 3], rangeAfter: [0, 0], moves: [] }], // removed text is not there
      [{ op: 'text', at: 2, removed: 'i', insert: 'y', range: [2, 3], rangeAfter: [2, 3], moves: [] }], // span under the edit not accounted for
    ];
    for (const ops of bad) expect(() => applyOps(doc, ops), JSON.stringify(ops)).toThrow(OpError);
    expect(doc).toEqual(frozen);
  });

  it('removing a span that still has relations is refused: the batch must remove them first', () => {
    let doc = addSpan(newDoc('d', 'Alice said it.'), { label: 'actor', start: 0, end: 5, id: 'a' }, who).doc;
    doc = addSpan(doc, { label: 'attribution', start: 6, end: 13, id: 'c' }, who).doc;
    doc = addRelation(doc, DEFAULT_SCHEMA, { type: 'source', from: 'c', to: 'a', id: 'r' }, who).doc;
    expect(() => applyOps(doc, [{ op: 'removeSpan', span: doc.spans[0]! }])).toThrow(/relations/);
    const ops = removeSpansOps(doc, ['a']);
    expect(ops.map((o) => o.op)).toEqual(['removeRelation', 'removeSpan']);
    expect(applyOps(doc, ops)).toMatchObject({ spans: [{ id: 'c' }], relations: [] });
  });
});
