import { ReadingControls } from '../reading/ReadingControls';
import { useSyncExternalStore } from 'react';
import { call } from '../../api';
import { attempt, closeDocument, flushSave, notify, openDocument } from '../../app/actions';
import { getState, replaceSummary, setState, useAppState } from '../../app/store';
import type { Document } from '../../../shared/model/schema';
import { ask } from './prompt';

/**
 * The open document's title and source, with rename, outlet/URL and delete.
 * A deleted document can be brought back (same id, text and annotations)
 * from the bar that appears after the delete.
 */
let lastDeleted: Document | null = null;
const listeners = new Set<() => void>();
const setLastDeleted = (d: Document | null): void => {
  lastDeleted = d;
  listeners.forEach((l) => l());
};

async function editField(doc: Document, field: 'title' | 'outlet' | 'url'): Promise<void> {
  const labels = { title: 'Title', outlet: 'Outlet (empty removes it)', url: 'URL (empty removes it)' };
  const initial = field === 'title' ? doc.title : (doc.source[field] ?? '');
  const reply = await ask({ title: `Document ${field}`, label: labels[field], initial, testId: `edit-document-${field}` });
  // an emptied outlet or URL is removed; an emptied title is refused by the prompt
  if (!reply || reply.text.trim() === initial) return;
  const summary = await attempt(() => call('document:updateInfo', { id: doc.id, [field]: reply.text.trim() }));
  if (!summary) return;
  const fresh = await attempt(() => call('document:get', { id: doc.id }));
  setState((s) => ({
    corpus: s.corpus ? replaceSummary(s.corpus, summary) : s.corpus,
    // only the header fields change: the open document keeps its spans and undo history
    ...(fresh && s.doc?.id === doc.id ? { doc: { ...s.doc, title: fresh.title, source: fresh.source } } : {}),
  }));
}

async function deleteDocument(shown: Document): Promise<void> {
  const reply = await ask({ title: `Delete “${shown.title}” from the corpus? You can undo this.`, confirmOnly: true, okText: 'Delete', testId: 'confirm-delete-document' });
  if (!reply) return;
  // the version kept for undo is the one on disk, after any save still in flight
  await flushSave();
  const s = getState();
  const doc = s.doc?.id === shown.id ? s.doc : shown;
  const list = s.corpus?.documents ?? [];
  const next = list[list.findIndex((d) => d.id === doc.id) + 1] ?? list.find((d) => d.id !== doc.id);
  const done = await attempt(() => call('document:delete', { id: doc.id }));
  if (!done) return;
  setLastDeleted(doc);
  closeDocument();
  setState({ corpus: await call('corpus:current', {}) });
  if (next && next.id !== doc.id) await openDocument(next.id);
}

async function undoDelete(): Promise<void> {
  const doc = lastDeleted;
  if (!doc) return;
  const summary = await attempt(() => call('document:restore', { document: doc }));
  if (!summary) return;
  setLastDeleted(null);
  setState({ corpus: await call('corpus:current', {}) });
  await openDocument(summary.id);
  notify(`Restored “${doc.title}”.`, 'info');
}

export function DocumentHeader() {
  const doc = useAppState((s) => s.doc);
  const readOnly = useAppState((s) => !!s.corpus?.readOnly);
  if (!doc) return null;
  return (
    <header className="doc-header">
      <h1 dir="auto" data-testid="document-title">{doc.title}</h1>
      <span className="doc-source" dir="auto" data-testid="document-source">
        {[doc.source.outlet, doc.source.url ?? doc.source.fileName].filter(Boolean).join(' · ')}
      </span>
      {!readOnly && (
        <span className="doc-actions">
          <button type="button" className="link" data-testid="rename-document" onClick={() => void editField(doc, 'title')}>
            Rename
          </button>
          <button type="button" className="link" data-testid="set-outlet" onClick={() => void editField(doc, 'outlet')}>
            Outlet
          </button>
          <button type="button" className="link" data-testid="set-url" onClick={() => void editField(doc, 'url')}>
            URL
          </button>
          <button type="button" className="link danger" data-testid="delete-document" onClick={() => void deleteDocument(doc)}>
            Delete
          </button>
        </span>
      )}
      <ReadingControls />
    </header>
  );
}

/** Shown after a document is deleted, until it is restored or the next delete. */
export function UndoDeleteBar() {
  const deleted = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => lastDeleted,
  );
  if (!deleted) return null;
  return (
    <div className="undo-delete" role="status" data-testid="undo-delete-bar">
      Deleted “{deleted.title}”.{' '}
      <button type="button" className="primary" data-testid="undo-delete" onClick={() => void undoDelete()}>
        Undo
      </button>
      <button type="button" className="link" aria-label="Dismiss" onClick={() => setLastDeleted(null)}>
        ×
      </button>
    </div>
  );
}
