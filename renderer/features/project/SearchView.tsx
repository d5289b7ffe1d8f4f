import { LabelChip } from '../LabelChip';
import { useEffect, useState } from 'react';
import { call } from '../../api';
import { attempt, openDocument, selectSpan } from '../../app/actions';
import { setState, useAppState } from '../../app/store';
import { DOC_STATUSES, type DocStatus } from '../../../shared/model/schema';
import type { SearchHit } from '../../../shared/ipc/contract';
import { labelRangeSelection } from './jump';

/** Corpus-wide search over text and spans, filtered by label, status and annotator; a hit opens the document at it. */
export function SearchView() {
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const [query, setQuery] = useState('');
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState<DocStatus | ''>('');
  const [annotator, setAnnotator] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  useEffect(() => {
    if (!query.trim() && !label && !annotator) {
      setHits(null);
      return;
    }
    const t = setTimeout(
      () =>
        void attempt(async () =>
          setHits(await call('analysis:search', { query, limit: 500, ...(label ? { label } : {}), ...(status ? { status } : {}), ...(annotator ? { annotator } : {}) })),
        ),
      150,
    );
    return () => clearTimeout(t);
  }, [query, label, status, annotator]);
  return (
    <div className="project-view search" data-testid="search-view">
      <div className="view-actions">
        <input dir="auto" type="search" autoFocus placeholder="Search text and spans…" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="search-input" />
        <select value={label} onChange={(e) => setLabel(e.target.value)} aria-label="Label filter" data-testid="search-label">
          <option value="">any label</option>
          {schema?.labels.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value as DocStatus | '')} aria-label="Status filter">
          <option value="">any status</option>
          {DOC_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replace('_', ' ')}
            </option>
          ))}
        </select>
        <input dir="auto" placeholder="annotator" value={annotator} onChange={(e) => setAnnotator(e.target.value)} aria-label="Annotator filter" />
      </div>
      {hits && <p className="muted">{hits.length} hits{hits.length >= 500 ? ' (first 500)' : ''}</p>}
      <ul className="search-hits">
        {hits?.map((h, i) => (
          <li key={`${h.documentId}-${h.start}-${i}`} dir="auto">
            <button
              type="button"
              className="link"
              data-testid="search-hit"
              onClick={() =>
                void openDocument(h.documentId).then(() => {
                  setState({ view: 'document' });
                  if (h.spanId) selectSpan(h.spanId);
                  else labelRangeSelection(h.start, h.end);
                })
              }
            >
              <strong>{h.title}</strong> {h.label && <LabelChip label={h.label} color={schema?.labels.find((l) => l.name === h.label)?.color} />}
              <div>
                …{h.before}
                <mark>{h.match}</mark>
                {h.after}…
              </div>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
