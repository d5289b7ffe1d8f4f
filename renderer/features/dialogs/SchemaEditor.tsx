import { useState } from 'react';
import { call } from '../../api';
import { attempt, notify } from '../../app/actions';
import { setState, useAppState } from '../../app/store';
import { LABEL_PALETTE } from '../../../shared/model/defaults';
import type { Label } from '../../../shared/model/schema';

interface Row extends Label {
  /** the name this label had when the editor opened; renames are applied to every span */
  original?: string;
}

function move<T>(list: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const next = list.slice();
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/**
 * Add, rename, recolour, reorder and re-key labels and edit their
 * descriptions. Renames update every span; a label that still has spans
 * cannot be deleted from here (relabel or delete those spans first).
 */
export function SchemaEditor() {
  const corpus = useAppState((s) => s.corpus);
  const [rows, setRows] = useState<Row[]>(() => corpus?.meta.schema.labels.map((l) => ({ ...l, original: l.name })) ?? []);
  if (!corpus) return null;
  const update = (i: number, patch: Partial<Row>): void => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const save = async (): Promise<void> => {
    const names = rows.map((r) => r.name.trim());
    if (names.some((n) => !n) || new Set(names).size !== names.length) return notify('Label names must be non-empty and unique.');
    const keys = rows.map((r) => r.key).filter(Boolean);
    if (new Set(keys).size !== keys.length) return notify('Two labels share a key.');
    const removed = (corpus.meta.schema.labels ?? []).filter((l) => !rows.some((r) => r.original === l.name)).map((l) => l.name);
    if (removed.length) {
      const stats = await call('analysis:stats', {});
      const busy = removed.filter((n) => (stats.perLabel.find((p) => p.label === n)?.count ?? 0) > 0);
      if (busy.length) return notify(`Not saved: ${busy.join(', ')} still ${busy.length > 1 ? 'have' : 'has'} spans. Relabel or delete them first — nothing was changed.`);
    }
    const renames: Record<string, string> = {};
    for (const r of rows) if (r.original && r.original !== r.name.trim()) renames[r.original] = r.name.trim();
    const labels: Label[] = rows.map(({ original: _o, ...l }) => ({ ...l, name: l.name.trim(), ...(l.key ? { key: l.key } : {}) }));
    const relationTypes = corpus.meta.schema.relationTypes.map((t) => ({ ...t, from: t.from.map((n) => renames[n] ?? n), to: t.to.map((n) => renames[n] ?? n) }));
    const next = await call('corpus:updateMeta', { schema: { labels, relationTypes }, renames });
    setState({ corpus: next, dialog: null });
    notify('Label schema saved.', 'info');
  };
  return (
    <div className="modal-backdrop">
      <div className="modal schema-editor" role="dialog" aria-label="Label schema" data-testid="schema-editor" data-no-hotkeys>
        <h2>Label schema</h2>
        <table>
          <thead>
            <tr>
              <th>Order</th>
              <th>Name</th>
              <th>Key</th>
              <th>Colour</th>
              <th>Description</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-testid="schema-row">
                <td>
                  <button type="button" aria-label="Move up" onClick={() => setRows(move(rows, i, -1))}>
                    ↑
                  </button>
                  <button type="button" aria-label="Move down" onClick={() => setRows(move(rows, i, 1))}>
                    ↓
                  </button>
                </td>
                <td>
                  <input value={r.name} onChange={(e) => update(i, { name: e.target.value })} data-testid="schema-name" />
                </td>
                <td>
                  <input className="key" maxLength={1} value={r.key ?? ''} onChange={(e) => update(i, { key: e.target.value || undefined })} />
                </td>
                <td>
                  <input type="color" value={r.color} onChange={(e) => update(i, { color: e.target.value })} />
                </td>
                <td>
                  <input value={r.description} onChange={(e) => update(i, { description: e.target.value })} />
                </td>
                <td>
                  <button type="button" aria-label="Remove label" title="Remove (refused on save while the label has spans)" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() => setRows([...rows, { name: `label${rows.length + 1}`, description: '', color: LABEL_PALETTE[rows.length % LABEL_PALETTE.length]!, examples: [] }])}
          data-testid="schema-add"
        >
          Add label
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
