import { useMemo } from 'react';
import { selectSpan } from '../../app/actions';
import { useAppState } from '../../app/store';
import { attributionChains, openAttributions } from '../../../shared/analysis/claims';

/**
 * Each claim with its source actor, its cue and the figures inside it; an
 * attribution with a source but no claim yet is listed too, marked
 * incomplete, so half-finished work is not invisible.
 */
export function WhoSaidWhatPanel() {
  const doc = useAppState((s) => s.doc);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const chains = useMemo(() => (doc && schema ? attributionChains(doc, schema) : []), [doc, schema]);
  const open = useMemo(() => (doc && schema ? openAttributions(doc, schema) : []), [doc, schema]);
  if (!doc) return null;
  if (!chains.length && !open.length) return <p className="hint">No claims yet. Label a claim, its attribution cue and the actor, then link them with s and c.</p>;
  return (
    <ol className="who-said-what" data-testid="who-said-what">
      {chains.map((c) => (
        <li key={c.claim.id} dir="auto" data-testid="claim-chain" data-claim-id={c.claim.id}>
          <div>
            <strong>{c.actors.map((a) => a.text).join(', ') || 'Unattributed'}</strong>{' '}
            <span className="muted">{c.cues.map((x) => x.text).join(', ') || '—'}</span>
          </div>
          <button type="button" className="link" onClick={() => selectSpan(c.claim.id)}>
            “{c.claim.text}”
          </button>
          {c.figures.length > 0 && (
            <div className="figures">
              {c.figures.map((f) => (
                <span key={f.id} className="figure-chip">
                  {f.text}
                </span>
              ))}
            </div>
          )}
        </li>
      ))}
      {open.map((a) => (
        <li key={a.cue.id} className="incomplete" data-testid="open-attribution" data-cue-id={a.cue.id}>
          <div>
            <strong>{a.actors.map((x) => x.text).join(', ')}</strong>{' '}
            <button type="button" className="link muted" onClick={() => selectSpan(a.cue.id)}>
              {a.cue.text}
            </button>
          </div>
          <em className="muted">incomplete: no claim linked yet (select the cue and press c)</em>
        </li>
      ))}
    </ol>
  );
}
