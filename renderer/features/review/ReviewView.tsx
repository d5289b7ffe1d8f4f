import { LabelChip } from '../LabelChip';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { bindingsOf, command } from '../../../shared/keymap';
import { REVIEW_COMMANDS } from './review-commands';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { goldSpanOf, type Candidate, type RelationCandidate } from '../../../shared/review/adjudicate';
import { CandidateLooks, RelationLooks } from './candidate-looks';
import { useVirtualRows } from '../corpus/useVirtualRows';
import { DocumentView, type Decorations } from '../../editor/DocumentView';
import { keyOfLabel, labelForKey } from '../label-keys';
import { useTeamStatus } from '../team/team-store';
import {
  cancelEdit, currentGoldSpan, finalizeCurrent, focusCandidate, openCopies, openTeamCopies, relabelCurrent, relationStatusOf, reviewIndex, selectDocument, statusOf, undecided, undecidedRelations, useReview,
  type CandidateStatus,
} from './review-store';

function colorOf(schema: AnnotationSchema | undefined, label: string): string {
  return schema?.labels.find((l) => l.name === label)?.color ?? '#999999';
}

const T0 = '1970-01-01T00:00:00.000Z';

/**
 * The document's text with every candidate and candidate relation, in the
 * same view the annotators use (windowed, nested spans, arcs), read-only:
 * candidate keys are the span ids, and their states are decorations.
 */
function CandidateText({ schema }: { schema: AnnotationSchema }) {
  const doc = useReview((s) => s.doc)!;
  const current = useReview((s) => s.current);
  const gold = useReview((s) => s.gold);
  const declined = useReview((s) => s.declined);
  const adj = doc.adjudication;
  const view: Document = useMemo(
    () => ({
      ...adj.base,
      status: 'in_progress',
      spans: adj.candidates.map((c) => ({ id: c.key, label: c.label, start: c.start, end: c.end, text: c.text, annotator: c.proposedBy.join(', '), createdAt: T0, updatedAt: T0 })),
      relations: adj.relations.map((r) => ({ id: r.key, type: r.type, from: r.from, to: r.to, annotator: r.proposedBy.join(', ') })),
    }),
    [adj],
  );
  // looks are worked out for the rendered candidates only (see CandidateLooks)
  const spans = useMemo(() => new CandidateLooks(doc, gold, declined, schema), [doc, gold, declined, schema]);
  const relations = useMemo(() => new RelationLooks(doc, gold, declined, current), [doc, gold, declined, current]);
  const decorations: Decorations = useMemo(() => ({ spans, relations }), [spans, relations]);
  const onSelectSpan = useCallback((id: string | null) => {
    if (id) focusCandidate(id);
  }, []);
  const selected = current && reviewIndex(doc).candidates.has(current) ? current : null;
  return (
    <DocumentView
      key={doc.key}
      doc={view}
      schema={schema}
      selectedSpanId={selected}
      mode="annotate"
      snapToWords
      annotate={false}
      decorations={decorations}
      onSelectSpan={onSelectSpan}
      testId="review-text"
      className="review-text"
    />
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

/** The buttons above the text: the review commands with their first key, from the keymap. */
const BUTTONS = ['review-accept-agreed', 'review-previous', 'review-next', 'review-keep', 'review-keep-both', 'review-reject', 'review-edit-label', 'review-undo'].map((id) => ({
  id,
  title: command(id).title,
  key: bindingsOf(id)[0]!.key,
  run: REVIEW_COMMANDS[id]!,
}));

const ROW_HEIGHT = 30;
/** rows a candidate list shows before it scrolls */
const VISIBLE_ROWS = 12;
const ROW_STYLE = { height: ROW_HEIGHT, boxSizing: 'border-box', flexWrap: 'nowrap', overflow: 'hidden', whiteSpace: 'nowrap', alignItems: 'center' } as const;

/**
 * A list of candidate rows in its own scroller, windowed: a document with
 * tens of thousands of candidates puts only the rows on screen in the DOM.
 * The current row is kept in view.
 */
function WindowedRows<T>({ label, items, current, keyOf, row }: { label: string; items: readonly T[]; current: string | null; keyOf: (item: T) => string; row: (item: T) => ReactNode }) {
  const { containerRef, onScroll, first, last, padTop, padBottom } = useVirtualRows(items.length, ROW_HEIGHT);
  const position = useMemo(() => new Map(items.map((x, i) => [keyOf(x), i])), [items, keyOf]);
  const at = current ? (position.get(current) ?? -1) : -1;
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el || at < 0) return;
    const top = at * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    onScroll();
  }, [at, containerRef, onScroll]);
  return (
    // focusable, so the list scrolls from the keyboard too (its rows are not focusable)
    <div ref={containerRef} onScroll={onScroll} className="review-rows" tabIndex={0} role="region" aria-label={label} style={{ maxHeight: VISIBLE_ROWS * ROW_HEIGHT, overflowY: 'auto' }}>
      <ul className="review-candidates" style={{ paddingTop: padTop, paddingBottom: padBottom }}>
        {items.slice(first, last).map(row)}
      </ul>
    </div>
  );
}

interface CandidateRowProps {
  c: Candidate;
  status: CandidateStatus;
  /** the label gold gives it, when the reviewer changed it */
  relabelled: string | undefined;
  isCurrent: boolean;
  missing: string;
  schema: AnnotationSchema;
}

