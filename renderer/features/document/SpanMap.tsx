import { useEffect, useRef, useState } from 'react';
import { OffsetIndex } from '../../../shared/text/offsets';
import type { AnnotationSchema, Document, Span } from '../../../shared/model/schema';
import type { DocumentController } from '../../editor/DocumentView';
import { scrollToOffset } from './scroll-to-offset';

const WIDTH = 14;

/**
 * Where am I: a strip beside the document with a mark for every span at its
 * place in the text (one lane per label, in the label's colour, as code
 * editors mark search hits), the part on screen as a thumb, and the reading
 * position in per cent. A click jumps there, rendering that part first (the
 * windowed view has not built it). Drawn on a canvas: 20,000 spans are
 * 20,000 rectangles, not 20,000 elements. A visual aid, so hidden from
 * screen readers; the keyboard has Ctrl+F, Ctrl+Home/End and span stepping.
 */
export function SpanMap({ doc, schema, controller }: { doc: Document; schema: AnnotationSchema; controller: () => DocumentController | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [height, setHeight] = useState(0);
  const [view, setView] = useState({ top: 0, size: 1 });

  // follow the canvas's height
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  // the marks: lanes by label, rows by code point offset over the text's length
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !height) return;
    // drawn when the browser is idle (at most 300 ms later): a label or a keystroke paints first, the map follows
    const { spans, text } = doc;
    const idle = requestIdleCallback(() => drawMarks(el, ctx, spans, text, schema, height), { timeout: 300 });
    return () => cancelIdleCallback(idle);
  }, [doc, schema, height]);



  // the thumb and the position follow the document's scrolling
  useEffect(() => {
    let frame: HTMLElement | null = null;
    let wait = 0;
    const observer = new ResizeObserver(() => update());
    const update = (): void => {
      if (!frame) return;
      const total = Math.max(1, frame.scrollHeight);
      setView({ top: frame.scrollTop / total, size: Math.min(1, frame.clientHeight / total) });
    };
    // the view reports its controller after it mounts: wait a frame or two for it
    const attach = (): void => {
      frame = controller()?.frame ?? null;
      if (!frame?.isConnected) {
        frame = null;
        wait = requestAnimationFrame(attach);
        return;
      }
      frame.addEventListener('scroll', update, { passive: true });
      observer.observe(frame);
      update();
    };
    attach();
    return () => {
      cancelAnimationFrame(wait);
      frame?.removeEventListener('scroll', update);
      observer.disconnect();
    };
  }, [controller, doc.id]);

  const jump = (clientY: number): void => {
    const c = controller();
    const el = canvas.current;
    if (!c || !el || !c.frame) return;
    const box = el.getBoundingClientRect();
    const points = [...doc.text].length;
    const at = Math.min(points, Math.max(0, Math.round(((clientY - box.top) / box.height) * points)));
    // once that part is rendered, in the middle of the screen
    scrollToOffset(c, c.offsetIndex().toUtf16(at), 'center');
  };

  const percent = Math.round(Math.min(1, view.top / Math.max(0.0001, 1 - view.size)) * 100);
  return (
    <div className="span-map" aria-hidden="true" data-testid="span-map" data-marks={doc.spans.length} title={`${percent}% through the document · click to jump`}>
      <canvas ref={canvas} onMouseDown={(e) => jump(e.clientY)} />
      <div className="span-map-thumb" style={{ top: `${view.top * 100}%`, height: `${Math.max(2, view.size * 100)}%` }} />
      <div className="span-map-position" data-testid="reading-position">
        {percent}%
      </div>
    </div>
  );
}

/** The marks: lanes by label, rows by code point offset over the text's length. */
function drawMarks(el: HTMLCanvasElement, ctx: CanvasRenderingContext2D, spans: readonly Span[], text: string, schema: AnnotationSchema, height: number): void {
  const ratio = window.devicePixelRatio || 1;
  el.width = WIDTH * ratio;
  el.height = height * ratio;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, WIDTH, height);
  const lanes = new Map(schema.labels.map((l, i) => [l.name, i]));
  const lane = (WIDTH - 2) / Math.max(1, lanes.size);
  const points = OffsetIndex.of(text).cpLength || 1;
  // one mark per pixel row and lane: 20,000 spans on a 700-pixel strip draw at most 700 rectangles a lane
  const rows = new Uint8Array(Math.max(1, lanes.size) * height);
  for (const s of spans) {
    const i = lanes.get(s.label);
    if (i !== undefined) rows[i * height + Math.min(height - 1, Math.floor((s.start / points) * height))] = 1;
  }
  schema.labels.forEach((l, i) => {
    ctx.fillStyle = l.color;
    for (let y = 0; y < height; y++) if (rows[i * height + y]) ctx.fillRect(1 + i * lane, y, Math.max(1, lane - 0.5), 2);
  });
}
