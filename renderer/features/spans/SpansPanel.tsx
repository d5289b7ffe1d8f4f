import { useMemo } from 'react';
import { deleteSpan, selectSpan } from '../../app/actions';
import { useAppState } from '../../app/store';

const MAX_ROWS = 2000;

export function SpansPanel() {
  const doc = useAppState((s) => s.doc);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const selected = useAppState((s) => s.selectedSpanId);
  const colors = useMemo(() => new Map(schema?.labels.map((l) => [l.name, l.color]) ?? []), [schema]);
  const byId = useMemo(() => new Map(doc?.spans.map((s) => [s.id, s]) ?? []), [doc]);
  if (!doc) return null;
  // a long document may hold thousands of spans: keep the selected one in the rendered window
  const selIndex = selected ? doc.spans.findIndex((s) => s.id === selected) : 0;
  const from = Math.max(0, Math.min(selIndex - MAX_ROWS / 2, doc.spans.length - MAX_ROWS));
  const rows = doc.spans.slice(from, from + MAX_ROWS);
  return (
    <div className="spans-panel" data-testid="spans-panel">
      <div className="panel-summary">
        {doc.spans.length} spans · {doc.relations.length} relations
      </div>
      <ul>
        {rows.map((s) => {
          const rels = doc.relations.filter((r) => r.from === s.id);
          return (
            <li
              key={s.id}
              data-testid="span-row"
              data-span-id={s.id}
              data-label={s.label}
              className={`span-row ${s.id === selected ? 'selected' : ''}`}
              aria-selected={s.id === selected}
              onClick={() => selectSpan(s.id)}
            >
              <span className="label-chip" style={{ background: colors.get(s.label) }}>
                {s.label}
              </span>
              <span className="span-text">{s.text}</span>
              {s.note && <span title={s.note}>📝</span>}
              {rels.map((r) => (
                <span key={r.id} className="rel-chip" data-testid="relation-chip">
                  {r.type} → {byId.get(r.to)?.text.slice(0, 24)}
                </span>
              ))}
              <button
                type="button"
                className="row-delete"
                aria-label="Delete span"
                onClick={(e) => {
                  e.stopPropagation();
                  deleteSpan(s.id);
                }}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
