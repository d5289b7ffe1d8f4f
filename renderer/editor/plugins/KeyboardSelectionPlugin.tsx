import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useRef, type RefObject } from 'react';
import type { Document } from '../../../shared/model/schema';
import { nextWordStart, prevWordStart, sentenceStarts, wordEndAfter } from '../../../shared/text/snap';
import { selectOffsets, selectionOffsets } from '../dom-offsets';
import { REVEAL_OFFSET_COMMAND } from './ContentPlugin';

type Move = (text: string, at: number) => number;

/** Caret and selection moves, as data: key combination → how the focus moves. */
const MOVES: { match: (e: KeyboardEvent) => boolean; move: Move; extend: boolean }[] = [
  { match: (e) => e.ctrlKey && !e.shiftKey && e.key === 'ArrowRight', move: nextWordStart, extend: false },
  { match: (e) => e.ctrlKey && !e.shiftKey && e.key === 'ArrowLeft', move: (t, i) => prevWordStart(t, i), extend: false },
  { match: (e) => e.ctrlKey && e.shiftKey && e.key === 'ArrowRight', move: (t, i) => wordEndAfter(t, i), extend: true },
  { match: (e) => e.ctrlKey && e.shiftKey && e.key === 'ArrowLeft', move: (t, i) => shrinkLeft(t, i), extend: true },
  { match: (e) => !e.ctrlKey && e.shiftKey && e.key === 'ArrowRight', move: (t, i) => Math.min(t.length, i + 1), extend: true },
  { match: (e) => !e.ctrlKey && e.shiftKey && e.key === 'ArrowLeft', move: (_t, i) => Math.max(0, i - 1), extend: true },
  { match: (e) => e.ctrlKey && e.key === 'Home', move: () => 0, extend: false },
  { match: (e) => e.ctrlKey && e.key === 'End', move: (t) => t.length, extend: false },
  { match: (e) => (e.ctrlKey || e.altKey) && e.key === 'ArrowDown', move: (t, i) => sentenceStarts(t).find((s) => s > i) ?? t.length, extend: false },
  { match: (e) => (e.ctrlKey || e.altKey) && e.key === 'ArrowUp', move: (t, i) => [...sentenceStarts(t)].reverse().find((s) => s < i) ?? 0, extend: false },
];

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
 * key then labels it like a mouse selection.
 */
export function KeyboardSelectionPlugin({ rootRef, doc }: { rootRef: RefObject<HTMLDivElement | null>; doc: Document }): null {
  const [editor] = useLexicalComposerContext();
  const caret = useRef({ anchor: 0, focus: 0 });
  /** the DOM selection as it read back after our last move; a different one means the user moved it */
  const applied = useRef<{ start: number; end: number } | null>(null);
  const text = useRef(doc.text);
  text.current = doc.text;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const root = rootRef.current;
      const t = e.target as HTMLElement | null;
      if (!root || (t && t.closest('input, textarea, select, [data-no-hotkeys]'))) return;
      const rule = MOVES.find((m) => m.match(e));
      if (!rule) return;
      e.preventDefault();
      const current = selectionOffsets(root);
      const ours = current && applied.current && current.start === applied.current.start && current.end === applied.current.end;
      // follow the user's own selection when they made one with the mouse
      if (current && !ours) caret.current = { anchor: current.start, focus: current.end };
      const focus = rule.move(text.current, caret.current.focus);
      caret.current = rule.extend ? { anchor: caret.current.anchor, focus } : { anchor: focus, focus };
      // places the caret as it is when this runs, so a late placement never undoes a later key
      const place = (): boolean => {
        const start = Math.min(caret.current.anchor, caret.current.focus);
        const end = Math.max(caret.current.anchor, caret.current.focus);
        selectOffsets(root, start, end);
        applied.current = selectionOffsets(root);
        window.getSelection()?.focusNode?.parentElement?.scrollIntoView({ block: 'nearest' });
        return applied.current?.start === start && applied.current?.end === end;
      };
      if (!place()) {
        // the jump landed outside the rendered window: render it, then place the selection again
        editor.dispatchCommand(REVEAL_OFFSET_COMMAND, focus);
        requestAnimationFrame(() => requestAnimationFrame(() => void place()));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rootRef, editor]);
  return null;
}
