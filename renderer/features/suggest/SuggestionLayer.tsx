import { useEffect, useMemo, useRef, useState } from 'react';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { bindingsOf, matchesKey } from '../../../shared/keymap';
import { getState } from '../../app/store';
import { REVEAL_OFFSET_COMMAND } from '../../editor/commands';
import type { DocumentController } from '../../editor/DocumentView';
import { acceptAllOfLabel, acceptCurrent, accept, compute, currentSuggestion, getSuggestState, loadContext, rejectAll, rejectCurrent, reject, setCurrent, step, useSuggest } from './suggest-store';
import { isSuggestionId, suggestionView, type SuggestionView } from './suggestion-view';
import { OffsetIndex } from '../../../shared/text/offsets';

/**
 * Wires the suggestion layer into the annotation screen's document view:
 * recomputes (in the worker) whenever the document changes, merges the
 * suggestions into the view as hollow pseudo-spans, turns a click on one
 * into "accept", and handles the suggestion keys of the keymap.
 */

export interface SuggestionLayer extends SuggestionView {
  selectedSpanId: string | null;
  /** true when the click was on a suggestion (and handled) */
  onSelectSpan: (id: string | null, how: 'click' | 'step') => boolean;
}

export function useSuggestionLayer(doc: Document, schema: AnnotationSchema, mode: 'annotate' | 'edit', selected: string | null): SuggestionLayer {
  const suggestions = useSuggest((s) => (s.docId === doc.id && s.visible ? s.suggestions : null));
  const currentKey = useSuggest((s) => s.currentKey);
  const context = useSuggest((s) => s.context);
  const visible = useSuggest((s) => s.visible);

  useEffect(() => {
    if (getSuggestState().context?.docId !== doc.id) void loadContext(doc.id);
  }, [doc.id]);

  // after the document settles (a burst of labelling, typing in edit mode), ask the worker again
  useEffect(() => {
    if (!visible || !context || context.docId !== doc.id || mode !== 'annotate') return;
    const t = setTimeout(() => compute(doc), 120);
    return () => clearTimeout(t);
  }, [doc, context, mode, visible]);

  const view = useMemo(
    () => (mode === 'annotate' && suggestions?.length ? suggestionView(doc, suggestions, currentKey) : suggestionView(doc, [], null)),
    [doc, suggestions, currentKey, mode],
  );
  void schema;
  const currentId = currentKey ? (view.idOf.get(currentKey) ?? null) : null;
  return {
    ...view,
    selectedSpanId: selected ?? currentId,
    onSelectSpan: (id, how) => {
      if (!id || !isSuggestionId(id)) {
        if (id) setCurrent(null);
        return false;
      }
      const s = view.byId.get(id);
      if (!s) return true;
      if (how === 'click') accept([s]);
      else setCurrent(s.key);
      return true;
    },
  };
}

const COMMANDS = ['suggestion-accept', 'suggestion-reject', 'suggestion-next', 'suggestion-previous', 'suggestion-accept-label', 'suggestion-accept-label-in-view', 'suggestion-reject-all'] as const;

/**
 * The places (in the suggestion list) of the suggestions drawn inside the
 * document's visible box: the windowed view renders a little more than the
 * screen, so "on screen" is measured, not taken from the window.
 */
function suggestionsOnScreen(): Set<number> {
  const out = new Set<number>();
  const frame = document.querySelector<HTMLElement>('[data-testid="document-view"]');
  if (!frame) return out;
  const box = frame.getBoundingClientRect();
  for (const el of frame.querySelectorAll<HTMLElement>('[data-span-ids]')) {
    const ids = (el.dataset.spanIds ?? '').split(' ').filter(isSuggestionId);
    if (!ids.length) continue;
    const r = el.getBoundingClientRect();
    if (r.bottom <= box.top || r.top >= box.bottom) continue;
    for (const id of ids) out.add(Number(/^sg(\d+)/.exec(id)![1]));
  }
  return out;
}

function reveal(controller: DocumentController | null, start: number): void {
  const doc = getState().doc;
  if (!controller || !doc) return;
  controller.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, { offset: new OffsetIndex(doc.text).toUtf16(start) });
}

let lastAcceptedLabel: string | undefined;

/**
 * "This label": the current suggestion's, else the selected span's (the one
 * just labelled), else the label accepted last (so a screenful after
 * screenful keeps to one label), else the first suggestion's.
 */
function thisLabel(s: ReturnType<typeof getState>): string | undefined {
  const selected = s.selectedSpanId ? s.doc?.spans.find((x) => x.id === s.selectedSpanId) : undefined;
  lastAcceptedLabel = currentSuggestion()?.label ?? selected?.label ?? lastAcceptedLabel;
  return lastAcceptedLabel;
}

/** The suggestion keys (shared/keymap.ts), while the Document view shows a document in labelling mode. */
export function useSuggestionKeys(controller: () => DocumentController | null): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = getState();
      if (s.view !== 'document' || s.mode !== 'annotate' || s.dialog || !s.doc) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, textarea, select, [data-no-hotkeys]')) return;
      const hit = COMMANDS.find((c) => bindingsOf(c).some((b) => matchesKey(b.key, e)));
      if (!hit) return;
      e.preventDefault();
      e.stopPropagation();
      switch (hit) {
        case 'suggestion-accept':
          return acceptCurrent();
        case 'suggestion-reject':
          return rejectCurrent();
        case 'suggestion-next':
        case 'suggestion-previous': {
          const n = step(hit === 'suggestion-next' ? 1 : -1);
          if (n) reveal(controller(), n.start);
          return;
        }
        case 'suggestion-accept-label':
          return acceptAllOfLabel(thisLabel(s));
        case 'suggestion-accept-label-in-view':
          return acceptAllOfLabel(thisLabel(s), suggestionsOnScreen());
        case 'suggestion-reject-all':
          return rejectAll();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [controller]);
}

/** A small × over the current suggestion: a click rejects it. */
export function RejectButton({ layer }: { layer: SuggestionLayer }) {
  const currentKey = useSuggest((s) => s.currentKey);
  const id = currentKey ? layer.idOf.get(currentKey) : undefined;
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  const frame = useRef(0);
  useEffect(() => {
    const place = () => {
      cancelAnimationFrame(frame.current);
      frame.current = requestAnimationFrame(() => {
        const el = id ? [...document.querySelectorAll<HTMLElement>('[data-document-view] [data-span-ids]')].filter((x) => x.dataset.spanIds!.split(' ').includes(id)).at(-1) : undefined;
        if (!el) return setPos(null);
        const r = el.getBoundingClientRect();
        setPos({ top: r.top - 9, left: r.right - 4 });
      });
    };
    place();
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      cancelAnimationFrame(frame.current);
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [id, layer.doc]);
  const s = id ? layer.byId.get(id) : undefined;
  if (!pos || !s) return null;
  return (
    <button
      type="button"
      className="sg-reject"
      data-testid="suggestion-reject"
      style={{ top: pos.top, left: pos.left }}
      title={`Reject this ${s.label} suggestion (x)`}
      aria-label={`Reject suggested ${s.label} “${s.text}”`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => reject([s])}
    >
      ×
    </button>
  );
}
