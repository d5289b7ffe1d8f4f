import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import { deleteSpan, importFiles, link, openDocument, redo, relabel, startLink, undo } from './actions';
import { getState, setState } from './store';
import { labelForKey } from '../features/label-keys';

/** Form fields keep their own undo; the document (even while editing its text) uses the model's. */
function inFormField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && t.closest('input, textarea, select, [data-no-hotkeys]') !== null;
}

function typingInField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return !!t && (t.closest('input, textarea, select, [data-no-hotkeys]') !== null || (t.isContentEditable && getState().mode === 'edit'));
}

/** Step to the next/previous span in reading order. */
function stepSpan(dir: 1 | -1): void {
  const { doc, selectedSpanId } = getState();
  if (!doc?.spans.length) return;
  const i = doc.spans.findIndex((s) => s.id === selectedSpanId);
  const next = i < 0 ? (dir === 1 ? 0 : doc.spans.length - 1) : (i + dir + doc.spans.length) % doc.spans.length;
  setState({ selectedSpanId: doc.spans[next]!.id });
}

/** Open the next document that is not done, after the current one. */
function nextUndone(): void {
  const { corpus, doc } = getState();
  if (!corpus) return;
  const docs = corpus.documents;
  const start = docs.findIndex((d) => d.id === doc?.id);
  for (let k = 1; k <= docs.length; k++) {
    const d = docs[(start + k) % docs.length]!;
    if (d.status !== 'done' && d.status !== 'reviewed') return void openDocument(d.id);
  }
}

let relabelArmed = false;

/**
 * App-wide keys. Label keys 1–9 with a text selection are handled by the
 * editor's LabelPlugin; here they relabel after `r`.
 */
export function useHotkeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !inFormField(e)) {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !inFormField(e)) {
        e.preventDefault();
        redo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'e') {
        e.preventDefault();
        if (s.doc) setState({ mode: s.mode === 'edit' ? 'annotate' : 'edit', selectedSpanId: null });
        return;
      }
      if (mod && e.key.toLowerCase() === 'i') {
        e.preventDefault();
        void importFiles(null);
        return;
      }
      if (mod || e.altKey || typingInField(e) || s.dialog) return;
      if (e.key === 'Escape') {
        relabelArmed = false;
        setState({ selectedSpanId: null, linkFrom: null });
        return;
      }
      if (s.mode !== 'annotate') return;
      const selected = s.selectedSpanId;
      if (relabelArmed && selected) {
        const label = s.corpus && labelForKey(s.corpus.meta.schema, e.key);
        relabelArmed = false;
        if (label) {
          e.preventDefault();
          e.stopImmediatePropagation();
          relabel(selected, label);
        }
        return;
      }
      switch (e.key) {
        case 'Tab':
          e.preventDefault();
          stepSpan(e.shiftKey ? -1 : 1);
          return;
        case 'Delete':
        case 'Backspace':
          if (selected) {
            e.preventDefault();
            deleteSpan(selected);
          }
          return;
        case 'Enter':
          if (s.linkFrom && selected && selected !== s.linkFrom.from) {
            e.preventDefault();
            link(s.linkFrom.type, s.linkFrom.from, selected);
            setState({ selectedSpanId: s.linkFrom.from, linkFrom: null });
          }
          return;
        case 'r':
          if (selected) relabelArmed = true;
          return;
        case 'n':
          if (selected) {
            e.preventDefault();
            // rendered now and focused now, so the keys typed next land in the note, not on the document
            flushSync(() => setState({ panel: 'details' }));
            document.querySelector<HTMLTextAreaElement>('[data-testid="details-note"]')?.focus();
          }
          return;
        case 'g':
          setState({ panel: s.panel === 'guidelines' ? 'spans' : 'guidelines' });
          return;
        case 'w':
          setState({ panel: 'who' });
          return;
        case 'd':
          setState({ panel: 'details' });
          return;
        case 'j':
          nextUndone();
          return;
        case '?':
          setState({ dialog: 'shortcuts' });
          return;
        default: {
          const rt = s.corpus?.meta.schema.relationTypes.find((t) => t.key === e.key);
          if (rt && selected) {
            e.preventDefault();
            startLink(rt.name);
          }
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