/** Rows on screen render again only when what they show changed. */
const CandidateRow = memo(function CandidateRow({ c, status, relabelled, isCurrent, missing, schema }: CandidateRowProps) {
  return (
    <li
      className={`candidate-row rv-${status}${isCurrent ? ' current' : ''}`}
      data-testid="candidate-row"
      data-candidate-id={c.key}
      data-status={status}
      data-label={c.label}
      aria-current={isCurrent}
      style={ROW_STYLE}
      onClick={() => focusCandidate(c.key)}
    >
      <LabelChip label={c.label} color={colorOf(schema, c.label)} />
      {relabelled && <LabelChip prefix="→ " label={relabelled} color={colorOf(schema, relabelled)} />}
      <span className="span-text" dir="auto" style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: '3em' }} title={c.text}>
        “{c.text}”
      </span>
      <span className="muted">
        {c.proposedBy.join(', ')}
        {missing ? ` · not ${missing}` : ''}
      </span>
      <span className={`rv-status rv-status-${status}`}>{status}</span>
    </li>
  );
});

const candidateKeyOf = (c: Candidate): string => c.key;
const relationKeyOf = (r: RelationCandidate): string => r.key;

function CandidateRows({ schema }: { schema: AnnotationSchema }) {
  const doc = useReview((s) => s.doc)!;
  const gold = useReview((s) => s.gold);
  const declined = useReview((s) => s.declined);
  const current = useReview((s) => s.current);
  const annotators = useMemo(() => doc.versions.map((v) => v.annotator), [doc]);
  const row = (c: Candidate) => {
    const status = statusOf(c, gold, declined);
    const goldLabel = status === 'kept' && gold ? goldSpanOf(c, gold)?.label : undefined;
    const missing = c.proposedBy.length === annotators.length ? '' : annotators.filter((a) => !c.proposedBy.includes(a)).join(', ');
    return <CandidateRow key={c.key} c={c} status={status} relabelled={goldLabel !== c.label ? goldLabel : undefined} isCurrent={c.key === current} missing={missing} schema={schema} />;
  };
  return <WindowedRows label="Candidates" items={doc.adjudication.candidates} current={current} keyOf={candidateKeyOf} row={row} />;
}

function RelationRows({ relations, candidates }: { relations: readonly RelationCandidate[]; candidates: readonly Candidate[] }) {
  const gold = useReview((s) => s.gold);
  const declined = useReview((s) => s.declined);
  const current = useReview((s) => s.current);
  const text = useMemo(() => new Map(candidates.map((c) => [c.key, `${c.label} “${c.text}”`])), [candidates]);
  if (!relations.length) return null;
  const row = (r: RelationCandidate) => {
    const status = relationStatusOf(r, gold, declined);
    return (
      <li
        key={r.key}
        className={`candidate-row rv-${status}${r.key === current ? ' current' : ''}`}
        data-testid="relation-row"
        data-relation-key={r.key}
        data-type={r.type}
        data-status={status}
        aria-current={r.key === current}
        style={ROW_STYLE}
        onClick={() => focusCandidate(r.key)}
      >
        <LabelChip label={r.type} />
        <span className="span-text" dir="auto" style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: '3em' }}>
          {text.get(r.from)} → {text.get(r.to)}
        </span>
        <span className="muted">{r.proposedBy.join(', ')}</span>
        <span className={`rv-status rv-status-${status}`} title={status === 'waiting' ? 'keep both of its spans first' : undefined}>
          {status === 'waiting' ? 'waiting for its spans' : status}
        </span>
      </li>
    );
  };
  return (
    <>
      <h2>Relations</h2>
      <WindowedRows label="Relations" items={relations} current={current} keyOf={relationKeyOf} row={row} />
    </>
  );
}

export function ReviewView() {
  const summary = useReview((s) => s.summary);
  const teamLead = useTeamStatus().role === 'lead';
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

  const schema = summary?.schema;
  const open = useMemo(() => (doc ? undecided({ doc, gold, declined }).length + undecidedRelations({ doc, gold, declined }).length : 0), [doc, gold, declined]);

  return (
    <div className="project-view review" data-testid="review-view" tabIndex={-1} ref={pane}>
      <div className="view-actions">
        <button type="button" className={summary ? '' : 'primary'} data-testid="review-open" onClick={() => void openCopies('files')}>
          Open annotator copies…
        </button>
        <button type="button" data-testid="review-add-folder" onClick={() => void openCopies('folder', !!summary)}>
          {summary ? 'Add corpus folder…' : 'Open corpus folder…'}
        </button>
        {teamLead && (
          <button type="button" data-testid="review-team" onClick={() => void openTeamCopies()} title="Every annotator's copies as replicated from the team server">
            Team copies
          </button>
        )}
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
                {BUTTONS.map((b) => (
                  <button type="button" key={b.id} onClick={b.run} data-testid={`review-${b.title.toLowerCase().replace(/ /g, '-')}`}>
                    {b.title} <kbd>{b.key}</kbd>
                  </button>
                ))}
                <button type="button" className="primary" data-testid="review-finalize" onClick={() => void finalizeCurrent()}>
                  Finalize <kbd>Enter</kbd>
                </button>
                <span className="muted" data-testid="review-undecided">
                  {open ? `${open} undecided` : 'all decided'}
                </span>
              </div>
              {editing && <LabelEditor key={current} schema={schema} />}
              {savedTo && (
                <p className="review-saved" data-testid="gold-saved">
                  Reviewed. Gold written to <code>{savedTo}</code>
                </p>
              )}
              <CandidateText schema={schema} />
              <h2>Candidates</h2>
              <CandidateRows key={doc.key} schema={schema} />
              <RelationRows key={`${doc.key}-relations`} relations={doc.adjudication.relations} candidates={doc.adjudication.candidates} />
            </section>
          )}
        </div>
      )}
    </div>
  );
}
