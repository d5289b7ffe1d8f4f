import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createParagraphNode, $getNodeByKey, $getRoot, COMMAND_PRIORITY_LOW, type LexicalEditor, type NodeKey, type ParagraphNode } from 'lexical';
import { useEffect, useMemo, useRef } from 'react';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { REVEAL_OFFSET_COMMAND } from '../commands';
import { useController, type Decoration, type Decorations } from '../controller';
import { $createSpanRunNode } from '../nodes/SpanRunNode';
import { paragraphAt, paragraphRuns, runsSignature, splitParagraphs, type Paragraph, type Run, type ViewSpan } from '../segments';
import { SpanIndex } from '../span-index';
import { HeightModel } from '../windowing';

export const LOAD_TAG = 'spanmark-load';
export { REVEAL_OFFSET_COMMAND };

interface Props {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  mode: 'annotate' | 'edit';
  decorations: Decorations;
}

/** What the editor currently shows: paragraphs [first, last) of `text`. */
interface Built {
  text: string;
  first: number;
  last: number;
  keys: NodeKey[];
  signatures: string[];
}

/** The latest inputs, for the scroll handler that runs between renders. */
interface Live {
  text: string;
  paragraphs: Paragraph[];
  buckets: readonly ViewSpan[][];
  heights: HeightModel;
  colors: Map<string, string>;
  decorations: ReadonlyMap<string, Decoration> | undefined;
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
 */
export function ContentPlugin({ doc, schema, selectedSpanId, mode, decorations }: Props): null {
  const [editor] = useLexicalComposerContext();
  const controller = useController();
  const built = useRef<Built | null>(null);
  const live = useRef<Live | null>(null);
  const shownSelection = useRef<string | null>(null);
  const colors = useMemo(() => new Map(schema.labels.map((l) => [l.name, l.color])), [schema]);
  const paragraphs = useMemo(() => splitParagraphs(doc.text), [doc.text]);
  const heights = useMemo(() => HeightModel.of(paragraphs, 36, 80), [paragraphs]);
  // the controller's index, shared with labelling, so the first label on a long text does not index it again
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the controller's index follows doc.text
  const index = useMemo(() => controller.offsetIndex(), [controller, doc.text]);
  const spanIndex = useRef<SpanIndex | null>(null);

  useEffect(
    () =>
      editor.registerCommand(
        REVEAL_OFFSET_COMMAND,
        (offset) => {
          const b = built.current;
          const state = live.current;
          const root = editor.getRootElement();
          if (!b || !state || !root) return false;
          const at = paragraphAt(state.paragraphs, offset);
          if (at >= b.first && at < b.last) return true;
          const c = scroller(root);
          c.scrollTop = contentTop(root, c) + state.heights.top(at) - c.clientHeight / 3;
          ensureWindow(editor, built, state);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );

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
    if (mode === 'edit') {
      built.current = null; // EditPlugin owns the editor while editing, and shows the whole text
      if (root) root.style.paddingTop = root.style.paddingBottom = '';
      return;
    }
    editor.setEditable(false);
    const si = spanIndex.current?.paragraphs === paragraphs ? spanIndex.current.update(doc.spans) : SpanIndex.build(paragraphs, index, doc.spans);
    spanIndex.current = si;
    const state: Live = { text: doc.text, paragraphs, buckets: si.buckets, heights, colors, decorations: decorations.spans };
    const same = live.current && live.current.buckets === state.buckets && live.current.colors === colors && live.current.decorations === state.decorations;
    live.current = state;
    const prev = built.current;
    if (!prev || prev.text !== doc.text) {
      shownSelection.current = selectedSpanId;
      const { first, last } = wanted(editor, heights, 1) ?? { first: 0, last: Math.min(paragraphs.length, 40) };
      render(editor, built, state, first, last);
      if (root) calibrate(editor, built.current!, heights);
      ensureWindow(editor, built, state);
      return;
    }
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
  }, [editor, doc, paragraphs, index, heights, colors, selectedSpanId, mode, decorations]);

  return null;
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
  if (b.first <= need.first && b.last >= need.last && b.text === state.text) return;
  let next = wanted(editor, state.heights, 1)!;
  // a jump (scrollbar drag, End, a stride of screens) shares nothing with the old window:
  // render a quarter screen around the viewport now, the usual margin on the next scroll
  if (next.first >= b.last || next.last <= b.first) next = wanted(editor, state.heights, 0.25)!;
  render(editor, built, state, next.first, next.last);
}

function render(editor: LexicalEditor, built: { current: Built | null }, state: Live, first: number, last: number): void {
  const { text, paragraphs, buckets, colors, decorations, heights } = state;
  const runs: Run[][] = [];
  const signatures: string[] = [];
  for (let i = first; i < last; i++) {
    const p = paragraphs[i]!;
    const r = paragraphRuns(p, buckets[i]!);
    runs.push(r);
    // selection is a class toggle (SelectionPlugin), so it is not part of what a paragraph looks like
    signatures.push(runsSignature(text.slice(p.start, p.end), r, null) + decorationSignature(r, decorations));
  }
  const prev = built.current;
  const keys: NodeKey[] = [];
  editor.update(
    () => {
      const root = $getRoot();
      const create = (i: number): ParagraphNode => {
        const para = $createParagraphNode();
        fillParagraph(para, text, runs[i - first]!, colors, decorations);
        return para;
      };
      if (!prev || prev.text !== text || prev.last <= first || prev.first >= last || root.getChildrenSize() !== prev.keys.length) {
        root.clear();
        for (let i = first; i < last; i++) {
          const para = create(i);
          root.append(para);
          keys.push(para.getKey());
        }
        return;
      }
      for (let j = prev.first; j < prev.last; j++) if (j < first || j >= last) $getNodeByKey(prev.keys[j - prev.first]!)?.remove();
      const keptFirst = Math.max(first, prev.first);
      const keptLast = Math.min(last, prev.last);
      const anchor = $getNodeByKey<ParagraphNode>(prev.keys[keptFirst - prev.first]!)!;
      for (let i = first; i < keptFirst; i++) {
        const para = create(i);
        anchor.insertBefore(para);
        keys.push(para.getKey());
      }
      for (let i = keptFirst; i < keptLast; i++) {
        const key = prev.keys[i - prev.first]!;
        keys.push(key);
        if (prev.signatures[i - prev.first] === signatures[i - first]) continue;
        const para = $getNodeByKey<ParagraphNode>(key)!;
        para.clear();
        fillParagraph(para, text, runs[i - first]!, colors, decorations);
      }
      for (let i = keptLast; i < last; i++) {
        const para = create(i);
        root.append(para);
        keys.push(para.getKey());
      }
    },
    { tag: LOAD_TAG, discrete: true },
  );
  built.current = { text, first, last, keys, signatures };
  const root = editor.getRootElement();
  if (!root) return;
  root.style.paddingTop = `${heights.top(first)}px`;
  root.style.paddingBottom = `${heights.total - heights.top(last)}px`;
  measure(editor, built.current, heights);
}

/** Record the real heights of the rendered paragraphs (one layout, for the window only). */
function measure(editor: LexicalEditor, b: Built, heights: HeightModel): void {
  for (let i = b.first; i < b.last; i++) {
    const el = editor.getElementByKey(b.keys[i - b.first]!);
    if (el) heights.measure(i, el.getBoundingClientRect().height);
  }
  const root = editor.getRootElement();
  if (root) root.style.paddingBottom = `${heights.total - heights.top(b.last)}px`;
}

/**
 * Derive line height and characters per line from what is on screen, so
 * estimates for paragraphs not yet shown match this font and width.
 */
function calibrate(editor: LexicalEditor, b: Built, heights: HeightModel): void {
  const root = editor.getRootElement();
  if (!root) return;
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

function fillParagraph(para: ParagraphNode, text: string, runs: Run[], colors: Map<string, string>, decorations: ReadonlyMap<string, Decoration> | undefined): void {
  for (const r of runs) {
    const t = text.slice(r.start, r.end);
    if (!r.spans.length) {
      para.append($createSpanRunNode(t, r.start, { ids: [], labels: [], colors: [] }));
      continue;
    }
    const decos = decorations ? r.spans.map((s) => decorations.get(s.id)) : [];
    const classes = [...new Set(decos.flatMap((d) => (d?.className ? d.className.split(' ') : [])))].join(' ');
    const title = decos.map((d) => d?.title).filter(Boolean).join('\n');
    para.append(
      $createSpanRunNode(t, r.start, {
        ids: r.spans.map((s) => s.id),
        labels: r.spans.map((s) => s.label),
        colors: r.spans.flatMap((s, i) => (decos[i]?.hollow ? [] : [decos[i]?.color ?? colors.get(s.label) ?? '#999999'])),
        ...(classes ? { classes } : {}),
        ...(title ? { title } : {}),
      }),
    );
  }
}
