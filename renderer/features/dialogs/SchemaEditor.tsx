import { useState } from 'react';
import { call } from '../../api';
import { attempt, flushSave, notify, openDocument } from '../../app/actions';
import { getState, setState, useAppState } from '../../app/store';
import { LABEL_PALETTE } from '../../../shared/model/defaults';
import type { Label, RelationType } from '../../../shared/model/schema';
import { LABEL_ROLES, RELATION_ROLES, type LabelRole, type RelationRole } from '../../../shared/model/roles';

/**
 * Each row remembers the name it had when the editor opened, so a rename can
 * be carried into the data, and has an id of its own: rows are keyed by it,
 * not by position, so a moved row keeps its own inputs (and what is typed in them).
 */
type Row<T> = T & { original?: string; rowId: number };

let rowIds = 0;
const withRowId = <T,>(x: T & { original?: string }): Row<T> => ({ ...x, rowId: ++rowIds });

function move<T>(list: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const next = list.slice();
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

function renamesOf<T extends { name: string }>(rows: Row<T>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.original && r.original !== r.name.trim()) out[r.original] = r.name.trim();
  return out;
}

function problemIn(rows: { name: string; key?: string | undefined }[], what: string): string | null {
  const names = rows.map((r) => r.name.trim());
  if (names.some((n) => !n) || new Set(names).size !== names.length) return `${what} names must be non-empty and unique.`;
  const keys = rows.map((r) => r.key).filter(Boolean);
  return new Set(keys).size === keys.length ? null : `Two ${what.toLowerCase()}s share a key.`;
}

const list = (v: string): string[] => v.split(',').map((x) => x.trim()).filter(Boolean);

/**
 * Add, rename, recolour, reorder and re-key labels and relation types and
 * edit their descriptions. Renames update every span and relation; main
 * refuses to delete a label or type that is still in use.
 */
