import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getNodeByKey, $getRoot, $getSelection, $isRangeSelection, $setSelection, COMMAND_PRIORITY_LOW, SKIP_SCROLL_INTO_VIEW_TAG, type LexicalEditor, type NodeKey, type ParagraphNode } from 'lexical';
import { useEffect, useMemo, useRef } from 'react';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { REVEAL_OFFSET_COMMAND } from '../commands';
import { useController, type Decoration, type Decorations, type EditWindow, type TextChange } from '../controller';
import { rendersOffset } from '../dom-offsets';
import { editParagraphs } from '../paragraph-edit';
import { SpanRunNode } from '../nodes/SpanRunNode';
import { fillParagraph, patchParagraph } from '../paragraph-runs';
import { paragraphAt, paragraphRuns, runsSignature, splitParagraphs, type Paragraph, type Run, type ViewSpan } from '../segments';
import { SpanIndex } from '../span-index';
import { HeightModel } from '../windowing';

export const LOAD_TAG = 'spanmark-load';
/** how long a reveal waits for the window to settle on its offset (a jump across 1M characters takes a few frames) */
const MAX_SETTLE_FRAMES = 30;
export { REVEAL_OFFSET_COMMAND };

interface Props {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  mode: 'annotate' | 'edit';
  decorations: Decorations;
}

/** What the editor currently shows: paragraphs [first, last) of `text`, as plain editable text or as runs. */
interface Built {
  text: string;
  first: number;
  last: number;
  keys: NodeKey[];
  signatures: string[];
  editing: boolean;
}

/** Line metrics of the last calibration, so a text edited in place keeps its estimates. */
interface Metrics {
  lineHeight: number;
  perLine: number;
}

const NO_SPANS: readonly ViewSpan[] = [];

/** The latest inputs, for the scroll handler that runs between renders. */
interface Live {
  text: string;
  paragraphs: Paragraph[];
  buckets: readonly (readonly ViewSpan[])[];
  heights: HeightModel;
  colors: Map<string, string>;
  decorations: ReadonlyMap<string, Decoration> | undefined;
  editing: boolean;
  /** while editing: whether the window shows text the model does not have yet */
  typedAhead: () => boolean;
  /** told what the window shows after every render while editing */
  shown: (b: Built, paragraphs: readonly Paragraph[]) => void;
}

/**
 * Mirrors the document into the editor. The model is the source of truth;
 * the editor shows a window of it: only the paragraphs within about a
 * screen of the viewport are Lexical nodes, and padding on the content
 * element stands in for the rest, sized from measured or estimated heights.
 * A 1M-character document then costs as much to paint as a short one.
 * Every run keeps its global data-offset, so selections map to document
 * offsets whatever the window. When spans change, only paragraphs whose
 * runs changed are touched, and spans are indexed by paragraph, so one
 * label does not rebuild runs for the whole text.
 *
 * Edit mode is windowed the same way, as plain editable paragraphs: the
 * edit plugin reads only the window, and the text the user typed is adopted
 * as it stands in the DOM (never re-rendered under the caret), so a
 * keystroke costs the same on 1M characters as on a page.
 */
