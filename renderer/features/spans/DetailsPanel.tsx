import { useMemo } from 'react';
import { deleteSpan, endEditGroup, relabel, removeRelation, setAttribute, setNote, startLink } from '../../app/actions';
import { useAppState } from '../../app/store';
import { figureAttributes } from '../../../shared/analysis/figure-attributes';
import { labelHasRole } from '../../../shared/model/roles';

/** Everything about the selected span, editable: label, note, attributes, relations. */
export function DetailsPanel() {
  const doc = useAppState((s) => s.doc);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const selectedId = useAppState((s) => s.selectedSpanId);
  const linkFrom = useAppState((s) => s.linkFrom);
  const span = useMemo(() => doc?.spans.find((s) => s.id === selectedId) ?? null, [doc, selectedId]);
  if (!doc || !schema) return null;
  if (!span) return <p className="hint">Select a span (click it, or step through spans with . and , in the document) to see its details.</p>;
  const byId = new Map(doc.spans.map((s) => [s.id, s]));
  const relations = doc.relations.filter((r) => r.from === span.id || r.to === span.id);
  const attrs = span.attributes ?? {};
  const isFigure = labelHasRole(schema, span.label, 'figure');
  const setAttr = (key: string, value: string): void => setAttribute(span.id, key, value);
  return (
    <div className="details-panel" data-testid="details-panel" data-span-id={span.id}>
      <label>
        Label
        <select value={span.label} onChange={(e) => relabel(span.id, e.target.value)} data-testid="details-label">
          {schema.labels.map((l) => (
            <option key={l.name}>{l.name}</option>
          ))}
        </select>
      </label>
      <blockquote dir="auto" className="details-text">{span.text}</blockquote>
      <div className="muted">
        {span.start}–{span.end} (code points) · by {span.annotator}
      </div>
      <label>
        Note
        {/* saved at every keystroke like any other edit; a stretch of typing is one undo step; Esc leaves the box */}
        <textarea
          dir="auto"
          data-testid="details-note"
          value={span.note ?? ''}
          key={span.id}
          onChange={(e) => setNote(span.id, e.target.value)}
          onBlur={endEditGroup}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.stopPropagation();
            e.currentTarget.blur();
          }}
          placeholder="Free-text note (n)"
        />
      </label>
      {(isFigure || Object.keys(attrs).length > 0) && (
        <fieldset className="attributes" data-testid="figure-attributes">
          <legend>Attributes</legend>
          {Object.entries(isFigure && !Object.keys(attrs).length ? figureAttributes(span.text) : attrs).map(([k, v]) => (
            <label key={k}>
              {k}
              <input dir="auto" data-testid={`attr-${k}`} defaultValue={v === null ? '' : String(v)} key={`${span.id}-${k}-${String(v)}`} onBlur={(e) => e.target.value !== (v === null ? '' : String(v)) && setAttr(k, e.target.value)} />
            </label>
          ))}
        </fieldset>
      )}
      <h3>Relations</h3>
      <ul className="relations">
        {relations.map((r) => {
          const other = byId.get(r.from === span.id ? r.to : r.from);
          return (
            <li key={r.id} dir="auto" data-testid="relation-row" data-relation-type={r.type}>
              {r.from === span.id ? `${r.type} →` : `← ${r.type}`} <em>{other?.label}</em> “{other?.text}”
              <button type="button" aria-label="Remove relation" onClick={() => removeRelation(r.id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="link-actions">
        {schema.relationTypes
          .filter((t) => !t.from.length || t.from.includes(span.label))
          .map((t) => (
            <button type="button" key={t.name} onClick={() => startLink(t.name)} data-testid={`link-${t.name}`}>
              Link {t.name} ({t.key ?? ''})
            </button>
          ))}
        {linkFrom && <span className="hint">Linking {linkFrom.type}: click the target span, or step to it with . or , and press Enter.</span>}
      </div>
      <button type="button" className="danger" onClick={() => deleteSpan(span.id)}>
        Delete span (Del)
      </button>
    </div>
  );
}
