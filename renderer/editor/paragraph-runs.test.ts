import fc from 'fast-check';
import { $createParagraphNode, $getRoot, createEditor, ParagraphNode, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { SpanRunNode } from './nodes/SpanRunNode';
import { fillParagraph, patchParagraph } from './paragraph-runs';
import { paragraphRuns, type Paragraph, type ViewSpan } from './segments';

const TEXT = 'The ministry said 62 soldiers were killed near the bridge on Monday.';
const P: Paragraph = { index: 0, start: 0, end: TEXT.length, sep: '' } as Paragraph;
const COLORS = new Map([
  ['actor', '#1f77b4'],
  ['figure', '#2ca02c'],
  ['claim', '#d62728'],
]);

const spanArb = fc
  .record({ a: fc.nat(TEXT.length), b: fc.nat(TEXT.length), label: fc.constantFrom('actor', 'figure', 'claim'), id: fc.nat(6) })
  .filter((s) => s.a !== s.b)
  .map((s): ViewSpan => ({ id: `s${s.id}`, label: s.label, start: Math.min(s.a, s.b), end: Math.max(s.a, s.b) }));
const spansArb = fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 6 });

/** What a paragraph shows: each run's offset, text and look, as the DOM would get it. */
function shown(editor: LexicalEditor): { keys: string[]; runs: unknown[] } {
  return editor.getEditorState().read(() => {
    const para = $getRoot().getFirstChild() as ParagraphNode;
    const nodes = para.getChildren() as SpanRunNode[];
    return { keys: nodes.map((n) => n.getKey()), runs: nodes.map((n) => [n.__offset, n.getTextContent(), n.__ids, n.__labels, n.__colors, n.__classes]) };
  });
}

function paragraphEditor(spans: readonly ViewSpan[]): LexicalEditor {
  const editor = createEditor({ nodes: [SpanRunNode], onError: (e) => { throw e; } });
  editor.update(
    () => {
      const para = $createParagraphNode();
      fillParagraph(para, TEXT, paragraphRuns(P, spans), COLORS, undefined);
      $getRoot().append(para);
    },
    { discrete: true },
  );
  return editor;
}

describe('patchParagraph', () => {
  it('leaves a paragraph showing exactly what filling it afresh shows, for any spans before and after', () => {
    fc.assert(
      fc.property(spansArb, spansArb, (before, after) => {
        const patched = paragraphEditor(before);
        patched.update(() => patchParagraph($getRoot().getFirstChild() as ParagraphNode, TEXT, paragraphRuns(P, after), COLORS, undefined), { discrete: true });
        expect(shown(patched).runs).toEqual(shown(paragraphEditor(after)).runs);
      }),
    );
  });

  it('keeps the runs a new span does not touch: labelling "62" replaces the one run it falls in', () => {
    const editor = paragraphEditor([{ id: 'a', label: 'actor', start: 0, end: 12 }]);
    const before = shown(editor);
    const at = TEXT.indexOf('62');
    editor.update(
      () =>
        patchParagraph(
          $getRoot().getFirstChild() as ParagraphNode,
          TEXT,
          paragraphRuns(P, [
            { id: 'a', label: 'actor', start: 0, end: 12 },
            { id: 'f', label: 'figure', start: at, end: at + 2 },
          ]),
          COLORS,
          undefined,
        ),
      { discrete: true },
    );
    const after = shown(editor);
    // "The ministry" stays; the plain run after it becomes three runs: before "62", "62", after it
    expect(after.keys[0]).toBe(before.keys[0]);
    expect(after.runs.map((r) => (r as unknown[])[1])).toEqual(['The ministry', ' said ', '62', TEXT.slice(at + 2)]);
  });
});
