import { LabelChip } from '../LabelChip';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { OffsetIndex } from '../../../shared/text/offsets';
import type { AnnotationSchema } from '../../../shared/model/schema';
import { goldSpanId, type Candidate } from '../../../shared/review/adjudicate';
import { getState } from '../../app/store';
import { buildRuns, splitParagraphs, type ViewSpan } from '../../editor/segments';
import { keyOfLabel, labelForKey } from '../label-keys';
import {
  acceptAgreed, cancelEdit, currentGoldSpan, finalizeCurrent, focusCandidate, keepBothCurrent, keepCurrent, openCopies,
  rejectCurrent, relabelCurrent, selectDocument, startEdit, statusOf, stepDisagreement, stepDocument, undecided, undoReview, useReview,
} from './review-store';

function inField(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && t.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Review keys, on the window's capture phase so the annotation hotkeys
 * (j = next document, Delete = delete span, Tab = next span…) never act on
 * a document that is not on screen while the review view is.
 */
function useReviewKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (inField(e.target) || e.altKey || getState().dialog) return;
      const mod = e.ctrlKey || e.metaKey;
      const stop = (prevent = true): void => {
        if (prevent) e.preventDefault();
        e.stopImmediatePropagation();
      };
      if (mod) {
        if (e.key.toLowerCase() === 'z') {
          stop();
          undoReview();
        }
        return;
      }
      const onButton = e.target instanceof HTMLElement && e.target.closest('button, a') !== null;
      const actions: Record<string, () => void> = {
        a: acceptAgreed,
        j: () => stepDisagreement(1),
        ArrowDown: () => stepDisagreement(1),
        k: () => stepDisagreement(-1),
        ArrowUp: () => stepDisagreement(-1),
        '1': keepCurrent,
        '2': keepBothCurrent,
        '0': rejectCurrent,
        x: rejectCurrent,
        e: startEdit,
        f: () => void finalizeCurrent(),
        u: undoReview,
        ']': () => stepDocument(1),
        '[': () => stepDocument(-1),
        o: () => void openCopies(),
        Escape: cancelEdit,
      };
      const act = actions[e.key];
      if (act) {
        stop();
        act();
      } else if (e.key === 'Enter' && !onButton) {
        stop();
        void finalizeCurrent();
      } else if (['Enter', 'Tab', 'Delete', 'Backspace', ' '].includes(e.key) || /^\w$/.test(e.key)) {
        // native behaviour (focus moves, buttons press) but none of the annotation shortcuts
        stop(false);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

function colorOf(schema: AnnotationSchema | undefined, label: string): string {
  return schema?.labels.find((l) => l.name === label)?.color ?? '#999999';
}

/** The document's text with one <mark> per run of candidates, read-only. */
function CandidateText({ text, candidates, schema }: { text: string; candidates: Candidate[]; schema: AnnotationSchema }) {
  const current = useReview((s) => s.current);
  const gold = useReview((s) => s.gold);
  const declined = useReview((s) => s.declined);
  const byKey = useMemo(() => new Map(candidates.map((c) => [c.key, c])), [candidates]);
  const paragraphs = useMemo(() => {
    const index = new OffsetIndex(text);
    const spans: ViewSpan[] = candidates.map((c) => ({ id: c.key, label: c.label, start: index.toUtf16(c.start), end: index.toUtf16(c.end) }));
    const ps = splitParagraphs(text);
    const runs = buildRuns(ps, spans);
    return ps.map((p, i) => ({ p, runs: runs[i]! }));
  }, [text, candidates]);
  return (
    <div className="review-text" data-testid="review-text">
      {paragraphs.map(({ p, runs }) => (
        <p key={p.index} className="sm-p" dir="auto">
          {runs.map((r) => {
            const piece = text.slice(r.start, r.end);
            if (!r.spans.length) return <span key={r.start}>{piece}</span>;
            const covering = r.spans.map((s) => byKey.get(s.id)!);
            const inner = covering[covering.length - 1]!;
            const status = statusOf(inner, gold, declined);
            // open disagreements stand out; settled ones keep a lighter mark so they can be revisited
            const disputed = covering.some((c) => statusOf(c, gold, declined) === 'disputed');
            const settled = !disputed && covering.some((c) => !c.agreed);
            const shownLabel = gold?.spans.find((s) => s.id === goldSpanId(inner))?.label ?? inner.label;
            const isCurrent = covering.some((c) => c.key === current);
            return (
              <mark
                key={r.start}
                className={`rv-mark rv-${status}${disputed ? ' rv-disputed' : ''}${settled ? ' rv-settled' : ''}${isCurrent ? ' rv-current' : ''}`}
                style={{ background: `${colorOf(schema, shownLabel)}${status === 'rejected' ? '22' : '66'}` }}
                data-candidate-id={inner.key}
                data-candidate-ids={covering.map((c) => c.key).join(' ')}
                data-agreed={String(inner.agreed)}
                data-status={status}
                title={covering.map((c) => `${c.label}: ${c.proposedBy.join(', ')}`).join('\n')}
                onClick={() => {
                  // a second click on stacked candidates steps through them, innermost first
                  const i = covering.findIndex((c) => c.key === current);
                  focusCandidate((i > 0 ? covering[i - 1]! : inner).key);
                }}
              >
                {piece}
              </mark>
            );
          })}
        </p>
      ))}
    </div>
  );
}

function LabelEditor({ schema }: { schema: AnnotationSchema }) {
  const span = currentGoldSpan();
  const [value, setValue] = useState(span?.label ?? '');
  if (!span) return null;
  const onKeyDown = (e: ReactKeyboardEvent<HTMLSelectElement>): void => {
    const byKey = labelForKey(schema, e.key);
    if (e.key === 'Enter') relabelCurrent(value);
    else if (e.key === 'Escape') cancelEdit();
    else if (byKey) relabelCurrent(byKey);
    else return;
    e.preventDefault();
    document.querySelector<HTMLElement>('[data-testid="review-view"]')?.focus();
  };
  return (
    <div className="review-edit">
      <label>
        Label of “{span.text}”{' '}
        <select autoFocus value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={onKeyDown} data-testid="gold-label-select">
          {schema.labels.map((l) => (
            <option key={l.name} value={l.name}>
              {keyOfLabel(schema, l.name) ? `${keyOfLabel(schema, l.name)} · ` : ''}
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" onClick={() => relabelCurrent(value)}>
        Apply
      </button>
      <button type="button" onClick={cancelEdit}>
        Cancel
      </button>
      <span className="hint">Enter applies, a label key picks directly, Esc cancels</span>
    </div>
  );
}

const KEYS: [string, string, () => void][] = [
  ['a', 'Accept agreed', acceptAgreed],
  ['k', 'Previous', () => stepDisagreement(-1)],
  ['j', 'Next', () => stepDisagreement(1)],
  ['1', 'Keep this', keepCurrent],
  ['2', 'Keep both', keepBothCurrent],
  ['0', 'Keep neither', rejectCurrent],
  ['e', 'Edit label', startEdit],
  ['u', 'Undo', undoReview],
];

export function ReviewView() {
  useReviewKeys();
  const summary = useReview((s) => s.summary);
  const doc = useReview((s) => s.doc);
  const gold = useReview((s) => s.gold);
  const declined = useReview((s) => s.declined);
  const current = useReview((s) => s.current);
  const editing = useReview((s) => s.editing);
  const savedTo = useReview((s) => s.savedTo);
  const pane = useRef<HTMLDivElement>(null);

  // the keys act on the review as soon as a document is on screen
  useEffect(() => {
    if (doc && !(document.activeElement instanceof HTMLElement && document.activeElement.closest('.review-docs'))) pane.current?.focus();
  }, [doc]);
  useEffect(() => {
    if (current) document.querySelector(`[data-testid="candidate-row"][data-candidate-id="${CSS.escape(current)}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const schema = summary?.schema;
  const candidates = doc?.adjudication.candidates ?? [];
  const open = doc ? undecided({ doc, gold, declined }) : [];
  const goldLabel = (c: Candidate) => gold?.spans.find((s) => s.id === goldSpanId(c))?.label;

  return (
    <div className="project-view review" data-testid="review-view" tabIndex={-1} ref={pane}>
      <div className="view-actions">
        <button type="button" className={summary ? '' : 'primary'} data-testid="review-open" onClick={() => void openCopies('files')}>
          Open annotator copies…
        </button>
        <button type="button" data-testid="review-add-folder" onClick={() => void openCopies('folder', !!summary)}>
          {summary ? 'Add corpus folder…' : 'Open corpus folder…'}
        </button>
        {summary && (
          <span className="muted" data-testid="review-annotators">
            {summary.annotators.join(', ')}
            {summary.annotators.length < 2 ? ' — add another copy to compare' : ''}
          </span>
        )}
      </div>
      {!summary && (
        <p className="muted">
          Open two or more annotators’ copies of one corpus (Spanmark JSON exports or corpus folders). Each document shows every annotator’s spans;
          agreed ones are accepted with <kbd>a</kbd>, each disagreement is settled with <kbd>1</kbd> keep this, <kbd>2</kbd> keep both, <kbd>0</kbd> keep
          neither, and <kbd>Enter</kbd> writes the reviewed document to a gold corpus.
        </p>
      )}
      {!!summary?.conflicts.length && (
        <p className="review-conflicts" data-testid="review-conflicts">
          Left out, because their text differs between copies: {summary.conflicts.map((c) => `${c.versions[0]?.title ?? c.id} (${c.versions.map((v) => v.annotator).join(' / ')})`).join('; ')}
        </p>
      )}
      {summary && (
        <div className="review-grid">
          <ul className="review-docs" aria-label="Documents to review">
            {summary.documents.map((d) => (
              <li key={d.key}>
                <button
                  type="button"
                  className={`review-doc${d.key === doc?.key ? ' current' : ''}`}
                  data-testid="review-doc-row"
                  data-key={d.key}
                  data-reviewed={String(d.reviewed)}
                  aria-current={d.key === doc?.key}
                  onClick={() => void selectDocument(d.key)}
                >
                  <span className="doc-row-title" dir="auto">{d.title}</span>
                  <span className="doc-row-meta">
                    <span data-testid="review-agreed-count">{d.agreed} agreed</span>
                    <span data-testid="review-disputed-count" className={d.disagreements ? 'status-in_progress' : ''}>
                      {d.disagreements} disputed
                    </span>
                    {d.reviewed && <span className="status-reviewed">✓ reviewed</span>}
                  </span>
                </button>
              </li>
            ))}
            {!summary.documents.length && <li className="muted">No document appears in these copies.</li>}
          </ul>
          {doc && schema && (
            <section className="review-main" data-testid="review-document" data-key={doc.key}>
              <header className="doc-header">
                <h1 dir="auto">{doc.title}</h1>
                <span className="doc-source">
                  {doc.versions.map((v) => `${v.annotator}: ${v.spans} spans (${v.status.replace('_', ' ')})`).join(' · ')}
                  {doc.matchedBy === 'text' ? ' · matched by text' : ''}
                </span>
              </header>
              <div className="view-actions review-actions">
                {KEYS.map(([key, title, fn]) => (
                  <button type="button" key={key} onClick={fn} data-testid={`review-${title.toLowerCase().replace(/ /g, '-')}`}>
                    {title} <kbd>{key}</kbd>
                  </button>
                ))}
                <button type="button" className="primary" data-testid="review-finalize" onClick={() => void finalizeCurrent()}>
                  Finalize <kbd>Enter</kbd>
                </button>
                <span className="muted" data-testid="review-undecided">
                  {open.length ? `${open.length} undecided` : 'all decided'}
                </span>
              </div>
              {editing && <LabelEditor key={current} schema={schema} />}
              {savedTo && (
                <p className="review-saved" data-testid="gold-saved">
                  Reviewed. Gold written to <code>{savedTo}</code>
                </p>
              )}
              <CandidateText text={doc.adjudication.base.text} candidates={candidates} schema={schema} />
              <h2>Candidates</h2>
              <ul className="review-candidates">
                {candidates.map((c) => {
                  const status = statusOf(c, gold, declined);
                  const relabelled = status === 'kept' ? goldLabel(c) : undefined;
                  const missing = doc.versions.map((v) => v.annotator).filter((a) => !c.proposedBy.includes(a));
                  return (
                    <li
                      key={c.key}
                      className={`candidate-row rv-${status}${c.key === current ? ' current' : ''}`}
                      data-testid="candidate-row"
                      data-candidate-id={c.key}
                      data-status={status}
                      data-label={c.label}
                      aria-current={c.key === current}
                      onClick={() => focusCandidate(c.key)}
                    >
                      <LabelChip label={c.label} color={colorOf(schema, c.label)} />
                      {relabelled && relabelled !== c.label && <LabelChip prefix="→ " label={relabelled} color={colorOf(schema, relabelled)} />}
                      <span className="span-text" dir="auto">“{c.text}”</span>
                      <span className="muted">
                        {c.proposedBy.join(', ')}
                        {missing.length ? ` · not ${missing.join(', ')}` : ''}
                      </span>
                      <span className={`rv-status rv-status-${status}`}>{status}</span>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
