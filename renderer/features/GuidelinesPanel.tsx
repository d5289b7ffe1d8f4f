import { useState } from 'react';
import { call } from '../api';
import { attempt } from '../app/actions';
import { setState, useAppState } from '../app/store';

/** Each label's description and examples, plus the corpus guidelines text, editable and stored in the corpus. */
export function GuidelinesPanel() {
  const corpus = useAppState((s) => s.corpus);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  if (!corpus) return null;
  const { schema, guidelines } = corpus.meta;
  return (
    <div className="guidelines" data-testid="guidelines-panel">
      {schema.labels.map((l) => (
        <section key={l.name}>
          <h3>
            <span className="swatch" style={{ background: l.color }} /> {l.name}
          </h3>
          <p>{l.description}</p>
          {l.examples.length > 0 && <p className="muted">e.g. {l.examples.map((x) => `“${x}”`).join(', ')}</p>}
        </section>
      ))}
      <button type="button" disabled={corpus.readOnly} onClick={() => setState({ dialog: 'schema' })} data-testid="edit-schema">
        Edit labels…
      </button>
      <h3>Guidelines</h3>
      {editing ? (
        <>
          <textarea dir="auto" rows={12} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="guidelines-editor" />
          <button
            type="button"
            className="primary"
            data-testid="guidelines-save"
            onClick={() =>
              void attempt(async () => {
                setState({ corpus: await call('corpus:updateMeta', { guidelines: draft }) });
                setEditing(false);
              })
            }
          >
            Save guidelines
          </button>
        </>
      ) : (
        <>
          <pre className="guidelines-text">{guidelines || 'No guidelines yet.'}</pre>
          <button type="button" disabled={corpus.readOnly} onClick={() => (setDraft(guidelines), setEditing(true))} data-testid="guidelines-edit">
            Edit guidelines
          </button>
        </>
      )}
    </div>
  );
}
