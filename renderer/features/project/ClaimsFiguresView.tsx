import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api';
import { attempt, notify, openDocument, selectSpan } from '../../app/actions';
import { setState, useAppState } from '../../app/store';
import { groupFigures, type FigureRow } from '../../../shared/analysis/claims';

type SortKey = 'value' | 'documentTitle' | 'actorText' | 'outlet';

/** The qualifier decides the sign: "more than 60" is > 60, "at least 60" is ≥ 60. */
const BOUND_SIGN: Partial<Record<FigureRow['qualifier'], string>> = { more_than: '>', at_least: '≥', less_than: '<', up_to: '≤', about: '~' };

function valueText(r: FigureRow): string {
  const sign = BOUND_SIGN[r.qualifier];
  if (r.value !== null) return sign === '~' ? `~${r.value}` : String(r.value);
  if (r.min !== null && r.max !== null) return `${r.min}–${r.max}`;
  if (r.min !== null) return `${sign ?? '≥'} ${r.min}`;
  if (r.max !== null) return `${sign ?? '≤'} ${r.max}`;
  return '?';
}

/**
 * Every figure in the corpus with its attribution chain (actor → cue →
 * claim → figure), grouped by what it counts, so conflicting numbers from
 * different sources stand side by side.
 */
export function ClaimsFiguresView() {
  const corpusPath = useAppState((s) => s.corpus?.path);
  const docVersion = useAppState((s) => s.corpus?.documents);
  const [rows, setRows] = useState<FigureRow[] | null>(null);
  const [sort, setSort] = useState<SortKey>('value');
  useEffect(() => {
    void attempt(async () => setRows(await call('analysis:figures', {})));
  }, [corpusPath, docVersion]);
  const groups = useMemo(() => {
    const g = groupFigures(rows ?? []);
    if (sort === 'value') return g;
    return g.map((x) => ({ ...x, rows: x.rows.slice().sort((a, b) => String(a[sort] ?? '').localeCompare(String(b[sort] ?? ''))) }));
  }, [rows, sort]);
  if (!rows) return <div className="empty">Collecting figures…</div>;
  return (
    <div className="project-view claims-figures" data-testid="claims-figures">
      <div className="view-actions">
        <label>
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as SortKey)} data-testid="figures-sort">
            <option value="value">value</option>
            <option value="actorText">source actor</option>
            <option value="outlet">outlet</option>
            <option value="documentTitle">document</option>
          </select>
        </label>
        {(['csv', 'json'] as const).map((f) => (
          <button
            type="button"
            key={f}
            onClick={() =>
              void attempt(async () => {
                const r = await call('analysis:exportFigures', { format: f });
                if (r) notify(`Saved ${r.path}`, 'info');
              })
            }
          >
            Export {f.toUpperCase()}
          </button>
        ))}
      </div>
      {!rows.length && <p className="hint">No figures yet. Label numbers as figure inside claims, and link claims to actors through attribution cues.</p>}
      {groups.map((g) => (
        <section key={g.category}>
          <h2>
            {g.category} <span className="muted">({g.rows.length})</span>
          </h2>
          <table className="figures-table">
            <thead>
              <tr>
                <th>Value</th>
                <th>Figure</th>
                <th>Source actor</th>
                <th>Cue</th>
                <th>Claim</th>
                <th>Outlet · document</th>
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.figureSpanId} data-testid="figure-row" data-category={g.category} data-value={r.value ?? ''}>
                  <td dir="auto" className="num">{valueText(r)}</td>
                  <td dir="auto">{r.figureText}</td>
                  <td dir="auto">{r.actorText ?? <span className="muted">unattributed</span>}</td>
                  <td dir="auto" className="muted">{r.cueText ?? '—'}</td>
                  <td dir="auto" className="claim-cell">{r.claimText ?? '—'}</td>
                  <td dir="auto">
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void openDocument(r.documentId).then(() => {
                          setState({ view: 'document' });
                          selectSpan(r.figureSpanId);
                        })
                      }
                    >
                      {[r.outlet, r.documentTitle].filter(Boolean).join(' · ')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
