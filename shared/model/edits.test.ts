import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixedText, mixedTextWithLoneSurrogates, seeded } from '../text/arbitraries';
import { cpLength, cpSlice } from '../text/offsets';
import { DEFAULT_SCHEMA } from './defaults';
import {
  addRelation,
  addSpan,
  applyTextEdit,
  EditError,
  relationProblem,
  relationsBrokenByRelabel,
  removeRelation,
  removeSpans,
  resizeSpan,
  updateSpan,
  type Actor,
} from './edits';
import type { Document } from './schema';
import { documentProblems } from './validate';

const who: Actor = { annotator: 'tester', now: '2026-01-01T00:00:00.000Z' };
const LATER = '2026-01-02T00:00:00.000Z';

function docOf(text: string): Document {
  return { id: 'd1', title: 't', source: {}, text, status: 'todo', spans: [], relations: [] };
}

/** Add a span over the first occurrence of `quote` (found by UTF-16 search, converted to code points). */
function label(doc: Document, labelName: string, quote: string, id: string): Document {
  const at = doc.text.indexOf(quote);
  if (at < 0) throw new Error(`no ${quote}`);
  const start = [...doc.text.slice(0, at)].length;
  return addSpan(doc, { label: labelName, start, end: start + [...quote].length, id }, who).doc;
}

/** Replace the first occurrence of `find` (code point offsets computed here) with `insert`. */
function edit(doc: Document, find: string, insert: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.text.indexOf(find, at + 1);
  const a = [...doc.text.slice(0, at)].length;
  return applyTextEdit(doc, a, a + [...find].length, insert, LATER);
}

/** Insert at the position just before `before`. */
function insertAt(doc: Document, before: string, insert: string) {
  const a = [...doc.text.slice(0, doc.text.indexOf(before))].length;
  return applyTextEdit(doc, a, a, insert, LATER);
}

const spanText = (doc: Document, id: string) => doc.spans.find((s) => s.id === id)?.text;

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EditError);
    return (e as EditError).code;
  }
  return undefined;
}

const STORY = 'The Defence Ministry said 🚀 strikes killed 62 servicemen, according to officials.';

/** attribution "according to" → actor "officials", → claim "strikes killed 62 servicemen" */
function annotated(): Document {
  let d = docOf(STORY);
  d = label(d, 'actor', 'Defence Ministry', 'act1');
  d = label(d, 'claim', 'strikes killed 62 servicemen', 'cl1');
  d = label(d, 'figure', '62 servicemen', 'fig1');
  d = label(d, 'attribution', 'according to', 'att1');
  d = label(d, 'actor', 'officials', 'act2');
  d = addRelation(d, DEFAULT_SCHEMA, { type: 'source', from: 'att1', to: 'act2', id: 'r1' }, who).doc;
  d = addRelation(d, DEFAULT_SCHEMA, { type: 'content', from: 'att1', to: 'cl1', id: 'r2' }, who).doc;
  return d;
}

describe('addSpan', () => {
  it('stores the covered text, counting code points', () => {
    const d = docOf('A 👩‍👩‍👧 and 🚀 Ре\u0301шение');
    const { span } = addSpan(d, { label: 'actor', start: 2, end: 7 }, who);
    expect(span.text).toBe('👩‍👩‍👧');
    const rocket = addSpan(d, { label: 'figure', start: 12, end: 13 }, who).span;
    expect(rocket.text).toBe('🚀');
    const word = addSpan(d, { label: 'claim', start: 14, end: 22 }, who).span;
    expect(word.text).toBe('Ре\u0301шение');
    expect(span.annotator).toBe('tester');
  });

  it('refuses spans outside the text, empty, reversed or fractional', () => {
    const d = docOf('ab🚀'); // 3 code points, 4 UTF-16 units
    expect(errorCode(() => addSpan(d, { label: 'claim', start: 0, end: 4 }, who))).toBe('out_of_range');
    expect(errorCode(() => addSpan(d, { label: 'claim', start: -1, end: 2 }, who))).toBe('out_of_range');
    expect(errorCode(() => addSpan(d, { label: 'claim', start: 0.5, end: 2 }, who))).toBe('out_of_range');
    expect(errorCode(() => addSpan(d, { label: 'claim', start: 2, end: 2 }, who))).toBe('empty');
    expect(errorCode(() => addSpan(d, { label: 'claim', start: 2, end: 1 }, who))).toBe('empty');
    expect(addSpan(d, { label: 'claim', start: 0, end: 3 }, who).span.text).toBe('ab🚀');
  });

  it('refuses the same label twice on the same text, but allows another label there', () => {
    const d = addSpan(docOf('62 servicemen'), { label: 'figure', start: 0, end: 13 }, who).doc;
    expect(errorCode(() => addSpan(d, { label: 'figure', start: 0, end: 13 }, who))).toBe('duplicate');
    expect(addSpan(d, { label: 'claim', start: 0, end: 13 }, who).doc.spans).toHaveLength(2);
  });
});

