import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLICK_COMMAND, COMMAND_PRIORITY_LOW } from 'lexical';
import { useEffect, useRef } from 'react';
import { SELECT_SPAN_COMMAND } from '../commands';
import { useController } from '../controller';

/**
 * A click on a highlight selects its innermost span; clicking the same spot
 * again cycles through the spans stacked there.
 */
export function SpanClickPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  // keyed by the stack of ids, not the element: a later update may re-create the run's element
  const last = useRef<{ key: string; i: number }>({ key: '', i: 0 });
  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (e) => {
          const sel = window.getSelection();
          if (sel && !sel.isCollapsed) return false; // a drag is a selection, not a click
          const el = (e.target as HTMLElement).closest<HTMLElement>('[data-span-ids]');
          if (!el) {
            if (controller.inputs.selectedSpanId) editor.dispatchCommand(SELECT_SPAN_COMMAND, null);
            return false;
          }
          const ids = (el.dataset.spanIds ?? '').split(' ').filter(Boolean).reverse(); // innermost first
          const key = el.dataset.spanIds ?? '';
          const i = last.current.key === key ? (last.current.i + 1) % ids.length : 0;
          last.current = { key, i };
          editor.dispatchCommand(SELECT_SPAN_COMMAND, ids[i] ?? null);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, controller],
  );
  return null;
}