export function ContentPlugin({ doc, schema, selectedSpanId, mode, decorations }: Props): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const built = useRef<Built | null>(null);
  const live = useRef<Live | null>(null);
  const shownSelection = useRef<string | null>(null);
  const colors = useMemo(() => new Map(schema.labels.map((l) => [l.name, l.color])), [schema]);
  const derived = useRef<{ text: string; paragraphs: Paragraph[]; heights: HeightModel } | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the controller's last edit belongs to this text
  const { paragraphs, heights } = useMemo(() => derive(derived, doc.text, controller.lastEdit), [doc.text]);
  // the controller's index, shared with labelling, so the first label on a long text does not index it again
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the controller's index follows doc.text
  const index = useMemo(() => controller.offsetIndex(), [controller, doc.text]);
  const spanIndex = useRef<SpanIndex | null>(null);
  const metrics = useRef<Metrics | null>(null);

  useEffect(() => {
    /** the frame a reveal waits for: one at a time, the newest wins */
    let settling = 0;
    const unregister = editor.registerCommand(
      REVEAL_OFFSET_COMMAND,
      ({ offset, then }) => {
        cancelAnimationFrame(settling);
        settling = 0;
        const b = built.current;
        const state = live.current;
        const root = editor.getRootElement();
        if (!b || !state || !root) return false;
        const at = paragraphAt(state.paragraphs, offset);
        if (at < b.first || at >= b.last) {
          const c = scroller(root);
          c.scrollTop = contentTop(root, c) + state.heights.top(at) - c.clientHeight / 3;
          ensureWindow(editor, built, state);
        }
        if (!then) return true;
        let frames = 0;
        const settle = (): void => {
          settling = 0;
          const r = editor.getRootElement();
          const s = live.current;
          if (!r || !s || !built.current) return;
          // the window follows the scroll each frame until what is on screen is rendered with its margin
          ensureWindow(editor, built, s);
          const w = built.current;
          const i = paragraphAt(s.paragraphs, offset);
          const need = wanted(editor, s.heights, 0.5);
          const holds = i >= w.first && i < w.last && rendersOffset(r, offset);
          const settled = holds && (!need || (w.first <= need.first && w.last >= need.last));
          if (settled || ++frames > MAX_SETTLE_FRAMES) {
            if (holds) then(r);
            return;
          }
          settling = requestAnimationFrame(settle);
        };
        // from the next frame on: this runs inside the command's update, whose render has not reached the DOM yet
        settling = requestAnimationFrame(settle);
        return true;
      },
      COMMAND_PRIORITY_LOW,
    );
    return () => {
      cancelAnimationFrame(settling);
      unregister();
    };
  }, [editor]);

  // scroll and resize re-window the view
  useEffect(() => {
    let container: HTMLElement | null = null;
    let observer: ResizeObserver | null = null;
    let width = 0;
    const onScroll = (): void => {
      if (built.current && live.current) ensureWindow(editor, built, live.current);
    };
    const detach = (): void => {
      container?.removeEventListener('scroll', onScroll);
      observer?.disconnect();
      container = null;
      observer = null;
    };
    const unregister = editor.registerRootListener((root) => {
      detach();
      if (!root) return;
      container = scroller(root);
      container.addEventListener('scroll', onScroll, { passive: true });
      observer = new ResizeObserver(() => {
        // a new width wraps lines differently: measure again
        if (!root.clientWidth || root.clientWidth === width) return;
        width = root.clientWidth;
        if (built.current && live.current) {
          calibrate(editor, built.current, live.current.heights);
          ensureWindow(editor, built, live.current);
        }
      });
      observer.observe(root);
    });
    return () => {
      unregister();
      detach();
    };
  }, [editor]);

  useEffect(() => {
    const root = editor.getRootElement();
    const editing = mode === 'edit';
    editor.setEditable(editing);
    let buckets: readonly (readonly ViewSpan[])[];
    let si: SpanIndex | null = null;
    if (editing) buckets = new Array<readonly ViewSpan[]>(paragraphs.length).fill(NO_SPANS);
    else {
      si = spanIndex.current?.paragraphs === paragraphs ? spanIndex.current.update(doc.spans) : SpanIndex.build(paragraphs, index, doc.spans);
      spanIndex.current = si;
      buckets = si.buckets;
    }
    const shown = (b: Built, ps: readonly Paragraph[]): void => {
      if (!b.editing) return;
      const from = ps[b.first]!.start;
      const to = ps[b.last - 1]!.end;
      const was = controller.editWindow;
      // the same window over the same text: keep its own copy of what it shows, so the next key reads no more than the window
      const same = !!was && was.text === b.text && was.from === from && was.to === to && was.shown !== undefined;
      controller.editWindow = { text: b.text, from, to, caret: null, ...(same ? { shown: was.shown } : {}) };
    };
    const typedAhead = (): boolean => !!controller.editWindow && (!!controller.editWindow.ahead || controller.editWindow.text !== doc.text);
    const state: Live = { text: doc.text, paragraphs, buckets, heights, colors, decorations: editing ? undefined : decorations.spans, editing, shown, typedAhead };
    const previous = live.current;
    const same = previous && previous.buckets === state.buckets && previous.colors === colors && previous.decorations === state.decorations && previous.editing === editing;
    live.current = state;
    const prev = built.current;
    const typed = controller.editWindow;
    // the window shows this text because the user typed it there
    const typedHere = !!prev?.editing && !!previous && prev.text !== doc.text && typed?.text === doc.text;
    if (typedHere && metrics.current) carryHeights(previous!.heights, heights, prev!, typed!, paragraphs, metrics.current);
    if (editing && typedHere) {
      if (adopt(editor, built, state, typed!)) {
        // scrolling while the model caught up was put off: catch up with it
        ensureWindow(editor, built, state);
        return;
      }
      // a line break typed or removed changed which paragraphs there are: rebuild the window, caret included
      built.current = null;
      render(editor, built, state, paragraphAt(paragraphs, typed!.from), paragraphAt(paragraphs, typed!.to) + 1, typed!.caret);
      return;
    }
    if (!editing) controller.editWindow = null;
    if (prev && (prev.text === doc.text || typedHere) && prev.editing !== editing) {
      // into or out of edit mode: the same paragraphs at the same place, their heights known
      const first = typedHere ? paragraphAt(paragraphs, typed!.from) : prev.first;
      const last = typedHere ? paragraphAt(paragraphs, typed!.to) + 1 : prev.last;
      shownSelection.current = selectedSpanId;
      built.current = null;
      render(editor, built, state, first, last);
      ensureWindow(editor, built, state);
      return;
    }
    if (!prev || prev.text !== doc.text || prev.editing !== editing) {
      shownSelection.current = selectedSpanId;
      const { first, last } = wanted(editor, heights, 1) ?? { first: 0, last: Math.min(paragraphs.length, 40) };
      built.current = null;
      render(editor, built, state, first, last);
      if (root) metrics.current = calibrate(editor, built.current!, heights);
      ensureWindow(editor, built, state);
      return;
    }
    if (editing || !si) return;
    // a selection outside the window (spans panel, Tab, search) moves the window to it
    const moved = selectedSpanId !== shownSelection.current;
    shownSelection.current = selectedSpanId;
    const at = moved && selectedSpanId ? si.paragraphOf(selectedSpanId) : -1;
    if (at >= 0 && (at < prev.first || at >= prev.last) && root) {
      const c = scroller(root);
      c.scrollTop = contentTop(root, c) + heights.top(at) - c.clientHeight / 3;
      ensureWindow(editor, built, state);
      return;
    }
    // only the selection changed: SelectionPlugin moves a class, nothing here is rebuilt
    if (same) return;
    render(editor, built, state, prev.first, prev.last);
  }, [editor, controller, doc, paragraphs, index, heights, colors, selectedSpanId, mode, decorations]);

  return null;
}