describe('removeSpans', () => {
  it('removes the spans and every relation attached to them, keeping the others', () => {
    const d = removeSpans(annotated(), ['act2'], LATER);
    expect(d.spans.map((s) => s.id)).not.toContain('act2');
    expect(d.relations.map((r) => r.id)).toEqual(['r2']);
    const both = removeSpans(annotated(), ['att1', 'fig1'], LATER);
    expect(both.relations).toEqual([]);
    expect(both.spans.map((s) => s.id).sort()).toEqual(['act1', 'act2', 'cl1']);
    expect(documentProblems(both)).toEqual([]);
  });
});

describe('relationProblem', () => {
  const d = annotated();
  const p = (type: string, from: string, to: string) => relationProblem(d, DEFAULT_SCHEMA, type, from, to);

  it('accepts attribution → actor for source and attribution → claim for content', () => {
    expect(p('source', 'att1', 'act1')).toBe(null);
    const fresh = removeSpans(d, [], LATER);
    expect(relationProblem({ ...fresh, relations: [] }, DEFAULT_SCHEMA, 'content', 'att1', 'cl1')).toBe(null);
  });

  it('explains what is wrong with a relation', () => {
    expect(p('source', 'att1', 'cl1')).toMatch(/source relation must point at actor, not claim/);
    expect(p('content', 'att1', 'act1')).toMatch(/content relation must point at claim, not actor/);
    expect(p('source', 'cl1', 'act1')).toMatch(/must start at attribution, not claim/);
    expect(p('source', 'att1', 'att1')).toMatch(/itself/);
    expect(p('source', 'att1', 'nope')).toMatch(/existing spans/);
    expect(p('blames', 'att1', 'act1')).toMatch(/Unknown relation type "blames"/);
    expect(p('source', 'att1', 'act2')).toMatch(/already exists/);
  });

  it('is enforced by addRelation', () => {
    expect(errorCode(() => addRelation(d, DEFAULT_SCHEMA, { type: 'content', from: 'att1', to: 'act1' }, who))).toBe('bad_relation');
  });
});

