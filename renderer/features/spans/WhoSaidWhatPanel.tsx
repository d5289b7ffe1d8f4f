import { useMemo } from 'react';
import { selectSpan } from '../../app/actions';
import { useAppState } from '../../app/store';
import { attributionChains } from '../../../shared/analysis/claims';

/** Each claim with its source actor, its cue and the figures inside it. */
export function WhoSaidWhatPanel() {
  const doc = useAppState((s) => s.doc);
  const chains = useMemo(() => (doc ? attributionChains(doc) : []), [doc]);
  if (!doc) return null;
  if (!chains.length) return <p className="hint">No claims yet. Label a claim, its attribution cue and the actor, then link them with s and c.</p>;
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
    </ol>
  );
}
