import { useEffect, useMemo, useRef, useState } from 'react';
import { labelRanges, notify } from '../../app/actions';
import { getState, useAppState } from '../../app/store';
import { REVEAL_OFFSET_COMMAND } from '../../editor/commands';
import { rangeOfOffsets } from '../../editor/dom-offsets';
import { withDocumentView } from '../document/AnnotatedDocument';
import { findAll, firstMatchFrom, MATCH_LIMIT, type TextMatch } from '../../../shared/text/find';
import { OffsetIndex } from '../../../shared/text/offsets';
import { closeFind, useFind } from './find-store';

/** Paint the matches that are rendered now with the CSS Highlight API: no DOM change, so Lexical's tree is untouched. */
function paint(root: HTMLElement | null, matches: readonly TextMatch[], current: number): void {
  const registry = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
  if (!registry) return;
  registry.delete('find-match');
  registry.delete('find-current');
  if (!root || !matches.length) return;
  const runs = root.querySelectorAll<HTMLElement>('[data-offset]');
  if (!runs.length) return;
  const first = Number(runs[0]!.dataset.offset);
  const lastRun = runs[runs.length - 1]!;
  const last = Number(lastRun.dataset.offset) + (lastRun.textContent?.length ?? 0);
  const all: Range[] = [];
  let lo = firstMatchFrom(matches, first);
  if (lo < 0 || matches[lo]!.start < first) return;
  for (; lo < matches.length && matches[lo]!.end <= last; lo++) {
    const r = rangeOfOffsets(root, matches[lo]!.start, matches[lo]!.end);
    if (!r) continue;
    if (lo === current) registry.set('find-current', new Highlight(r));
    else all.push(r);
  }
  registry.set('find-match', new Highlight(...all));
}

/**
 * Find in the whole document (Ctrl+F): the text model is searched, not the page, so paragraphs the
 * windowed view has not rendered are found too; the view reveals each match as it becomes current.
 */
export function FindBar() {
  const { open, focusRequest } = useFind();
  const doc = useAppState((s) => s.doc);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const [label, setLabel] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const text = doc?.text ?? '';
  const matches = useMemo(() => (open ? findAll(text, query) : []), [open, text, query]);

  useEffect(() => {
    if (open) input.current?.select();
  }, [open, focusRequest]);
  useEffect(() => setCurrent(matches.length ? 0 : -1), [matches]);

  // reveal the current match, and keep the highlights on whatever the view renders
  useEffect(() => {
    if (!open) {
      paint(null, [], -1);
      return;
    }
    let unregister = (): void => undefined;
    let cancelled = false;
    withDocumentView((c) => {
      if (cancelled) return;
      const root = c.editor.getRootElement();
      const m = matches[current];
      if (m) {
        c.editor.dispatchCommand(REVEAL_OFFSET_COMMAND, {
          offset: m.start,
          then: (root) => {
            if (cancelled) return;
            rangeOfOffsets(root, m.start, m.end)?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
            paint(root, matches, current);
          },
        });
      } else paint(root, matches, current);
      unregister = c.editor.registerUpdateListener(() => requestAnimationFrame(() => paint(c.editor.getRootElement(), matches, current)));
    });
    return () => {
      cancelled = true;
      unregister();
    };
  }, [open, matches, current]);

  if (!open || !doc) return null;
  const step = (d: 1 | -1): void => {
    if (matches.length) setCurrent((i) => (i + d + matches.length) % matches.length);
  };
  const selectCurrent = (): void => {
    const m = matches[current];
    if (!m) return;
    const index = new OffsetIndex(text);
    withDocumentView((c) => c.selectRange(index.toCodePoint(m.start), index.toCodePoint(m.end, 'end')));
  };
  const labelAll = (): void => {
    if (!label || !matches.length) return;
    const index = new OffsetIndex(text);
    const added = labelRanges(
      label,
      matches.map((m) => ({ start: index.toCodePoint(m.start), end: index.toCodePoint(m.end, 'end') })),
    );
    if (added === null) return;
    notify(`Labelled ${added} match${added === 1 ? '' : 'es'} as ${label}${added < matches.length ? ` (${matches.length - added} already were)` : ''}. Ctrl+Z undoes all of them.`, 'info');
  };
  const count = !query ? '' : matches.length ? `${current + 1} of ${matches.length >= MATCH_LIMIT ? `${MATCH_LIMIT}+` : matches.length}` : 'no matches';
  return (
    <div className="find-bar" role="search" aria-label="Find in the document" data-testid="find-bar" data-no-hotkeys>
      <input
        ref={input}
        type="search"
        dir="auto"
        aria-label="Find in the document"
        placeholder="Find in the document"
        value={query}
        data-testid="find-input"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            closeFind();
            selectCurrent();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite" data-testid="find-count">
        {count}
      </span>
      <button type="button" onClick={() => step(-1)} disabled={!matches.length} aria-label="Previous match" data-testid="find-previous" title="Previous match (Shift+Enter)">
        ↑
      </button>
      <button type="button" onClick={() => step(1)} disabled={!matches.length} aria-label="Next match" data-testid="find-next" title="Next match (Enter)">
        ↓
      </button>
      <select aria-label="Label for all matches" value={label} onChange={(e) => setLabel(e.target.value)} data-testid="find-label">
        <option value="">label…</option>
        {schema?.labels.map((l) => (
          <option key={l.name} value={l.name}>
            {l.name}
          </option>
        ))}
      </select>
      <button type="button" onClick={labelAll} disabled={!label || !matches.length || getState().mode !== 'annotate'} data-testid="find-label-all">
        Label all matches
      </button>
      <button
        type="button"
        aria-label="Close find"
        data-testid="find-close"
        onClick={() => {
          closeFind();
          selectCurrent();
        }}
      >
        ×
      </button>
    </div>
  );
}