/**
 * Paragraphs and their heights for a text. After a keystroke they follow
 * from the last ones and the edit; typing inside a paragraph keeps every
 * paragraph in its place, so the height model, measurements included, stays.
 */
function derive(
  derived: { current: { text: string; paragraphs: Paragraph[]; heights: HeightModel } | null },
  text: string,
  edit: { before: string; after: string; change: TextChange } | null,
): { paragraphs: Paragraph[]; heights: HeightModel } {
  const prev = derived.current;
  if (prev?.text === text) return prev;
  let next: { text: string; paragraphs: Paragraph[]; heights: HeightModel };
  if (prev && edit && edit.before === prev.text && edit.after === text) {
    const paragraphs = editParagraphs(prev.paragraphs, prev.text, edit.change);
    next = { text, paragraphs, heights: paragraphs.length === prev.paragraphs.length ? prev.heights : HeightModel.of(paragraphs, 36, 80) };
  } else {
    const paragraphs = splitParagraphs(text);
    next = { text, paragraphs, heights: HeightModel.of(paragraphs, 36, 80) };
  }
  derived.current = next;
  return next;
}

function scroller(root: HTMLElement): HTMLElement {
  return root.closest<HTMLElement>('[data-document-view]') ?? root.parentElement ?? root;
}

/** Top of the content element inside the scroller's content, in px. */
function contentTop(root: HTMLElement, container: HTMLElement): number {
  return root.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
}