describe('applyTextEdit', () => {
  it('grows a span when text is typed inside it', () => {
    const { doc } = insertAt(annotated(), 'Ministry', 'Army ');
    expect(spanText(doc, 'act1')).toBe('Defence Army Ministry');
    expect(documentProblems(doc)).toEqual([]);
  });

  it('keeps text typed exactly at a span boundary outside the span', () => {
    const before = insertAt(annotated(), 'Defence', 'Russian ').doc;
    expect(spanText(before, 'act1')).toBe('Defence Ministry');
    const after = insertAt(annotated(), ' said', "'s press office").doc;
    expect(spanText(after, 'act1')).toBe('Defence Ministry');
    expect(after.text).toContain("Defence Ministry's press office said");
  });

  it('removes a span, and its relations, when all of its words are deleted', () => {
    const { doc, removed } = edit(annotated(), 'officials', 'sources');
    expect(removed.map((s) => s.id)).toEqual(['act2']);
    expect(doc.relations.map((r) => r.id)).toEqual(['r2']);
    expect(documentProblems(doc)).toEqual([]);
  });

  it('removes a span whose words were deleted one at a time', () => {
    let d = annotated();
    d = edit(d, 'Defence', '').doc;
    d = edit(d, 'Ministry', '').doc;
    // only a space is left where "Defence Ministry" was: that is not an annotation any more
    expect(d.spans.map((s) => s.id)).not.toContain('act1');
    expect(documentProblems(d)).toEqual([]);
  });

  it('shrinks a span when part of it is deleted', () => {
    const { doc } = edit(annotated(), 'killed 62 ', '');
    expect(spanText(doc, 'cl1')).toBe('strikes servicemen');
    expect(spanText(doc, 'fig1')).toBe('servicemen');
    const cut = edit(annotated(), ' Ministry', '').doc;
    expect(spanText(cut, 'act1')).toBe('Defence');
  });

  it('keeps a correction typed over the last letters of a span inside the span', () => {
    // the editor sends "select n, type N" as one replacement of the span's last character
    const d = annotated();
    const n = d.spans.find((s) => s.id === 'fig1')!.end - 1;
    const { doc } = applyTextEdit(d, n, n + 1, 'N', LATER);
    expect(spanText(doc, 'fig1')).toBe('62 servicemeN');
    expect(spanText(doc, 'cl1')).toBe('strikes killed 62 servicemeN');
  });

  it('counts code points correctly when an insertion completes a broken surrogate pair', () => {
    // a lone high surrogate (from a damaged import) followed by a pasted lone low one makes one character
    let d = label(docOf('x\uD83D said'), 'claim', 'said', 'c');
    d = applyTextEdit(d, 2, 2, '\uDE80', LATER).doc;
    expect(d.text).toBe('x🚀 said');
    expect(spanText(d, 'c')).toBe('said');
    expect(documentProblems(d)).toEqual([]);
  });

  it('shifts spans after the edit by the change in code points', () => {
    const d = annotated();
    const { doc } = insertAt(d, 'strikes', '👩‍👩‍👧 ');
    const claim = doc.spans.find((s) => s.id === 'cl1')!;
    const old = d.spans.find((s) => s.id === 'cl1')!;
    expect(claim.start - old.start).toBe(6); // five code points of family emoji and a space
    expect(claim.text).toBe('strikes killed 62 servicemen');
    expect(spanText(doc, 'act1')).toBe('Defence Ministry'); // before the edit: untouched
    expect(documentProblems(doc)).toEqual([]);
  });

  it('keeps CRLF and emoji intact around the edit', () => {
    let d = label(docOf('Line 🚀 one\r\nКиев said'), 'actor', 'Киев', 'k');
    d = edit(d, 'one', 'two').doc;
    expect(d.text).toBe('Line 🚀 two\r\nКиев said');
    expect(spanText(d, 'k')).toBe('Киев');
  });

  it('refuses edits outside the text', () => {
    const d = docOf('ab🚀');
    expect(errorCode(() => applyTextEdit(d, 0, 4, '', LATER))).toBe('out_of_range');
    expect(errorCode(() => applyTextEdit(d, 2, 1, '', LATER))).toBe('out_of_range');
  });
});

// ---------------------------------------------------------------------------
// Random edit sequences

type Op =
  | { kind: 'edit'; a: number; b: number; insert: string }
  | { kind: 'add'; a: number; b: number; label: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'relate'; type: string; i: number; j: number }
  | { kind: 'unrelate'; pick: number }
  | { kind: 'resize'; pick: number; a: number; b: number }
  | { kind: 'update'; pick: number; label: string };

const LABELS = DEFAULT_SCHEMA.labels.map((l) => l.name);
const TYPES = DEFAULT_SCHEMA.relationTypes.map((t) => t.name);

