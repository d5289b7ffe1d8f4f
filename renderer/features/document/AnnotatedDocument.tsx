import { useCallback } from 'react';
import type { Document } from '../../../shared/model/schema';
import { commit, labelRange, link, notify, selectSpan, setSpanBounds, unsavedTyping } from '../../app/actions';
import { getState, setState, useAppState } from '../../app/store';
import { DocumentView, type DocumentController, type TextChange } from '../../editor/DocumentView';
import { RejectButton, useSuggestionKeys, useSuggestionLayer } from '../suggest/SuggestionLayer';
import { followPlace } from './last-place';
import { SpanMap } from './SpanMap';

/**
 * The annotation screen's document view: the app's state in as props, the
 * view's callbacks out to today's actions. Only wiring lives here; the view
 * itself knows nothing of the app.
 */

let active: DocumentController | null = null;
let stopFollowing: (() => void) | null = null;
let waiting: ((c: DocumentController) => void) | null = null;

/** Run `fn` on the view of the open document, once it is on screen (a search hit opens it first). */
export function withDocumentView(fn: (c: DocumentController) => void): void {
  const id = getState().doc?.id;
  if (active && active.doc.id === id && active.frame?.isConnected) fn(active);
  else waiting = fn;
}

/** Hand over text typed in edit mode that waits for the next frame: a native menu command comes with no key or click in the page. */
export function flushTyping(): void {
  active?.flushEdits?.();
}

/** A label button: label the text selected in the open document. */
export function labelSelection(label: string): void {
  if (!active) return;
  active.labelPending(label);
  window.getSelection()?.removeAllRanges();
  active.pendingSelection = null;
}

function onSelectSpan(id: string | null, how: 'click' | 'step'): void {
  // stepping with the keys moves the selection; only a click (or Enter) finishes a relation being drawn
  if (how === 'step') setState({ selectedSpanId: id });
  else selectSpan(id);
}

function onTextEdit(next: Document, removed: number, change: TextChange): void {
  // plain typing shares undo steps; an edit that removed spans stays a step of its own
  commit(next, {}, removed ? undefined : 'typing', change);
  if (removed) notify(`${removed} span${removed > 1 ? 's' : ''} whose words were deleted ${removed > 1 ? 'were' : 'was'} removed. Ctrl+Z brings ${removed > 1 ? 'them' : 'it'} back.`, 'info');
}

export function AnnotatedDocument() {
  const doc = useAppState((s) => s.doc);
  const corpus = useAppState((s) => s.corpus);
  const selected = useAppState((s) => s.selectedSpanId);
  const mode = useAppState((s) => s.mode);
  const snap = useAppState((s) => s.settings?.snapToWords ?? true);
  const onController = useCallback((c: DocumentController | null) => {
    stopFollowing?.();
    stopFollowing = null;
    if (!c) {
      active = null;
      return;
    }
    active = c;
    stopFollowing = followPlace(c, c.doc.id);
    // an opened document takes the keyboard, unless the user is typing somewhere
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.closest('input, textarea, select, [role="dialog"]')) c.focus();
    if (waiting) {
      const fn = waiting;
      waiting = null;
      requestAnimationFrame(() => fn(c));
    }
  }, []);
  useSuggestionKeys(activeController);
  if (!doc || !corpus) return null;
  return <WithSuggestions doc={doc} schema={corpus.meta.schema} selected={selected} mode={mode} snap={snap} onController={onController} />;
}

const activeController = (): DocumentController | null => active;

/** The view with the suggestion layer merged in (hollow pseudo-spans; a click on one accepts it). */
function WithSuggestions(props: { doc: Document; schema: Parameters<typeof DocumentView>[0]['schema']; selected: string | null; mode: 'annotate' | 'edit'; snap: boolean; onController: (c: DocumentController | null) => void }) {
  const { doc, schema, selected, mode, snap, onController } = props;
  const layer = useSuggestionLayer(doc, schema, mode, selected);
  return (
    <div className="doc-frame">
      <DocumentView
        key={doc.id}
        doc={layer.doc}
        schema={schema}
        selectedSpanId={layer.selectedSpanId}
        mode={mode}
        snapToWords={snap}
        decorations={layer.decorations}
        onLabelRange={labelRange}
        onSelectSpan={(id, how) => {
          if (!layer.onSelectSpan(id, how)) onSelectSpan(id, how);
        }}
        onLink={link}
        onAdjustSpan={setSpanBounds}
        onTextEdit={onTextEdit}
        onTextEditPending={unsavedTyping}
        onNotify={notify}
        onController={onController}
      />
      <SpanMap doc={doc} schema={schema} controller={activeController} />
      <RejectButton layer={layer} />
    </div>
  );
}
