import { useState } from 'react';
import { titleWithKey } from '../../../shared/keymap';
import type { Suggestion } from '../../../shared/suggest/types';
import { useAppState } from '../../app/store';
import { acceptAllOfLabel, acceptCurrent, askModel, importPatternsText, rejectAll, rejectCurrent, setLocalModel, showSuggestions, step, useSuggest } from './suggest-store';

// a selector must return the same value while nothing changed: one empty list, not a new one per read
const NONE: readonly Suggestion[] = [];

/**
 * The suggestion toolbar above the document: how many suggestions of each
 * label, the current one with where it came from, accept/reject buttons (the
 * keys do the same), patterns import, and the local model switch.
 */
export function SuggestionsBar() {
  const doc = useAppState((s) => s.doc);
  const meta = useAppState((s) => s.corpus?.meta);
  const readOnly = useAppState((s) => s.corpus?.readOnly ?? false);
  const mode = useAppState((s) => s.mode);
  const all = useSuggest((s) => (s.docId === doc?.id ? s.suggestions : NONE));
  const currentKey = useSuggest((s) => s.currentKey);
  const computing = useSuggest((s) => s.computing);
  const lastMs = useSuggest((s) => s.lastMs);
  const error = useSuggest((s) => s.error);
  const visible = useSuggest((s) => s.visible);
  const modelBusy = useSuggest((s) => s.modelBusy);
  if (!doc || !meta || mode !== 'annotate') return null;
  const current = all.find((s) => s.key === currentKey);
  const byLabel = new Map<string, number>();
  for (const s of all) byLabel.set(s.label, (byLabel.get(s.label) ?? 0) + 1);
  return (
    <section className="suggest-bar" data-testid="suggest-bar" aria-label="Suggestions">
      <label className="sg-toggle">
        <input type="checkbox" checked={visible} onChange={(e) => showSuggestions(e.target.checked)} data-testid="suggest-visible" /> Suggestions
      </label>
      <span className="sg-count" data-testid="suggestion-count" aria-live="polite">
        {computing && !all.length ? 'finding…' : `${all.length}`}
      </span>
      {visible &&
        [...byLabel].map(([label, n]) => (
          <button type="button" key={label} disabled={readOnly} data-testid={`suggest-accept-label-${label}`} title={`Accept every ${label} suggestion in this document`} onClick={() => acceptAllOfLabel(label)}>
            ✓ all {label} ({n})
          </button>
        ))}
      {visible && all.length > 0 && (
        <>
          <button type="button" disabled={readOnly} data-testid="suggest-reject-all" title={titleWithKey('suggestion-reject-all')} onClick={rejectAll}>
            × all
          </button>
          <button type="button" data-testid="suggest-previous" title={titleWithKey('suggestion-previous')} onClick={() => step(-1)}>
            ‹
          </button>
          <button type="button" data-testid="suggest-next" title={titleWithKey('suggestion-next')} onClick={() => step(1)}>
            ›
          </button>
        </>
      )}
      {current && (
        <span className="sg-current-info" data-testid="suggestion-current">
          <b>{current.label}</b> “{current.text.length > 60 ? `${current.text.slice(0, 60)}…` : current.text}” <span className="muted">from {current.origin}</span>
          {current.links?.length ? <span className="muted"> + {current.links.map((l) => `${l.type} → ${l.span.label}`).join(', ')}</span> : null}
          <button type="button" disabled={readOnly} data-testid="suggestion-accept" title={titleWithKey('suggestion-accept')} onClick={acceptCurrent}>
            Accept
          </button>
          <button type="button" disabled={readOnly} title={titleWithKey('suggestion-reject')} onClick={rejectCurrent}>
            Reject
          </button>
        </span>
      )}
      {error && <span className="sg-error">{error}</span>}
      {lastMs !== null && !computing && <span className="muted sg-ms">{lastMs} ms</span>}
      <SuggestSettings disabled={readOnly} modelBusy={modelBusy} />
    </section>
  );
}

function SuggestSettings({ disabled, modelBusy }: { disabled: boolean; modelBusy: boolean }) {
  const meta = useAppState((s) => s.corpus?.meta);
  const local = meta?.suggest?.localModel;
  const [url, setUrl] = useState(local?.url ?? 'http://127.0.0.1:11434/v1');
  const [model, setModel] = useState(local?.model ?? '');
  const patterns = meta?.suggest?.patterns.length ?? 0;
  return (
    <details className="sg-settings">
      <summary data-testid="suggest-settings">Patterns & model</summary>
      <div className="sg-settings-body">
        <label>
          Import patterns.jsonl ({patterns} in the corpus)
          <input
            type="file"
            accept=".jsonl,.json,.txt"
            disabled={disabled}
            data-testid="suggest-patterns-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) await importPatternsText(await f.text(), f.name);
            }}
          />
        </label>
        <fieldset>
          <legend>Local model (off unless you turn it on; only this address is contacted)</legend>
          <label>
            <input
              type="checkbox"
              checked={local?.enabled ?? false}
              disabled={disabled}
              data-testid="suggest-model-enabled"
              onChange={(e) => void setLocalModel({ enabled: e.target.checked, url, model })}
            />{' '}
            Use a local OpenAI-compatible model for this corpus
          </label>
          <label>
            Address <input dir="auto" value={url} onChange={(e) => setUrl(e.target.value)} data-testid="suggest-model-url" placeholder="http://127.0.0.1:11434/v1" />
          </label>
          <label>
            Model <input dir="auto" value={model} onChange={(e) => setModel(e.target.value)} data-testid="suggest-model-name" placeholder="llama3.1" />
          </label>
          <button type="button" disabled={disabled} data-testid="suggest-model-save" onClick={() => void setLocalModel({ enabled: local?.enabled ?? false, url, model })}>
            Save
          </button>
          <button type="button" disabled={!local?.enabled || modelBusy} data-testid="suggest-model-run" onClick={() => void askModel()}>
            {modelBusy ? 'Asking…' : 'Ask the model'}
          </button>
        </fieldset>
      </div>
    </details>
  );
}