/** Insertions: mixed text, and now and then a lone surrogate (a broken paste, an editor diff cut badly). */
const insertText = fc.oneof(
  { weight: 3, arbitrary: mixedText(4) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom('\uD83D', '\uDE80', 'x', '🚀'), { minLength: 1, maxLength: 3 }).map((p) => p.join('')) },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), a: fc.nat(), b: fc.nat(), insert: insertText }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), a: fc.nat(), b: fc.nat(), label: fc.constantFrom(...LABELS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('relate' as const), type: fc.constantFrom(...TYPES), i: fc.nat(), j: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unrelate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resize' as const), pick: fc.nat(), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), label: fc.constantFrom(...LABELS) }) },
);

function editRange(doc: Document, op: { a: number; b: number }): [number, number] {
  const len = cpLength(doc.text);
  return [op.a % (len + 1), op.b % (len + 1)].sort((x, y) => x - y) as [number, number];
}

/** Apply one operation the way the UI would: operations that the model refuses leave the document as it was. */
function run(doc: Document, op: Op, n: number): Document {
  const len = cpLength(doc.text);
  const pick = <T>(xs: T[], k: number): T | undefined => (xs.length ? xs[k % xs.length] : undefined);
  try {
    switch (op.kind) {
      case 'edit': {
        const [a, b] = editRange(doc, op);
        return applyTextEdit(doc, a, b, op.insert, `t${n}`).doc;
      }
      case 'add':
        // deliberately unclamped: out-of-range requests must be refused, not stored
        return addSpan(doc, { label: op.label, start: op.a % (len + 2), end: op.b % (len + 2), id: `s${n}` }, who).doc;
      case 'remove': {
        const s = pick(doc.spans, op.pick);
        return s ? removeSpans(doc, [s.id], `t${n}`) : doc;
      }
      case 'relate': {
        const a = pick(doc.spans, op.i);
        const b = pick(doc.spans, op.j);
        return a && b ? addRelation(doc, DEFAULT_SCHEMA, { type: op.type, from: a.id, to: b.id, id: `r${n}` }, who).doc : doc;
      }
      case 'unrelate': {
        const r = pick(doc.relations, op.pick);
        return r ? removeRelation(doc, r.id, `t${n}`) : doc;
      }
      case 'resize': {
        const s = pick(doc.spans, op.pick);
        return s ? resizeSpan(doc, s.id, op.a % (len + 1), op.b % (len + 2), who) : doc;
      }
      case 'update': {
        const s = pick(doc.spans, op.pick);
        return s ? updateSpan(doc, s.id, { label: op.label }, who) : doc;
      }
    }
  } catch (e) {
    if (e instanceof EditError) return doc;
    throw e;
  }
}

function checkInvariants(doc: Document): void {
  const len = cpLength(doc.text);
  const ids = new Set(doc.spans.map((s) => s.id));
  for (const s of doc.spans) {
    expect(s.start).toBeGreaterThanOrEqual(0);
    expect(s.start).toBeLessThan(s.end);
    expect(s.end).toBeLessThanOrEqual(len);
    expect(s.text).toBe(cpSlice(doc.text, s.start, s.end));
  }
  for (const r of doc.relations) {
    expect(ids.has(r.from)).toBe(true);
    expect(ids.has(r.to)).toBe(true);
  }
  expect(documentProblems(doc, DEFAULT_SCHEMA)).toEqual([]);
}

const scenario = fc.record({
  text: mixedText(20),
  ops: fc.array(opArb, { minLength: 1, maxLength: 60 }),
});