/** The paragraphs to show around the viewport, with `screens` of overscan on each side. */
function wanted(editor: LexicalEditor, heights: HeightModel, screens: number): { first: number; last: number } | null {
  const root = editor.getRootElement();
  if (!root) return null;
  const c = scroller(root);
  const view = Math.max(c.clientHeight, 400);
  const y = c.scrollTop - contentTop(root, c);
  return heights.range(y - view * screens, y + view * (1 + screens));
}

/**
 * Re-window when the viewport comes within half a screen of the rendered
 * edge; then render a screen beyond it on each side, so a steady scroll
 * re-renders about once per screen.
 */
function ensureWindow(editor: LexicalEditor, built: { current: Built | null }, state: Live): void {
  const b = built.current;
  const need = wanted(editor, state.heights, 0.5);
  if (!b || !need) return;
  if (b.first <= need.first && b.last >= need.last && b.text === state.text && b.editing === state.editing) return;
  // typed text not yet in the model: the window stays as the user left it until the model catches up (a frame)
  if (state.editing && state.typedAhead()) return;
  let next = wanted(editor, state.heights, 1)!;
  // a jump (scrollbar drag, End, a stride of screens) shares nothing with the old window:
  // render a quarter screen around the viewport now, the usual margin on the next scroll
  if (next.first >= b.last || next.last <= b.first) next = wanted(editor, state.heights, 0.25)!;
  render(editor, built, state, next.first, next.last);
}

/** What paragraph i looks like: its runs, and a signature that changes when they would render differently. */
function runsOf(state: Live, i: number): { runs: Run[]; signature: string } {
  const p = state.paragraphs[i]!;
  const runs = paragraphRuns(p, state.buckets[i]!);
  // editing shows plain text: its place is its look (and reading the text here would copy a just-edited 1M-character string)
  if (state.editing) return { runs, signature: `${p.start}-${p.end}` };
  // selection is a class toggle (SelectionPlugin), so it is not part of what a paragraph looks like
  return { runs, signature: runsSignature(state.text.slice(p.start, p.end), runs, null) + decorationSignature(runs, state.decorations) };
}

