import { useEffect, type RefObject } from 'react';
import type { AnnotationSchema, Document, Span } from '../../../shared/model/schema';
import { link, notify } from '../../app/actions';

interface Props {
  rootRef: RefObject<HTMLDivElement | null>;
  doc: Document;
  schema: AnnotationSchema;
}

function stackAt(target: EventTarget | null, doc: Document): Span[] {
  const el = (target as HTMLElement | null)?.closest<HTMLElement>('[data-span-ids]');
  const ids = (el?.dataset.spanIds ?? '').split(' ').filter(Boolean).reverse(); // innermost first
  return ids.map((id) => doc.spans.find((s) => s.id === id)).filter((s): s is Span => !!s);
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
export function DragLinkPlugin({ rootRef, doc, schema }: Props): null {
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    let from: Span[] = [];
    const onDown = (e: MouseEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.button !== 0) return;
      from = stackAt(e.target, doc);
      if (!from.length) return;
      e.preventDefault(); // a link drag, not a text selection
      root.classList.add('linking');
    };
    const onUp = (e: MouseEvent): void => {
      if (!from.length) return;
      root.classList.remove('linking');
      const to = stackAt(e.target, doc);
      const source = from;
      from = [];
      if (!to.length) return;
      const r = relationFor(schema, source, to);
      if (r) link(r.type, r.from.id, r.to.id);
      else notify(`No relation type in the schema goes from ${source[0]!.label} to ${to[0]!.label}.`, 'info');
    };
    root.addEventListener('mousedown', onDown);
    window.addEventListener('mouseup', onUp);
    return () => {
      root.removeEventListener('mousedown', onDown);
      window.removeEventListener('mouseup', onUp);
    };
  }, [rootRef, doc, schema]);
  return null;
}