describe('random edit sequences', () => {
  it('never leave a span out of range, a span text that differs from its slice, or a dangling relation', () => {
    fc.assert(
      fc.property(scenario, ({ text, ops }) => {
        let doc = docOf(text);
        ops.forEach((op, n) => {
          const before = doc;
          doc = run(doc, op, n);
          checkInvariants(doc);
          if (op.kind === 'edit') {
            // spans clear of the edit keep their words (recomputing span.text must not hide a wrong shift)
            const [a, b] = editRange(before, op);
            for (const s of before.spans) {
              if (s.end < a || s.start > b) expect(doc.spans.find((x) => x.id === s.id)?.text).toBe(s.text);
            }
          }
        });
      }),
      seeded(300, 'edit invariants'),
    );
  });

  it('never mutate their input, so restoring a snapshot is an exact undo', () => {
    fc.assert(
      fc.property(scenario, ({ text, ops }) => {
        let doc = docOf(text);
        const history: { doc: Document; copy: Document }[] = [];
        ops.forEach((op, n) => {
          const copy = structuredClone(doc);
          history.push({ doc, copy });
          doc = run(doc, op, n);
          expect(history.at(-1)!.doc).toEqual(copy);
        });
        // every snapshot, however old, is still exactly the state it recorded
        for (const h of history) expect(h.doc).toEqual(h.copy);
        // and undoing all the way back gives the document we started from
        expect(history[0]!.doc).toEqual(docOf(text));
      }),
      seeded(300, 'edit immutability'),
    );
  });
});

describe('relationsBrokenByRelabel', () => {
  it('finds a source relation whose actor would become a claim, and nothing for a harmless relabel', () => {
    const text = 'The ministry said the strike killed 62.';
    const who = { annotator: 't', now: '2026-01-01T00:00:00Z' };
    let doc = { id: 'd', title: 't', source: {}, text, status: 'todo' as const, spans: [], relations: [] } as Parameters<typeof addSpan>[0];
    let actorId = '';
    let cueId = '';
    ({ doc, span: { id: actorId } } = addSpan(doc, { label: 'actor', start: 0, end: 12 }, who));
    ({ doc, span: { id: cueId } } = addSpan(doc, { label: 'attribution', start: 13, end: 17 }, who));
    doc = addRelation(doc, DEFAULT_SCHEMA, { type: 'source', from: cueId, to: actorId }, who).doc;
    expect(relationsBrokenByRelabel(doc, DEFAULT_SCHEMA, actorId, 'claim').map((r) => r.type)).toEqual(['source']);
    expect(relationsBrokenByRelabel(doc, DEFAULT_SCHEMA, actorId, 'actor')).toEqual([]);
    expect(relationsBrokenByRelabel(doc, DEFAULT_SCHEMA, cueId, 'figure').map((r) => r.type)).toEqual(['source']);
  });
});

describe('applyTextEdit on any text', () => {
  it('leaves every kept span holding exactly the characters at its offsets, and every relation between kept spans', () => {
    const scene = mixedTextWithLoneSurrogates(30).chain((text) => {
      const n = cpLength(text);
      return fc.record({
        text: fc.constant(text),
        spans: fc.array(fc.tuple(fc.nat(n), fc.nat(n)), { maxLength: 12 }),
        a: fc.nat(n),
        b: fc.nat(n),
        insert: mixedTextWithLoneSurrogates(3),
      });
    });
    fc.assert(
      fc.property(scene, ({ text, spans, a, b, insert }) => {
        let doc = docOf(text);
        spans.forEach(([x, y], i) => {
          const [s, e] = x < y ? [x, y] : [y, x];
          if (s === e) return;
          try {
            doc = addSpan(doc, { label: i % 2 ? 'actor' : 'claim', start: s, end: e, id: `s${i}` }, who).doc;
          } catch {
            // the same label twice on the same characters is refused: fine, one fewer span
          }
        });
        const ids = doc.spans.map((s) => s.id);
        for (let i = 1; i < ids.length; i++) doc = { ...doc, relations: [...doc.relations, { id: `r${i}`, type: 'source', from: ids[i - 1]!, to: ids[i]!, annotator: 'tester' }] };
        const [x, y] = a <= b ? [a, b] : [b, a];
        const { doc: next, removed } = applyTextEdit(doc, x, y, insert, LATER);
        expect(next.spans.length + removed.length).toBe(doc.spans.length);
        for (const s of next.spans) expect(s.text).toBe(cpSlice(next.text, s.start, s.end));
        const kept = new Set(next.spans.map((s) => s.id));
        expect(next.relations).toEqual(doc.relations.filter((r) => kept.has(r.from) && kept.has(r.to)));
      }),
      seeded(400, 'applyTextEdit any text'),
    );
  });
});
