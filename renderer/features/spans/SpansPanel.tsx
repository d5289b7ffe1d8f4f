import { useEffect, useMemo } from 'react';
import { deleteSpan, selectSpan } from '../../app/actions';
import { useAppState } from '../../app/store';
import { LabelChip } from '../LabelChip';

const optionId = (spanId: string): string => `span-option-${spanId}`;

const MAX_ROWS = 2000;

export function SpansPanel() {
  const doc = useAppState((s) => s.doc);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const selected = useAppState((s) => s.selectedSpanId);
  const colors = useMemo(() => new Map(schema?.labels.map((l) => [l.name, l.color]) ?? []), [schema]);
  const byId = useMemo(() => new Map(doc?.spans.map((s) => [s.id, s]) ?? []), [doc]);
  useEffect(() => {
    if (selected) document.getElementById(optionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
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
      {/* a listbox: Tab lands on the list, arrows move through the spans, Delete removes the current one */}
      <ul
        role="listbox"
        aria-label={`Spans in “${doc.title}”`}
        tabIndex={0}
        aria-activedescendant={selected && byId.has(selected) ? optionId(selected) : undefined}
        onKeyDown={(e) => {
          const i = doc.spans.findIndex((x) => x.id === selected);
          const to = { ArrowDown: i + 1, ArrowUp: i < 0 ? doc.spans.length - 1 : i - 1, Home: 0, End: doc.spans.length - 1 }[e.key];
          if (to === undefined) return;
          e.preventDefault();
          const target = doc.spans[Math.max(0, Math.min(doc.spans.length - 1, to))];
          if (target) selectSpan(target.id);
        }}
      >
        {rows.map((s) => {
          const rels = doc.relations.filter((r) => r.from === s.id);
          return (
            <li
              key={s.id}
              id={optionId(s.id)}
              role="option"
              data-testid="span-row"
              data-span-id={s.id}
              data-label={s.label}
              className={`span-row ${s.id === selected ? 'selected' : ''}`}
              aria-selected={s.id === selected}
              onClick={() => selectSpan(s.id)}
            >
              <LabelChip label={s.label} color={colors.get(s.label)} />
              <span className="span-text" dir="auto">
                {s.text}
              </span>
              {s.note && (
                <span title={s.note} aria-label={`note: ${s.note}`}>
                  📝
                </span>
              )}
              {rels.map((r) => (
                <span key={r.id} className="rel-chip" data-testid="relation-chip" dir="auto">
                  {r.type} → {byId.get(r.to)?.text.slice(0, 24)}
                </span>
              ))}
              {/* not a button: an option may not hold focusable controls; the keyboard deletes with Delete */}
              <span
                className="row-delete"
                title="Delete span (Delete)"
                data-testid="span-delete"
                onClick={(e) => {
                  e.stopPropagation();
                  deleteSpan(s.id);
                }}
              >
                ×
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
