import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { $getRoot, $getSelection, $isRangeSelection, COMMAND_PRIORITY_LOW, INSERT_LINE_BREAK_COMMAND, INSERT_PARAGRAPH_COMMAND, type ParagraphNode } from 'lexical';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { applyTextEdit } from '../../../shared/model/edits';
import type { Document } from '../../../shared/model/schema';
import { useController, type TextChange } from '../controller';
import { REVEAL_OFFSET_COMMAND } from '../commands';
import { OffsetIndex } from '../../../shared/text/offsets';
import { splitParagraphs } from '../segments';
import { diffText } from '../text-diff';
import { rendersOffset, selectOffsets, selectionOffsets, topRunOffset } from '../dom-offsets';
import { LOAD_TAG } from './ContentPlugin';

interface Props {
  doc: Document;
  active: boolean;
}

/**
 * Edit mode: the text becomes editable; every change is turned into one
 * replacement on the model (applyTextEdit), which carries spans along.
 * The content plugin shows a window of the text as editable paragraphs;
 * this plugin reads only that window after each keystroke (diffing a few
 * screens of text, not the document), so typing stays O(window) before the
 * model's own O(spans) update. Line separators are kept from the original
 * text where paragraphs survive, so CRLF documents stay CRLF.
 */
export function EditPlugin({ doc, active }: Props): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  /** the text on screen before the last change, to find where an undo or redo put the caret */
  const shown = useRef<string | null>(null);
  /** the newest document: the one this plugin produced, until the app hands over another */
  const latest = useRef(doc);
  const handed = useRef(doc);
  if (handed.current !== doc) handed.current = latest.current = doc;

  useEffect(() => {
    if (!active) {
      shown.current = null;
      return;
    }
    // after an undo or redo the window was rebuilt from the model: put the caret at the start of that change, not at the top
    const change = shown.current === null ? null : diffText(shown.current, doc.text);
    shown.current = doc.text;
    if (change) {
      const at = change.start;
      controller.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, { offset: at, then: (root) => selectOffsets(root, at, at) });
    }
  }, [editor, controller, doc.text, active]);

  // Into edit mode, the keys go to the text: the caret goes where the reader was (the keyboard caret, a click,
  // else the top of the screen). Without it Ctrl+E left the focus on the view's frame, and what a keyboard user
  // typed next scrolled the page or ran shortcuts. The place is read before the content plugin rebuilds the window
  // as editable paragraphs (a layout effect), and the caret put there right after it, in the same task, so a
  // selection the user makes next is never overridden.
  const entry = useRef<number | null>(null);
  useLayoutEffect(() => {
    entry.current = null;
    if (!active) return;
    const root = editor.getRootElement();
    const focused = document.activeElement;
    if (!root || (focused && !controller.frame?.contains(focused) && focused.closest('input, textarea, select, [contenteditable="true"]'))) return;
    const caret = controller.caret !== null && controller.caret <= controller.doc.text.length ? controller.caret : null;
    entry.current = caret ?? selectionOffsets(root)?.end ?? topRunOffset(controller.frame ?? root);
  }, [editor, controller, active]);
  useEffect(() => {
    const at = entry.current;
    entry.current = null;
    if (!active || at === null) return;
    const place = (root: HTMLElement): void => {
      root.focus({ preventScroll: true });
      selectOffsets(root, at, at);
    };
    const root = editor.getRootElement();
    if (root && rendersOffset(root, at)) place(root);
    else editor.dispatchCommand(REVEAL_OFFSET_COMMAND, { offset: at, then: place });
  }, [editor, active]);

  // Enter makes a paragraph, as the model does: the window's paragraphs stay the model's, so nothing is re-rendered
  useEffect(() => {
    if (!active) return;
    const newParagraph = (): boolean => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return false;
      selection.insertParagraph();
      return true;
    };
    return mergeRegister(
      editor.registerCommand(INSERT_LINE_BREAK_COMMAND, newParagraph, COMMAND_PRIORITY_LOW),
      editor.registerCommand(INSERT_PARAGRAPH_COMMAND, newParagraph, COMMAND_PRIORITY_LOW),
    );
  }, [editor, active]);

  useEffect(() => {
    if (!active) return;
    // A key only changes what the window shows: the change is read from the window (a few screens of
    // text) and queued. The model follows after the frame that painted it — the text and the spans
    // carried through the edit (O(spans) on a long document), then the app: panels, span map, save.
    // Anything the user does next (a key, a click, leaving) first hands over what is still queued,
    // so every action sees every typed character.
    let queued: TextChange[] = [];
    let frame = 0;
    let timer = 0;
    const flush = (): void => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      frame = timer = 0;
      const changes = queued;
      queued = [];
      const handed: { doc: Document; removed: number; change: TextChange }[] = [];
      for (const change of changes) {
        const current = latest.current;
        const index = OffsetIndex.of(current.text);
        // the app handed over another text while this waited (a reload): what no longer fits it is dropped, as the window is rebuilt from it
        if (change.end > current.text.length) continue;
        const { doc: edited, removed } = applyTextEdit(current, index.toCodePoint(change.start), index.toCodePoint(change.end, 'end'), change.insert, new Date().toISOString(), index);
        latest.current = edited;
        shown.current = edited.text;
        controller.lastEdit = { before: current.text, after: edited.text, change };
        handed.push({ doc: edited, removed: removed.length, change });
      }
      const w = controller.editWindow;
      if (w && changes.length) controller.editWindow = { ...w, text: latest.current.text, ahead: false };
      for (const h of handed) controller.inputs.callbacks.onTextEdit?.(h.doc, h.removed, h.change);
    };
    const schedule = (): void => {
      if (frame || timer) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = window.setTimeout(flush, 0);
      });
    };
    controller.flushEdits = flush;
    window.addEventListener('keydown', flush, true);
    window.addEventListener('pointerdown', flush, true);
    window.addEventListener('pagehide', flush);
    const unregister = editor.registerUpdateListener(({ editorState, tags, dirtyElements, dirtyLeaves }) => {
      if (tags.has(LOAD_TAG) || (dirtyElements.size === 0 && dirtyLeaves.size === 0)) return;
      const w = controller.editWindow;
      // the window shows another text than the model (a render is on its way): nothing typed can be placed yet
      if (!w || (!w.ahead && w.text !== latest.current.text)) return;
      const { lines, caret } = editorState.read($readLinesAndCaret);
      const before = w.shown ?? w.text.slice(w.from, w.to);
      const { text: next, caret: at } = joinLines(before, lines, caret);
      // the caret says where the change happened, so deleting the first of two equal words edits that one
      const d = diffText(before, next, at);
      if (!d) return;
      const start = w.from + d.start;
      const change = { start, end: w.from + d.end, insert: d.insert };
      controller.editWindow = { text: w.text, from: w.from, to: w.to + d.insert.length - (d.end - d.start), caret: start + d.insert.length, shown: next, ahead: true };
      queued.push(change);
      if (queued.length === 1) controller.inputs.callbacks.onTextEditPending?.();
      schedule();
    });
    return () => {
      unregister();
      window.removeEventListener('keydown', flush, true);
      window.removeEventListener('pointerdown', flush, true);
      window.removeEventListener('pagehide', flush);
      flush();
      controller.flushEdits = null;
    };
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
