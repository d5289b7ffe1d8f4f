import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_NORMAL, KEY_DOWN_COMMAND, mergeRegister } from 'lexical';
import { useEffect, useRef } from 'react';
import { BINDINGS, matchesKey } from '../../../shared/keymap';
import { paragraphDirection, visualCaretCommand } from '../../../shared/text/bidi';
import { nextWordStart, prevWordStart, sentenceStarts, wordEndAfter } from '../../../shared/text/snap';
import { REVEAL_OFFSET_COMMAND, STEP_SPAN_COMMAND } from '../commands';
import { useController } from '../controller';
import { selectOffsets, selectionOffsets } from '../dom-offsets';

type Move = (text: string, at: number) => number;

/** What each caret command of the keymap does: how the focus moves, and whether the anchor stays. */
const MOVES: Record<string, { move: Move; extend: boolean }> = {
  'caret-word-next': { move: nextWordStart, extend: false },
  'caret-word-previous': { move: (t, i) => prevWordStart(t, i), extend: false },
  'select-word-grow': { move: (t, i) => wordEndAfter(t, i), extend: true },
  'select-word-shrink': { move: (t, i) => shrinkLeft(t, i), extend: true },
  'select-char-grow': { move: (t, i) => Math.min(t.length, i + 1), extend: true },
  'select-char-shrink': { move: (_t, i) => Math.max(0, i - 1), extend: true },
  'caret-start': { move: () => 0, extend: false },
  'caret-end': { move: (t) => t.length, extend: false },
  'caret-sentence-next': { move: (t, i) => sentenceStarts(t).find((s) => s > i) ?? t.length, extend: false },
  'caret-sentence-previous': { move: (t, i) => [...sentenceStarts(t)].reverse().find((s) => s < i) ?? 0, extend: false },
};
const CARET_BINDINGS = BINDINGS.filter((b) => b.scope === 'document' && b.command in MOVES);
const STEP_BINDINGS = BINDINGS.filter((b) => b.command === 'span-next' || b.command === 'span-previous');

/** Move back to the end of the previous word, so Ctrl+Shift+← shrinks a selection word by word. */
function shrinkLeft(text: string, i: number): number {
  const start = prevWordStart(text, i);
  if (start <= 0) return 0;
  let p = start;
  while (p > 0 && /\s|[,.;:!?"'“”«»()]/u.test(text[p - 1]!)) p--;
  return p;
}

/**
 * Keyboard-first selection in the read-only annotation view: the caret moves
 * by word and sentence, the selection grows and shrinks by word, and a label
 * key then labels it like a mouse selection. `.` and `,` step through the
 * spans. Keys come from the view's KEY_DOWN_COMMAND, so they act only while
 * the document has focus.
 */
export function KeyboardSelectionPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const caret = useRef({ anchor: 0, focus: 0 });
  /** the DOM selection as it read back after our last move; a different one means the user moved it */
  const applied = useRef<{ start: number; end: number } | null>(null);

  useEffect(() => {
    const onCaretKey = (e: KeyboardEvent): boolean => {
      const root = editor.getRootElement();
      const binding = CARET_BINDINGS.find((b) => matchesKey(b.key, e));
      if (!root || !binding) return false;
      e.preventDefault();
      const text = controller.doc.text;
      const current = selectionOffsets(root);
      const ours = current && applied.current && current.start === applied.current.start && current.end === applied.current.end;
      // follow the user's own selection when they made one with the mouse
      if (current && !ours) caret.current = { anchor: current.start, focus: current.end };
      // ← and → go the way the user sees: backwards in a right-to-left paragraph
      const rule = MOVES[visualCaretCommand(binding.command, paragraphDirection(text, caret.current.focus))]!;
      const focus = rule.move(text, caret.current.focus);
      caret.current = rule.extend ? { anchor: caret.current.anchor, focus } : { anchor: focus, focus };
      // places the caret as it is when this runs, so a late placement never undoes a later key
      const place = (): boolean => {
        const start = Math.min(caret.current.anchor, caret.current.focus);
        const end = Math.max(caret.current.anchor, caret.current.focus);
        selectOffsets(root, start, end);
        controller.caret = caret.current.focus;
        applied.current = selectionOffsets(root);
        window.getSelection()?.focusNode?.parentElement?.scrollIntoView({ block: 'nearest' });
        return applied.current?.start === start && applied.current?.end === end;
      };
      // the jump landed outside the rendered window: place the selection once the window has settled there
      // (a selection left elsewhere would read as the user's own on the next key)
      if (!place()) editor.dispatchCommand(REVEAL_OFFSET_COMMAND, { offset: focus, then: place });
      return true;
    };
    const onStepKey = (e: KeyboardEvent): boolean => {
      const binding = STEP_BINDINGS.find((b) => matchesKey(b.key, e));
      if (!binding) return false;
      e.preventDefault();
      return editor.dispatchCommand(STEP_SPAN_COMMAND, binding.command === 'span-next' ? 1 : -1);
    };
    return mergeRegister(editor.registerCommand(KEY_DOWN_COMMAND, onCaretKey, COMMAND_PRIORITY_NORMAL), editor.registerCommand(KEY_DOWN_COMMAND, onStepKey, COMMAND_PRIORITY_NORMAL));
  }, [editor, controller]);
  return null;
}
