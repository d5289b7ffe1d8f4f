import type { LexicalEditor } from 'lexical';
import { createContext, useContext } from 'react';
import type { AnnotationSchema, Document, Span } from '../../shared/model/schema';
import { OffsetIndex } from '../../shared/text/offsets';
import { LABEL_RANGE_COMMAND, REVEAL_OFFSET_COMMAND } from './commands';
import { selectOffsets } from './dom-offsets';

/** How a decorated span or relation looks: extra classes, its own colour, a tooltip. */
export interface Decoration {
  className?: string;
  color?: string;
  title?: string;
  /** drawn by its class alone, with no fill or band of its own (suggestions) */
  hollow?: boolean;
}

/**
 * Extra styling by id, supplied by whoever mounts the view (Review's
 * candidate states, suggestions). A new object means new decorations; only
 * paragraphs whose decorated runs changed are rebuilt.
 */
export interface Decorations {
  spans?: ReadonlyMap<string, Decoration>;
  relations?: ReadonlyMap<string, Decoration>;
}

/** What the view reports; offsets are code points, as in the model. */
export interface DocumentViewCallbacks {
  onLabelRange?: (label: string, start: number, end: number) => void;
  /** `step`: moved with the span keys (a relation being drawn is not finished by it); `click`: chosen with the mouse */
  onSelectSpan?: (id: string | null, how: 'click' | 'step') => void;
  onLink?: (type: string, from: string, to: string) => void;
  /**
   * edit mode: the document after one text edit, how many spans it removed,
   * and the edit itself (UTF-16 offsets into the text before it), so nobody
   * has to diff a long text again to find it
   */
  onTextEdit?: (next: Document, removedSpans: number, change: TextChange) => void;
  /** edit mode: a key changed the text, painted now; its onTextEdit follows after this frame */
  onTextEditPending?: () => void;
  onNotify?: (message: string, kind: 'error' | 'info') => void;
  /** a span's ends dragged with the mouse: its new bounds, kept as one update of the same span */
  onAdjustSpan?: (id: string, start: number, end: number) => void;
}

/** One replacement of [start, end) by `insert`, in UTF-16 offsets. */
export interface TextChange {
  start: number;
  end: number;
  insert: string;
}

/**
 * What the editable window shows while editing: `text` is the document text
 * it agrees with, and [from, to) the part of it that is Lexical nodes.
 */
export interface EditWindow {
  text: string;
  from: number;
  to: number;
  /** where the caret should be if the window has to be rebuilt from the model */
  caret: number | null;
  /** the window's own text, [from, to) of the text as typed so far (kept so a key never reads the whole text) */
  shown?: string;
  /** keys typed into the window that the model has not taken yet (they follow after the frame that painted them) */
  ahead?: boolean;
}

export interface ViewInputs {
  doc: Document;
  schema: AnnotationSchema;
  selectedSpanId: string | null;
  snapToWords: boolean;
  /** labelling and linking allowed (Review shows the same view read-only) */
  annotate: boolean;
  decorations: Decorations;
  callbacks: DocumentViewCallbacks;
}

/**
 * One per editor instance, created with it (as the Lexical playground
 * creates its CommentStore): what would otherwise be module globals — the
 * pending selection, the offset index of the text, the latest props — so two
 * views on one screen never share state.
 */
export class DocumentController {
  /** the selection to label, UTF-16: set on mouse-up, so Alt at release time means exact characters */
  pendingSelection: { start: number; end: number } | null = null;
  inputs!: ViewInputs;
  /** where the reader's caret last was (UTF-16): moved by keys, or a click or drag's end; edit mode starts there */
  caret: number | null = null;
  /** edit mode only: written by the content plugin when it renders, and by the edit plugin when the user types */
  editWindow: EditWindow | null = null;
  /** the last text edit made in this view, so what follows from the text (paragraphs) is updated, not recomputed */
  lastEdit: { before: string; after: string; change: TextChange } | null = null;
  /** edit mode: hand typed text still waiting for the next frame to the app now */
  flushEdits: (() => void) | null = null;
  /** a grip of the selected span being dragged: which edge, and the bounds it would give now (UTF-16) */
  spanDrag: { id: string; edge: 'start' | 'end'; start: number; end: number } | null = null;
  /** the view's focusable frame */
  frame: HTMLElement | null = null;
  private index: OffsetIndex | null = null;
  private readonly places = new Map<string, number>();

  constructor(readonly editor: LexicalEditor) {}

  get doc(): Document {
    return this.inputs.doc;
  }

  /** One index per text: labelling stays O(log n) on a 1M-character document. */
  offsetIndex(): OffsetIndex {
    const text = this.inputs.doc.text;
    if (this.index?.text !== text) this.index = OffsetIndex.of(text);
    return this.index;
  }

  /**
   * A span by id. Asked for a few ids over and over (the selected span, as
   * its grips follow the text): each id's last place is remembered and
   * checked first, so no map of every span is built after each change.
   */
  span(id: string): Span | undefined {
    const spans = this.inputs.doc.spans;
    const hint = this.places.get(id);
    if (hint !== undefined && spans[hint]?.id === id) return spans[hint];
    const at = spans.findIndex((s) => s.id === id);
    if (at < 0) return undefined;
    if (this.places.size > 64) this.places.clear();
    this.places.set(id, at);
    return spans[at];
  }

  /** Label the pending selection (a label button in the toolbar); false when nothing is selected. */
  labelPending(label: string): boolean {
    const range = this.pendingSelection;
    if (!range || !this.inputs.annotate) return false;
    this.editor.dispatchCommand(LABEL_RANGE_COMMAND, { label, ...range });
    return true;
  }

  /** Put the text selection on code points [start, end), rendering that part first, and focus the view. */
  selectRange(start: number, end: number): void {
    const index = this.offsetIndex();
    const a = index.toUtf16(start);
    const b = index.toUtf16(end);
    const place = (root: HTMLElement): void => {
      selectOffsets(root, a, b);
      this.pendingSelection = a < b ? { start: a, end: b } : null;
      this.focus();
      window.getSelection()?.focusNode?.parentElement?.scrollIntoView({ block: 'center' });
    };
    this.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, { offset: a, then: place });
  }

  focus(): void {
    this.frame?.focus({ preventScroll: true });
  }

  notify(message: string, kind: 'error' | 'info' = 'error'): void {
    this.inputs.callbacks.onNotify?.(message, kind);
  }
}

export const ControllerContext = createContext<DocumentController | null>(null);

export function useController(): DocumentController {
  const c = useContext(ControllerContext);
  if (!c) throw new Error('A document view plugin must sit inside DocumentView.');
  return c;
}
