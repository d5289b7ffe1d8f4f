import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_LOW, mergeRegister } from 'lexical';
import { useEffect } from 'react';
import type { AnnotationSchema, Span } from '../../../shared/model/schema';
import { LINK_SPANS_COMMAND, START_LINK_COMMAND } from '../commands';
import { useController, type DocumentController } from '../controller';

function stackAt(target: EventTarget | null, controller: DocumentController): Span[] {
  const el = (target as HTMLElement | null)?.closest<HTMLElement>('[data-span-ids]');
  const ids = (el?.dataset.spanIds ?? '').split(' ').filter(Boolean).reverse(); // innermost first
  return ids.map((id) => controller.span(id)).filter((s): s is Span => !!s);
}

const allows = (list: string[], label: string): boolean => !list.length || list.includes(label);

/** The first relation type the schema allows between any span of each stack, innermost first. */
export function relationFor(schema: AnnotationSchema, from: Span[], to: Span[]): { type: string; from: Span; to: Span } | null {
  for (const a of from)
    for (const b of to) {
      if (a.id === b.id) continue;
      const t = schema.relationTypes.find((rt) => allows(rt.from, a.label) && allows(rt.to, b.label));
      if (t) return { type: t.name, from: a, to: b };
    }
  return null;
}

/**
 * Ctrl+drag from one highlight to another links them, with the relation
 * type the schema allows between their labels (an attribution dragged to an
 * actor makes a source, to a claim a content).
 */
export function DragLinkPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  useEffect(() => {
    let from: Span[] = [];
    let detach = (): void => undefined;
    const onUp = (e: MouseEvent): void => {
      if (!from.length) return;
      controller.frame?.classList.remove('linking');
      const to = stackAt(e.target, controller);
      const source = from;
      from = [];
      if (!to.length) return;
      const r = relationFor(controller.inputs.schema, source, to);
      if (r) editor.dispatchCommand(LINK_SPANS_COMMAND, { type: r.type, from: r.from.id, to: r.to.id });
      else controller.notify(`No relation type in the schema goes from ${source[0]!.label} to ${to[0]!.label}.`, 'info');
    };
    const unregisterRoot = editor.registerRootListener((root) => {
      detach();
      if (!root) return;
      const onDown = (e: MouseEvent): void => {
        if (!(e.ctrlKey || e.metaKey) || e.button !== 0) return;
        const stack = stackAt(e.target, controller);
        if (!stack.length) return;
        e.preventDefault(); // a link drag, not a text selection
        editor.dispatchCommand(START_LINK_COMMAND, { from: stack.map((s) => s.id) });
        from = stack;
      };
      root.addEventListener('mousedown', onDown);
      // the drag may end anywhere, even outside the view
      window.addEventListener('mouseup', onUp);
      detach = () => {
        root.removeEventListener('mousedown', onDown);
        window.removeEventListener('mouseup', onUp);
      };
    });
    return mergeRegister(
      unregisterRoot,
      () => detach(),
      editor.registerCommand(
        START_LINK_COMMAND,
        () => {
          controller.frame?.classList.add('linking');
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, controller]);
  return null;
}
