import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getRoot, $getSelection, $isRangeSelection, type ParagraphNode } from 'lexical';
import { useEffect, useRef } from 'react';
import { applyTextEdit } from '../../../shared/model/edits';
import type { Document } from '../../../shared/model/schema';
import { useController } from '../controller';
import { $createSpanRunNode } from '../nodes/SpanRunNode';
import { splitParagraphs } from '../segments';
import { diffText } from '../text-diff';
import { selectOffsets } from '../dom-offsets';
import { LOAD_TAG } from './ContentPlugin';

interface Props {
  doc: Document;
  active: boolean;
}

/**
 * Edit mode: the text becomes editable; every change is turned into one
 * replacement on the model (applyTextEdit), which carries spans along.
 * Line separators are kept from the original text where paragraphs survive,
 * so CRLF documents stay CRLF.
 */
export function EditPlugin({ doc, active }: Props): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const shown = useRef<string | null>(null);
  const docRef = useRef(doc);
  docRef.current = doc;

  useEffect(() => {
    if (!active) {
      shown.current = null;
      return;
    }
    if (shown.current === doc.text) return;
    editor.setEditable(true);
    editor.update(
      () => {
        const root = $getRoot().clear();
        for (const p of splitParagraphs(doc.text)) {
          const para = $createParagraphNode();
          const t = doc.text.slice(p.start, p.end);
          if (t) para.append($createSpanRunNode(t, p.start, { ids: [], labels: [], colors: [] }));
          root.append(para);
        }
      },
      { tag: LOAD_TAG },
    );
    // after an undo or redo the text was rebuilt: put the caret at the start of that change, not at the top
    const change = shown.current === null ? null : diffText(shown.current, doc.text);
    shown.current = doc.text;
    if (change) {
      const at = change.start;
      requestAnimationFrame(() => {
        const root = editor.getRootElement();
        if (root) selectOffsets(root, at, at);
      });
    }
  }, [editor, doc.text, active]);

  useEffect(() => {
    if (!active) return;
    return editor.registerUpdateListener(({ editorState, tags, dirtyElements, dirtyLeaves }) => {
      if (tags.has(LOAD_TAG) || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      const current = docRef.current;
      const { lines, caret } = editorState.read($readLinesAndCaret);
      const { text: next, caret: at } = joinLines(current.text, lines, caret);
      // the caret says where the change happened, so deleting the first of two equal words edits that one
      const d = diffText(current.text, next, at);
      if (!d) return;
      const index = controller.offsetIndex();
      const { doc: edited, removed } = applyTextEdit(current, index.toCodePoint(d.start), index.toCodePoint(d.end, 'end'), d.insert, new Date().toISOString());
      shown.current = edited.text;
      controller.inputs.callbacks.onTextEdit?.(edited, removed.length);
    });
  }, [editor, active, controller]);

  return null;
}

/** Each paragraph's text, and the caret as (line, offset in that line), read inside editor.read(). */
function $readLinesAndCaret(): { lines: string[]; caret: { line: number; offset: number } | null } {
  const paras = $getRoot().getChildren() as ParagraphNode[];
  const lines = paras.map((p) => p.getTextContent());
  const sel = $getSelection();
  if (!$isRangeSelection(sel)) return { lines, caret: null };
  const node = sel.focus.getNode();
  const top = node.getTopLevelElement();
  const line = paras.findIndex((p) => p.is(top));
  if (line < 0) return { lines, caret: null };
  let offset = 0;
  if (sel.focus.type === 'text') {
    for (let n = node.getPreviousSibling(); n; n = n.getPreviousSibling()) offset += n.getTextContentSize();
    offset += sel.focus.offset;
  } else {
    const children = paras[line]!.getChildren().slice(0, sel.focus.offset);
    for (const c of children) offset += c.getTextContentSize();
  }
  return { lines, caret: { line, offset } };
}

/**
 * Rejoin edited lines, reusing the old separators from both ends so a CRLF
 * file keeps its CRLFs, including line breaks typed inside a line (Enter in
 * plain text makes a LineBreakNode, read back as a bare LF). Also maps a
 * (line, offset) caret to an offset in the joined text.
 */
export function joinLines(before: string, rawLines: string[], caret: { line: number; offset: number } | null = null): { text: string; caret: number | undefined } {
  const old = splitParagraphs(before);
  const fallback = old[0]?.sep || '\n';
  const lines = rawLines.map((l) => (fallback === '\n' ? l : l.replace(/\r?\n/g, fallback)));
  const oldLines = old.map((p) => before.slice(p.start, p.end));
  let prefix = 0;
  while (prefix < lines.length && prefix < oldLines.length && lines[prefix] === oldLines[prefix]) prefix++;
  let text = '';
  let at: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (caret && caret.line === i) {
      const raw = rawLines[i]!.slice(0, caret.offset);
      at = text.length + (fallback === '\n' ? raw : raw.replace(/\r?\n/g, fallback)).length;
    }
    text += lines[i];
    if (i === lines.length - 1) break;
    const fromEnd = lines.length - 1 - i; // separators counted from the end
    const sep = i < prefix ? old[i]?.sep : old[old.length - 1 - fromEnd]?.sep;
    text += sep || fallback;
  }
  return { text, caret: at };
}
