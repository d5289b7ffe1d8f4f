import { useEffect, useState, type RefObject } from 'react';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';

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
}

const MAX_ARCS = 400;

function anchor(root: HTMLElement, spanId: string): DOMRect | null {
  const el = root.querySelector(`[data-span-ids~="${CSS.escape(spanId)}"]`);
  return el ? el.getBoundingClientRect() : null;
}

/**
 * Relations drawn as arcs above the text, from the cue to its source or
 * content, with the type written on the arc. Computed from the model and
 * the rendered highlights after each paint; spans outside the rendered
 * window simply have no arc until they scroll in.
 */
export function RelationArcsPlugin({ rootRef, doc, schema, selectedSpanId }: { rootRef: RefObject<HTMLDivElement | null>; doc: Document; schema: AnnotationSchema; selectedSpanId: string | null }) {
  const [arcs, setArcs] = useState<Arc[]>([]);
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const colors = new Map(schema.relationTypes.map((t) => [t.name, t.color]));
    let frame = 0;
    const compute = (): void => {
      frame = 0;
      const box = root.getBoundingClientRect();
      const out: Arc[] = [];
      for (const r of doc.relations) {
        if (out.length >= MAX_ARCS) break;
        const a = anchor(root, r.from);
        const b = anchor(root, r.to);
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
    // the text is rebuilt by other plugins; recompute once they have painted. Watch only the text, not our own SVG.
    const mutations = new MutationObserver(schedule);
    const content = root.querySelector('.sm-content') ?? root;
    mutations.observe(content, { childList: true, subtree: true });
    root.addEventListener('scroll', schedule, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      mutations.disconnect();
      root.removeEventListener('scroll', schedule);
    };
  }, [rootRef, doc, schema, selectedSpanId]);
  if (!arcs.length) return null;
  return (
    <svg className="relation-arcs" aria-hidden="true" data-testid="relation-arcs">
      {arcs.map((a) => (
        <g key={a.id} className={a.selected ? 'arc selected' : 'arc'} data-relation-id={a.id} data-relation-type={a.type}>
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
