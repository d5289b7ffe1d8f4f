import { useMemo } from 'react';
import { attempt, openCorpus, openDocument } from '../../app/actions';
import { call } from '../../api';
import { setState, useAppState } from '../../app/store';
import { useVirtualRows } from './useVirtualRows';
import { confirmInApp } from '../workflows/prompt';
import { useRememberOpened } from './recent-documents';

const STATUS_LABEL = { todo: 'To do', in_progress: 'In progress', done: 'Done', reviewed: 'Reviewed' } as const;
const ROW_HEIGHT = 52;
/** one empty list, not a new one per read: a selector returning a fresh array loops useSyncExternalStore */
const NO_RECENT: readonly string[] = [];

export function CorpusList() {
  const corpus = useAppState((s) => s.corpus);
  const filter = useAppState((s) => s.filter);
  const current = useAppState((s) => s.doc?.id);
  const recent = useAppState((s) => s.settings?.recentCorpora ?? NO_RECENT);
  const recentIds = useAppState((s) => (s.corpus && s.settings?.recentDocuments[s.corpus.path]) || NO_RECENT);
  const damaged = useMemo(() => new Map((corpus?.damaged ?? []).map((d) => [d.id, d])), [corpus]);
  useRememberOpened();
  // a deleted (or damaged) document drops out of Recent, at display time: the stored list needs no clean-up
  const recentDocs = useMemo(() => {
    const byId = new Map((corpus?.documents ?? []).map((d) => [d.id, d]));
    return recentIds.flatMap((id) => (byId.has(id) && !damaged.has(id) ? [byId.get(id)!] : []));
  }, [corpus, recentIds, damaged]);
  const docs = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = corpus?.documents ?? [];
    return q ? all.filter((d) => d.title.toLowerCase().includes(q) || d.status.includes(q) || (d.outlet ?? '').toLowerCase().includes(q)) : all;
  }, [corpus, filter]);
  const { containerRef, onScroll, first, last, padTop, padBottom } = useVirtualRows(docs.length, ROW_HEIGHT);
  if (!corpus) return <aside className="corpus-list" aria-label="Documents" />;
  return (
    <aside className="corpus-list" aria-label="Documents" data-testid="corpus-list">
      <div className="corpus-name" title={corpus.path}>
        {corpus.meta.name}
        {corpus.readOnly && <span className="badge" title={corpus.readOnlyReason}>read-only</span>}
      </div>
      {recent.length > 1 && (
        <select
          className="recent"
          aria-label="Recent corpora"
          data-testid="recent-corpora"
          value={corpus.path}
          onChange={(e) => void attempt(async () => openCorpus(await call('corpus:open', { path: e.target.value })))}
        >
          {recent.map((p) => (
            <option key={p} value={p}>
              {p.split(/[\\/]/).pop()}
            </option>
          ))}
        </select>
      )}
      {recentDocs.length > 1 && (
        <details className="recent-docs" open data-testid="recent-documents">
          <summary>Recent</summary>
          <ol aria-label="Recent documents">
            {recentDocs.map((d) => (
              <li key={d.id}>
                <button
                  type="button"
                  className={`recent-doc ${d.id === current ? 'current' : ''}`}
                  aria-current={d.id === current ? 'true' : undefined}
                  data-testid="recent-document"
                  data-document-id={d.id}
                  title={d.title}
                  onClick={() => void openDocument(d.id)}
                >
                  <span dir="auto">{d.title}</span>
                </button>
              </li>
            ))}
          </ol>
        </details>
      )}
      <input
        dir="auto"
        className="filter"
        type="search"
        placeholder={`Filter ${corpus.documents.length} documents…`}
        value={filter}
        onChange={(e) => setState({ filter: e.target.value })}
        data-testid="document-filter"
      />
      <div className="doc-rows" ref={containerRef} onScroll={onScroll}>
        <div style={{ height: padTop }} />
        {docs.slice(first, last).map((d) => (
          <button
            type="button"
            key={d.id}
            className={`doc-row ${d.id === current ? 'current' : ''} ${damaged.has(d.id) ? 'damaged' : ''}`}
            data-testid="document-row"
            data-document-id={d.id}
            data-status={d.status}
            style={{ height: ROW_HEIGHT }}
            onClick={() => {
              const bad = damaged.get(d.id);
              if (!bad) return void openDocument(d.id);
              if (!bad.hasBackup) return;
              void attempt(async () => {
                if (!(await confirmInApp(`${bad.message}\n\nRestore the previous version from its backup? The damaged file is kept as .damaged.`, 'Restore', 'confirm-restore'))) return;
                setState({ corpus: await call('corpus:restoreBackup', { id: d.id }) });
                await openDocument(d.id);
              });
            }}
          >
            <span className="doc-row-title" dir="auto">{d.title}</span>
            <span className="doc-row-meta">
              <span className={`status status-${d.status}`}>{STATUS_LABEL[d.status]}</span>
              <span data-testid="span-count">{d.spanCount} spans</span>
              {d.outlet && <span className="outlet">{d.outlet}</span>}
            </span>
          </button>
        ))}
        <div style={{ height: padBottom }} />
      </div>
    </aside>
  );
}