/** Render paragraphs [first, last); with a caret (a UTF-16 offset inside them), put Lexical's selection there in the same update. */
function render(editor: LexicalEditor, built: { current: Built | null }, state: Live, first: number, last: number, caret: number | null = null): void {
  const { text, colors, decorations, heights } = state;
  const runs: Run[][] = [];
  const signatures: string[] = [];
  for (let i = first; i < last; i++) {
    const r = runsOf(state, i);
    runs.push(r.runs);
    signatures.push(r.signature);
  }
  const prev = built.current;
  const keys: NodeKey[] = [];
  /** paragraphs created or filled again: only their heights can have changed (null: all of them) */
  let touched: number[] | null = null;
  editor.update(
    () => {
      const root = $getRoot();
      const create = (i: number): ParagraphNode => {
        const para = $createParagraphNode();
        fillParagraph(para, text, runs[i - first]!, colors, decorations);
        return para;
      };
      if (!prev || prev.text !== text || prev.editing !== state.editing || prev.last <= first || prev.first >= last || root.getChildrenSize() !== prev.keys.length) {
        root.clear();
        for (let i = first; i < last; i++) {
          const para = create(i);
          root.append(para);
          keys.push(para.getKey());
        }
        if (caret !== null) $placeCaret(state.paragraphs, first, keys, caret);
        return;
      }
      touched = [];
      // a caret whose paragraph leaves the window goes with it, rather than jumping into what stays
      const selection = $getSelection();
      const caretParagraph = $isRangeSelection(selection) ? selection.anchor.getNode().getTopLevelElement()?.getKey() : undefined;
      for (let j = prev.first; j < prev.last; j++) {
        if (j >= first && j < last) continue;
        const key = prev.keys[j - prev.first]!;
        if (key === caretParagraph) $setSelection(null);
        $getNodeByKey(key)?.remove();
      }
      const keptFirst = Math.max(first, prev.first);
      const keptLast = Math.min(last, prev.last);
      const anchor = $getNodeByKey<ParagraphNode>(prev.keys[keptFirst - prev.first]!)!;
      for (let i = first; i < keptFirst; i++) {
        const para = create(i);
        anchor.insertBefore(para);
        keys.push(para.getKey());
        touched.push(i);
      }
      for (let i = keptFirst; i < keptLast; i++) {
        const key = prev.keys[i - prev.first]!;
        keys.push(key);
        if (prev.signatures[i - prev.first] === signatures[i - first]) continue;
        patchParagraph($getNodeByKey<ParagraphNode>(key)!, text, runs[i - first]!, colors, decorations);
        touched.push(i);
      }
      for (let i = keptLast; i < last; i++) {
        const para = create(i);
        root.append(para);
        keys.push(para.getKey());
        touched.push(i);
      }
    },
    // re-windowing follows the scroll; it must never scroll to the caret itself
    { tag: [LOAD_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
  );
  built.current = { text, first, last, keys, signatures, editing: state.editing };
  state.shown(built.current, state.paragraphs);
  const root = editor.getRootElement();
  if (!root) return;
  // the padding first, in the same layout as the new paragraphs: the browser's scroll anchoring then sees nothing
  // move (measured before it, paragraphs taken off the top moved the anchor, and the scroll flipped between two
  // windows for good — found by Review's bench at 1M); measuring the window does not change what lies above it
  root.style.paddingTop = `${heights.top(first)}px`;
  root.style.paddingBottom = `${heights.total - heights.top(last)}px`;
  measure(editor, built.current, heights, touched);
}

function $placeCaret(paragraphs: readonly Paragraph[], first: number, keys: readonly NodeKey[], caret: number): void {
  const i = paragraphAt(paragraphs, caret);
  const para = $getNodeByKey<ParagraphNode>(keys[i - first] ?? '');
  if (!para) return;
  for (const child of para.getChildren()) {
    if (child instanceof SpanRunNode && child.__offset <= caret && caret <= child.__offset + child.getTextContentSize()) {
      child.select(caret - child.__offset, caret - child.__offset);
      return;
    }
  }
  para.selectStart();
}

/**
 * Record the real heights of the rendered paragraphs, or of `only` those
 * (the ones a render created or filled again: a label changes one
 * paragraph, and measuring the others would only read what is known).
 */
function measure(editor: LexicalEditor, b: Built, heights: HeightModel, only: readonly number[] | null = null): void {
  const at = (i: number): void => {
    const el = editor.getElementByKey(b.keys[i - b.first]!);
    if (el) heights.measure(i, el.getBoundingClientRect().height);
  };
  if (only) for (const i of only) at(i);
  else for (let i = b.first; i < b.last; i++) at(i);
  const root = editor.getRootElement();
  if (root) root.style.paddingBottom = `${heights.total - heights.top(b.last)}px`;
}

/**
 * Derive line height and characters per line from what is on screen, so
 * estimates for paragraphs not yet shown match this font and width.
 */
function calibrate(editor: LexicalEditor, b: Built, heights: HeightModel): Metrics | null {
  const root = editor.getRootElement();
  if (!root) return null;
  const style = getComputedStyle(root);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4 || 24;
  let chars = 0;
  let lines = 0;
  for (let i = b.first; i < b.last; i++) {
    const el = editor.getElementByKey(b.keys[i - b.first]!);
    const len = el?.textContent?.length ?? 0;
    const n = el ? Math.round(el.getBoundingClientRect().height / lineHeight) : 0;
    if (n > 1) {
      chars += len;
      lines += n - 0.5; // the last line of a paragraph is on average half full
    }
  }
  const perLine = lines ? chars / lines : root.clientWidth / ((parseFloat(style.fontSize) || 16) * 0.5);
  heights.calibrate(lineHeight, perLine);
  measure(editor, b, heights);
  root.style.paddingTop = `${heights.top(b.first)}px`;
  return { lineHeight, perLine };
}

/**
 * After typing, the paragraphs outside the window are the same ones, those
 * after it shifted by the paragraphs the edit added or removed: they keep
 * their measured heights, so nothing on screen moves.
 */
function carryHeights(old: HeightModel, next: HeightModel, prev: Built, w: EditWindow, paragraphs: readonly Paragraph[], m: Metrics): void {
  if (old === next) return;
  next.calibrate(m.lineHeight, m.perLine);
  const last = paragraphAt(paragraphs, w.to) + 1;
  const shift = last - prev.last;
  const height = (j: number): number => old.top(j + 1) - old.top(j);
  for (let j = 0; j < prev.first; j++) if (old.isMeasured(j)) next.measure(j, height(j));
  for (let j = prev.last; j < old.count; j++) if (old.isMeasured(j) && j + shift < next.count) next.measure(j + shift, height(j));
  for (let j = prev.first; j < prev.last && j < last; j++) if (old.isMeasured(j)) next.measure(j, height(j));
}

/**
 * Take what the user typed as the window's new content: the same Lexical
 * paragraphs, now standing for the model's paragraphs [first, last). Runs
 * after the edit get their new offsets (one write each, no re-render).
 * False when the DOM's paragraphs no longer match the model's (a line break
 * was typed), and the window has to be rebuilt.
 */
function adopt(editor: LexicalEditor, built: { current: Built | null }, state: Live, w: EditWindow): boolean {
  const prev = built.current!;
  const { paragraphs, text, heights } = state;
  const first = paragraphAt(paragraphs, w.from);
  const last = paragraphAt(paragraphs, w.to) + 1;
  if (first !== prev.first) return false;
  const keys = editor.getEditorState().read(() => $getRoot().getChildrenKeys());
  if (keys.length !== last - first) return false;
  let fits = true;
  let stale = false;
  editor.getEditorState().read(() => {
    for (let i = first; i < last && fits; i++) {
      const para = $getNodeByKey<ParagraphNode>(keys[i - first]!)!;
      const p = paragraphs[i]!;
      fits = para.getTextContentSize() === p.end - p.start;
      let at = p.start;
      for (const child of para.getChildren()) {
        if (child instanceof SpanRunNode && child.__offset !== at) stale = true;
        at += child.getTextContentSize();
      }
    }
  });
  if (!fits) return false;
  if (stale) {
    // offsets only: text and structure already agree with the model
    editor.update(
      () => {
        for (let i = first; i < last; i++) {
          let at = paragraphs[i]!.start;
          for (const child of $getNodeByKey<ParagraphNode>(keys[i - first]!)!.getChildren()) {
            if (child instanceof SpanRunNode && child.__offset !== at) child.getWritable().__offset = at;
            at += child.getTextContentSize();
          }
        }
      },
      { tag: LOAD_TAG },
    );
  }
  const signatures: string[] = [];
  for (let i = first; i < last; i++) signatures.push(runsOf(state, i).signature);
  built.current = { text, first, last, keys, signatures, editing: true };
  state.shown(built.current, paragraphs);
  measure(editor, built.current, heights);
  const root = editor.getRootElement();
  if (root) root.style.paddingTop = `${heights.top(first)}px`;
  return true;
}

/** What decorations add to a paragraph's look, so a changed decoration rebuilds that paragraph only. */
function decorationSignature(runs: readonly Run[], decorations: ReadonlyMap<string, Decoration> | undefined): string {
  if (!decorations?.size) return '';
  let sig = '';
  for (const r of runs)
    for (const s of r.spans) {
      const d = decorations.get(s.id);
      if (d) sig += `${s.id}:${d.className ?? ''}:${d.color ?? ''}:${d.title ?? ''};`;
    }
  return sig;
}

