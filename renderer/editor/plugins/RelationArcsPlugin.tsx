import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useMemo, useState } from 'react';
import type { AnnotationSchema, Document, Relation } from '../../../shared/model/schema';
import { useController, type Decoration } from '../controller';

interface Arc {
  id: string;
  type: string;
  color: string;
  d: string;
  /** arrowhead at the target, pointing down onto it */
  head: string;
  labelX: number;
  labelY: number;
  selected: boolean;
  className: string;
  title: string;
}

const MAX_ARCS = 400;

/**
 * Where each span rendered in the window starts, measured lazily. One pass
 * over the rendered highlights: a query per relation end scanned the whole
 * view twice per relation, 5 s of a 13 s profile with 6,000 relations.
 */
function anchors(root: HTMLElement): { rendered: Iterable<string>; rect: (spanId: string) => DOMRect | null } {
  const first = new Map<string, HTMLElement>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-span-ids]')) {
    for (const id of (el.dataset.spanIds ?? '').split(' ')) if (!first.has(id)) first.set(id, el);
  }
  const rects = new Map<string, DOMRect>();
  return {
    rendered: first.keys(),
    rect: (spanId) => {
      const el = first.get(spanId);
      if (!el) return null;
      let rect = rects.get(spanId);
      // the run's first line: a run wrapped over two lines has a bounding box whose middle is on neither
      if (!rect) rects.set(spanId, (rect = el.getClientRects()[0] ?? el.getBoundingClientRect()));
      return rect;
    },
  };
}

/** Relations by the span they start from, so a redraw visits the relations of the rendered spans only (a window holds a few hundred of 20,000). */
function bySource(relations: readonly Relation[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  relations.forEach((r, i) => {
    const list = out.get(r.from);
    if (list) list.push(i);
    else out.set(r.from, [i]);
  });
  return out;
}

interface Props {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  /** extra classes by relation id (review candidates) */
  decorations: ReadonlyMap<string, Decoration> | undefined;
}

/**
 * Relations drawn as arcs above the text, from the cue to its source or
 * content, with the type written on the arc. Computed from the model and
 * the rendered highlights: redrawn from the editor's update listener (the
 * runs changed), on resize and on scroll; spans outside the rendered window
 * simply have no arc until they scroll in.
 */
export function RelationArcsPlugin({ doc, schema, selectedSpanId, decorations }: Props) {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const [arcs, setArcs] = useState<Arc[]>([]);
  // spans change far more often than relations (the relations array is kept when no relation changed)
  const from = useMemo(() => bySource(doc.relations), [doc.relations]);
  useEffect(() => {
    const root = controller.frame;
    if (!root) return;
    const colors = new Map(schema.relationTypes.map((t) => [t.name, t.color]));
    let frame = 0;
    const compute = (): void => {
      frame = 0;
      const box = root.getBoundingClientRect();
      const out: Arc[] = [];
      const anchor = anchors(root);
      const drawn: number[] = [];
      for (const id of anchor.rendered) for (const i of from.get(id) ?? []) drawn.push(i);
      // in the document's order: which arcs the cap keeps, and their stacking, do not depend on where a span was met
      drawn.sort((x, y) => x - y);
      for (const i of drawn) {
        const r = doc.relations[i]!;
        if (out.length >= MAX_ARCS) break;
        const a = anchor.rect(r.from);
        const b = anchor.rect(r.to);
        if (!a || !b) continue;
        const x1 = a.left + a.width / 2 - box.left + root.scrollLeft;
        const y1 = a.top - box.top + root.scrollTop + 2;
        const x2 = b.left + b.width / 2 - box.left + root.scrollLeft;
        const y2 = b.top - box.top + root.scrollTop + 2;
        const lift = Math.min(60, 14 + Math.abs(x2 - x1) / 8 + Math.abs(y2 - y1) / 4);
        const cy = Math.min(y1, y2) - lift;
        out.push({
          id: r.id,
          type: r.type,
          color: colors.get(r.type) ?? '#888888',
          d: `M ${x1} ${y1} C ${x1} ${cy}, ${x2} ${cy}, ${x2} ${y2 - 4}`,
          head: `M ${x2 - 4} ${y2 - 7} L ${x2 + 4} ${y2 - 7} L ${x2} ${y2} Z`,
          labelX: (x1 + x2) / 2,
          labelY: cy + lift * 0.25,
          selected: r.from === selectedSpanId || r.to === selectedSpanId,
          className: decorations?.get(r.id)?.className ?? '',
          title: decorations?.get(r.id)?.title ?? '',
        });
      }
      // only re-render when an arc moved: the SVG lives inside the view, so needless renders would feed the observers
      setArcs((prev) => (JSON.stringify(prev) === JSON.stringify(out) ? prev : out));
    };
    const schedule = (): void => {
      if (!frame) frame = requestAnimationFrame(compute);
    };
    schedule();
    const observer = new ResizeObserver(schedule);
    observer.observe(root);
    // zoom, line spacing and text width move the text without resizing the frame or updating the editor
    const content = editor.getRootElement();
    if (content) observer.observe(content);
    // runs are rebuilt by other plugins (windowing, edits): their update is the cue to redraw
    const unregister = editor.registerUpdateListener(schedule);
    root.addEventListener('scroll', schedule, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      unregister();
      root.removeEventListener('scroll', schedule);
    };
  }, [editor, controller, doc, from, schema, selectedSpanId, decorations]);
  if (!arcs.length) return null;
  return (
    <svg className="relation-arcs" aria-hidden="true" data-testid="relation-arcs">
      {arcs.map((a) => (
        <g key={a.id} className={`arc${a.selected ? ' selected' : ''}${a.className ? ` ${a.className}` : ''}`} data-relation-id={a.id} data-relation-type={a.type}>
          {a.title && <title>{a.title}</title>}
          <path d={a.d} stroke={a.color} />
          <path className="head" d={a.head} style={{ fill: a.color }} />
          <text x={a.labelX} y={a.labelY} fill={a.color}>
            {a.type}
          </text>
        </g>
      ))}
    </svg>
  );
}
