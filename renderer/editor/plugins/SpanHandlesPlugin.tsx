import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_CRITICAL, COMMAND_PRIORITY_EDITOR, KEY_DOWN_COMMAND, mergeRegister } from 'lexical';
import { useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { paragraphDirection } from '../../../shared/text/bidi';
import { dragSpanEdge } from '../../../shared/text/span-bounds';
import { ADJUST_SPAN_COMMAND } from '../commands';
import { useController, type DocumentController, type DocumentViewCallbacks } from '../controller';
import { domPointToOffset, rangeOfOffsets } from '../dom-offsets';

type Edge = 'start' | 'end';

interface Grip {
  edge: Edge;
  x: number;
  y: number;
  height: number;
}

/** the proposed bounds, painted while a grip is dragged: no DOM change, so Lexical's tree stays as it is */
const PREVIEW = 'span-drag';

/** Auto-scroll while a grip is dragged starts this close to the view's top or bottom edge (px)… */
const EDGE_ZONE = 24;
/** …at this speed (px/s), growing with the distance past that line up to the cap. */
const MIN_SPEED = 120;
const SPEED_PER_PX = 12;
const MAX_SPEED = 4000;

/** The direction the text of [from, to) runs in, as its first strong character says (a number alone runs left to right). */
function direction(text: string, from: number, to: number): 'ltr' | 'rtl' {
  return paragraphDirection(text.slice(from, to), 0);
}

/**
 * Where one edge of [start, end) is drawn, in the frame's scrolled
 * coordinates; null when that part of the text is not rendered (the
 * windowed view keeps only what is near the screen).
 */
function edgeAt(controller: DocumentController, root: HTMLElement, edge: Edge, start: number, end: number): Grip | null {
  const text = controller.doc.text;
  const frame = controller.frame!;
  // the character at the edge: rendered or not, and on which line it wrapped to
  const cp = edge === 'start' ? (text.codePointAt(start) ?? 0) : (text.codePointAt(end - 2) ?? 0);
  const width = cp > 0xffff ? 2 : 1;
  const a = edge === 'start' ? start : end - width;
  const char = rangeOfOffsets(root, a, a + width);
  if (!char || char.toString() !== text.slice(a, a + width)) return null;
  const charRects = char.getClientRects();
  const at = edge === 'start' ? charRects[0] : charRects[charRects.length - 1];
  const span = rangeOfOffsets(root, start, end);
  if (!at || !span) return null;
  // the span's boxes on that line: a number inside Arabic text is laid out left to right in a box of its own,
  // so the span's edge is the outermost box on the line, not the edge character's side
  const line = [...span.getClientRects()].filter((r) => r.width > 0 && r.height <= at.height * 2 && r.top < at.bottom && r.bottom > at.top);
  const lineStart = edge === 'start' ? start : Math.max(start, text.lastIndexOf('\n', end - 1) + 1);
  const rtl = direction(text, lineStart, end) === 'rtl';
  // a span's start is its left edge in left-to-right text and its right edge in right-to-left text
  const left = (edge === 'start') !== rtl;
  const x = line.length ? (left ? Math.min(...line.map((r) => r.left)) : Math.max(...line.map((r) => r.right))) : left ? at.left : at.right;
  const box = frame.getBoundingClientRect();
  return { edge, x: x - box.left + frame.scrollLeft - frame.clientLeft, y: at.top - box.top + frame.scrollTop - frame.clientTop, height: at.height };
}

/** The text position under the pointer, as a global UTF-16 offset; null off the text. */
function offsetAtPoint(root: HTMLElement, x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const pos = doc.caretPositionFromPoint?.(x, y);
  const point = pos ? { node: pos.offsetNode, offset: pos.offset } : (() => {
    const r = document.caretRangeFromPoint?.(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  })();
  if (!point || !root.contains(point.node)) return null;
  return domPointToOffset(point.node, point.offset);
}

function samePlaces(a: readonly Grip[], b: readonly Grip[]): boolean {
  return a.length === b.length && a.every((g, i) => g.edge === b[i]!.edge && Math.abs(g.x - b[i]!.x) < 0.5 && Math.abs(g.y - b[i]!.y) < 0.5 && g.height === b[i]!.height);
}

interface Props {
  selectedSpanId: string | null;
  onAdjustSpan: DocumentViewCallbacks['onAdjustSpan'];
}

/**
 * Grips at both ends of the selected span (only that one, so 20k spans
 * cost nothing): dragging one moves that end, word by word as
 * Shift+Alt+arrows do (exact characters with Alt held or snapping off),
 * never past the other end. The drag is previewed with a CSS highlight,
 * Esc cancels it, and releasing the mouse makes one undoable update of the
 * same span, so its id, note and relations stay. Held near or past the
 * view's top or bottom edge, the view scrolls (faster the further past), so
 * an end can reach text that was not on screen.
 */
export function SpanHandlesPlugin({ selectedSpanId, onAdjustSpan }: Props) {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const [grips, setGrips] = useState<Grip[]>([]);
  const report = useRef(onAdjustSpan);
  report.current = onAdjustSpan;
  // set by the placement effect: re-measure now (a drag moved a grip)
  const replace = useRef<() => void>(() => undefined);
  // set while a drag is on: end it, keeping (true) or dropping the proposed bounds
  const finish = useRef<((keep: boolean) => void) | null>(null);

  useEffect(() => {
    const frame = controller.frame;
    const span = selectedSpanId ? controller.span(selectedSpanId) : undefined;
    // suggestions are pseudo-spans drawn hollow: accepting them is how they change
    if (!frame || !span || controller.inputs.decorations.spans?.get(span.id)?.hollow) {
      setGrips([]);
      return;
    }
    let raf = 0;
    const place = (): void => {
      raf = 0;
      const root = editor.getRootElement();
      const now = controller.span(span.id);
      if (!root || !now) return setGrips([]);
      const index = controller.offsetIndex();
      const drag = controller.spanDrag;
      const start = drag ? drag.start : index.toUtf16(now.start);
      const end = drag ? drag.end : index.toUtf16(now.end);
      const next = (['start', 'end'] as const).map((edge) => edgeAt(controller, root, edge, start, end)).filter((g): g is Grip => !!g);
      // only re-render when a grip moved: the grips live inside the view, so needless renders would feed the observers
      setGrips((prev) => (samePlaces(prev, next) ? prev : next));
    };
    let timer = 0;
    const schedule = (): void => {
      if (raf || timer) return;
      // while dragging, a grip follows the pointer within the frame; otherwise grips are placed just after the frame
      // that shows the change, so a label or a deletion paints without waiting for their layout reads
      if (controller.spanDrag) raf = requestAnimationFrame(place);
      else
        raf = requestAnimationFrame(() => {
          raf = 0;
          timer = window.setTimeout(() => {
            timer = 0;
            place();
          }, 0);
        });
    };
    replace.current = schedule;
    schedule();
    const observer = new ResizeObserver(schedule);
    observer.observe(frame);
    // zoom, line spacing and text width re-lay the text out without an editor update or a new frame size
    const content = editor.getRootElement();
    if (content) observer.observe(content);
    frame.addEventListener('scroll', schedule, { passive: true });
    return mergeRegister(
      // runs are rebuilt by other plugins (windowing, edits, zoom): their update is the cue to re-place
      editor.registerUpdateListener(schedule),
      () => {
        cancelAnimationFrame(raf);
        clearTimeout(timer);
        observer.disconnect();
        frame.removeEventListener('scroll', schedule);
        finish.current?.(false);
        replace.current = () => undefined;
      },
    );
  }, [editor, controller, selectedSpanId]);

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          ADJUST_SPAN_COMMAND,
          ({ id, start, end }) => {
            const index = controller.offsetIndex();
            report.current?.(id, index.toCodePoint(start), index.toCodePoint(end, 'end'));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        // Esc while dragging puts the span back as it was; nothing else may take that Esc (it would deselect the span)
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (e) => {
            if (!finish.current || e.key !== 'Escape') return false;
            e.preventDefault();
            finish.current(false);
            return true;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
    [editor, controller],
  );

  const startDrag = (edge: Edge) => (e: ReactMouseEvent<HTMLButtonElement>): void => {
    const root = editor.getRootElement();
    const frame = controller.frame;
    const span = selectedSpanId ? controller.span(selectedSpanId) : undefined;
    if (e.button !== 0 || !root || !frame || !span) return;
    e.preventDefault(); // no text selection, and the keyboard stays with the view (Esc must reach it)
    controller.focus();
    const text = controller.doc.text;
    const index = controller.offsetIndex();
    const from = { start: index.toUtf16(span.start), end: index.toUtf16(span.end) };
    controller.spanDrag = { id: span.id, edge, ...from };
    frame.classList.add('span-dragging');
    const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
    // the pointer's last place: auto-scroll keeps moving the end under it while it is held still past an edge
    let pointer = { x: 0, y: 0, alt: false };
    let scrolling = 0;
    let last = 0;
    const follow = (): void => {
      const drag = controller.spanDrag;
      const box = frame.getBoundingClientRect();
      // past the view's top or bottom the text under the pointer is the text at that edge of the view
      const y = Math.min(Math.max(pointer.y, box.top + 2), box.bottom - 2);
      const x = Math.min(Math.max(pointer.x, box.left + 2), box.right - 2);
      const to = offsetAtPoint(root, x, y);
      if (!drag || to === null) return;
      const exact = pointer.alt || !controller.inputs.snapToWords;
      const r = dragSpanEdge(text, from.start, from.end, edge, to, exact);
      // past the other end the span keeps the last bounds it could have; anywhere else with no change, its own
      const crossed = edge === 'end' ? to <= from.start : to >= from.end;
      const next = r ?? (crossed ? drag : from);
      controller.spanDrag = { ...drag, start: next.start, end: next.end };
      const preview = rangeOfOffsets(root, next.start, next.end);
      if (registry && preview) registry.set(PREVIEW, new Highlight(preview));
      replace.current();
    };
    /** How far the pointer is past the view's top (negative) or bottom (positive) edge, in px; 0 inside. */
    const beyond = (): number => {
      const box = frame.getBoundingClientRect();
      const margin = Math.min(EDGE_ZONE, box.height / 4);
      if (pointer.y < box.top + margin) return pointer.y - (box.top + margin);
      if (pointer.y > box.bottom - margin) return pointer.y - (box.bottom - margin);
      return 0;
    };
    // as text editors do while selecting: the further past the edge, the faster; per frame time so speed is steady
    const tick = (now: number): void => {
      const past = beyond();
      if (!past || !controller.spanDrag) {
        scrolling = 0;
        return;
      }
      const dt = last ? Math.min(now - last, 100) : 16;
      last = now;
      const speed = Math.sign(past) * Math.min(MAX_SPEED, MIN_SPEED + Math.abs(past) * SPEED_PER_PX); // px per second
      const before = frame.scrollTop;
      frame.scrollTop += (speed * dt) / 1000;
      if (frame.scrollTop !== before) follow();
      scrolling = requestAnimationFrame(tick);
    };
    const onMove = (m: MouseEvent): void => {
      pointer = { x: m.clientX, y: m.clientY, alt: m.altKey };
      follow();
      if (!scrolling && beyond()) {
        last = 0;
        scrolling = requestAnimationFrame(tick);
      }
    };
    const onUp = (): void => finish.current?.(true);
    finish.current = (keep) => {
      const drag = controller.spanDrag;
      controller.spanDrag = null;
      finish.current = null;
      cancelAnimationFrame(scrolling);
      scrolling = 0;
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      frame.classList.remove('span-dragging');
      registry?.delete(PREVIEW);
      replace.current();
      if (keep && drag && (drag.start !== from.start || drag.end !== from.end)) editor.dispatchCommand(ADJUST_SPAN_COMMAND, { id: drag.id, start: drag.start, end: drag.end });
    };
    // the drag may leave the view; it ends wherever the mouse is released
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  if (!grips.length || !selectedSpanId) return null;
  const span = controller.span(selectedSpanId);
  const name = span ? `“${span.text.length > 40 ? `${span.text.slice(0, 40)}…` : span.text}”` : 'the span';
  return (
    <>
      {grips.map((g) => (
        <button
          key={g.edge}
          type="button"
          className={`span-grip span-grip-${g.edge}`}
          data-testid={`span-grip-${g.edge}`}
          // the keyboard has Shift+Alt+arrows for the same move: the grips are for the mouse and stay out of the Tab order
          tabIndex={-1}
          aria-label={`Drag to move the ${g.edge} of ${name} (keyboard: Shift+Alt+${g.edge === 'start' ? '↑/↓' : '←/→'})`}
          title={`Drag to move the ${g.edge} of the span (Alt: exact characters, Esc: cancel)`}
          style={{ left: g.x, top: g.y, height: g.height }}
          onMouseDown={startDrag(g.edge)}
        />
      ))}
    </>
  );
}
