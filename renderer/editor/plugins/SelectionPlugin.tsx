import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $isElementNode, type LexicalEditor } from 'lexical';
import { useEffect, useRef } from 'react';
import { $isSpanRunNode } from '../nodes/SpanRunNode';

const SELECTED = 'sm-selected';

/**
 * The selected span is a class on the elements of its runs, toggled through
 * editor.getElementByKey: selecting never rebuilds runs. Runs that a later
 * update re-creates get the class again from the update listener, before
 * the browser paints. A new selection is scrolled into view.
 */
export function SelectionPlugin({ selectedSpanId }: { selectedSpanId: string | null }): null {
  const [editor] = useLexicalComposerContext();
  const selected = useRef(selectedSpanId);
  // read by the update listener, which can run (from ContentPlugin's effect) before this plugin's effect
  selected.current = selectedSpanId;
  const marked = useRef<HTMLElement[]>([]);

  useEffect(() => {
    const apply = (): void => {
      marked.current = mark(editor, selected.current, marked.current);
    };
    apply();
    return editor.registerUpdateListener(apply);
  }, [editor]);

  useEffect(() => {
    marked.current = mark(editor, selectedSpanId, marked.current);
    if (!selectedSpanId) return;
    const frame = requestAnimationFrame(() => marked.current[0]?.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [editor, selectedSpanId]);

  return null;
}

function mark(editor: LexicalEditor, id: string | null, before: readonly HTMLElement[]): HTMLElement[] {
  const now: HTMLElement[] = [];
  if (id) {
    editor.getEditorState().read(() => {
      for (const para of $getRoot().getChildren()) {
        if (!$isElementNode(para)) continue;
        for (const run of para.getChildren()) {
          if (!$isSpanRunNode(run) || !run.getIds().includes(id)) continue;
          const el = editor.getElementByKey(run.getKey());
          if (el) now.push(el);
        }
      }
    });
  }
  const keep = new Set(now);
  for (const el of before) if (!keep.has(el)) el.classList.remove(SELECTED);
  for (const el of now) el.classList.add(SELECTED);
  return now;
}