export function SchemaEditor() {
  const corpus = useAppState((s) => s.corpus);
  const [labels, setLabels] = useState<Row<Label>[]>(() => corpus?.meta.schema.labels.map((l) => withRowId({ ...l, original: l.name })) ?? []);
  const [types, setTypes] = useState<Row<RelationType>[]>(() => corpus?.meta.schema.relationTypes.map((t) => withRowId({ ...t, original: t.name })) ?? []);
  if (!corpus) return null;
  const setLabel = (i: number, patch: Partial<Label>): void => setLabels(labels.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const setType = (i: number, patch: Partial<RelationType>): void => setTypes(types.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const save = async (): Promise<void> => {
    const problem = problemIn(labels, 'Label') ?? problemIn(types, 'Relation type');
    if (problem) return notify(problem);
    const renames = renamesOf(labels);
    const relationRenames = renamesOf(types);
    const clean = <T extends { name: string; key?: string | undefined }>({ original: _o, rowId: _r, ...row }: Row<T>) => ({ ...row, name: row.name.trim() });
    const schema = {
      labels: labels.map((l) => clean(l)),
      // relation ends follow label renames
      relationTypes: types.map((t) => ({ ...clean(t), from: t.from.map((n) => renames[n] ?? n), to: t.to.map((n) => renames[n] ?? n) })),
    };
    await flushSave();
    setState({ corpus: await call('corpus:updateMeta', { schema, renames, relationRenames }), dialog: null });
    // renames were written into every document: reload the open one, whose undo history holds the old names
    const open = getState().doc?.id;
    if (open) await openDocument(open);
    notify('Label schema saved.', 'info');
  };
  return (
    <div className="modal-backdrop">
      <div className="modal schema-editor" role="dialog" aria-label="Label schema" data-testid="schema-editor" data-no-hotkeys>
        <h2>Labels</h2>
        <table>
          <thead>
            <tr>
              <th>Order</th>
              <th>Name</th>
              <th>Key</th>
              <th title="What the label means to Who said what, Claims & figures and figure attributes; keeps them working after a rename">Role</th>
              <th>Colour</th>
              <th>Description</th>
              <th>Examples (; separated)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {labels.map((r, i) => (
              <tr key={r.rowId} data-testid="schema-row">
                <td dir="auto">
                  <button type="button" aria-label="Move up" onClick={() => setLabels(move(labels, i, -1))}>
                    ↑
                  </button>
                  <button type="button" aria-label="Move down" onClick={() => setLabels(move(labels, i, 1))}>
                    ↓
                  </button>
                </td>
                <td dir="auto">
                  <input aria-label={`Label ${i + 1} name`} dir="auto" value={r.name} onChange={(e) => setLabel(i, { name: e.target.value })} data-testid="schema-name" />
                </td>
                <td dir="auto">
                  <input dir="auto" aria-label={`Label ${i + 1} key`} className="key" maxLength={1} value={r.key ?? ''} onChange={(e) => setLabel(i, { key: e.target.value || undefined })} />
                </td>
                <td dir="auto">
                  <select aria-label={`Label ${i + 1} role`} data-testid="schema-role" value={r.role ?? ''} onChange={(e) => setLabel(i, { role: (e.target.value || undefined) as LabelRole | undefined })}>
                    <option value="">—</option>
                    {LABEL_ROLES.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </td>
                <td dir="auto">
                  <input aria-label={`Label ${i + 1} colour`} type="color" value={r.color} onChange={(e) => setLabel(i, { color: e.target.value })} />
                </td>
                <td dir="auto">
                  <input aria-label={`Label ${i + 1} description`} dir="auto" value={r.description} onChange={(e) => setLabel(i, { description: e.target.value })} />
                </td>
                <td dir="auto">
                  <input
                    data-testid="schema-examples"
                    aria-label={`Label ${i + 1} examples`}
                    dir="auto"
                    defaultValue={r.examples.join('; ')}
                    onBlur={(e) => setLabel(i, { examples: e.target.value.split(';').map((x) => x.trim()).filter(Boolean) })}
                  />
                </td>
                <td dir="auto">
                  <button type="button" aria-label="Remove label" title="Remove (refused on save while spans use it)" onClick={() => setLabels(labels.filter((_, k) => k !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => setLabels([...labels, withRowId<Label>({ name: `label${labels.length + 1}`, description: '', color: LABEL_PALETTE[labels.length % LABEL_PALETTE.length]!, examples: [] })])}
          data-testid="schema-add"
        >
          Add label
        </button>
        <h2>Relation types</h2>
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th title="source: cue → actor; content: cue → claim">Role</th>
              <th>Colour</th>
              <th>From labels</th>
              <th>To labels</th>
              <th>Description</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {types.map((t, i) => (
              <tr key={t.rowId} data-testid="relation-type-row">
                <td dir="auto">
                  <input aria-label={`Relation type ${i + 1} name`} dir="auto" value={t.name} onChange={(e) => setType(i, { name: e.target.value })} data-testid="relation-type-name" />
                </td>
                <td dir="auto">
                  <input dir="auto" aria-label={`Relation type ${i + 1} key`} className="key" maxLength={1} value={t.key ?? ''} onChange={(e) => setType(i, { key: e.target.value || undefined })} />
                </td>
                <td dir="auto">
                  <select aria-label={`Relation type ${i + 1} role`} data-testid="relation-type-role" value={t.role ?? ''} onChange={(e) => setType(i, { role: (e.target.value || undefined) as RelationRole | undefined })}>
                    <option value="">—</option>
                    {RELATION_ROLES.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </td>
                <td dir="auto">
                  <input aria-label={`Relation type ${i + 1} colour`} type="color" value={t.color} onChange={(e) => setType(i, { color: e.target.value })} />
                </td>
                <td dir="auto">
                  <input aria-label={`Relation type ${i + 1}: labels it starts from`} dir="auto" placeholder="any" defaultValue={t.from.join(', ')} onBlur={(e) => setType(i, { from: list(e.target.value) })} />
                </td>
                <td dir="auto">
                  <input aria-label={`Relation type ${i + 1}: labels it points to`} dir="auto" placeholder="any" defaultValue={t.to.join(', ')} onBlur={(e) => setType(i, { to: list(e.target.value) })} />
                </td>
                <td dir="auto">
                  <input aria-label={`Relation type ${i + 1} description`} dir="auto" value={t.description} onChange={(e) => setType(i, { description: e.target.value })} />
                </td>
                <td dir="auto">
                  <button type="button" aria-label="Remove relation type" onClick={() => setTypes(types.filter((_, k) => k !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setTypes([...types, withRowId<RelationType>({ name: `relation${types.length + 1}`, description: '', from: [], to: [], color: '#888888' })])}>
          Add relation type
        </button>
        <div className="modal-actions">
          <button type="button" onClick={() => setState({ dialog: null })}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={corpus.readOnly} onClick={() => void attempt(save)} data-testid="schema-save">
            Save schema
          </button>
        </div>
      </div>
    </div>
  );
}
