import { memo, useLayoutEffect, useMemo, useState } from 'react';
import { deleteSpan, selectSpan } from '../../app/actions';
import { useAppState } from '../../app/store';
import type { Relation, Span } from '../../../shared/model/schema';
import { useVirtualRows } from '../corpus/useVirtualRows';
import { SpanLookup } from './span-lookup';
import { LabelChip } from '../LabelChip';

const optionId = (spanId: string): string => `span-option-${spanId}`;

const ROW_HEIGHT = 30;
const NO_RELATIONS: readonly Relation[] = [];

/** Spans by id, and relations by the span they start from: built once per change of the lists, read per row. */
function useIndexes(spans: readonly Span[] | undefined, relations: readonly Relation[] | undefined) {
  // one lookup per panel, following each new list by what changed (see SpanLookup)
  const [lookup] = useState(() => new SpanLookup());
  const spanList = useMemo(() => {
    lookup.update(spans ?? []);
    return spans ?? [];
  }, [lookup, spans]);
  const outgoing = useMemo(() => {
    const m = new Map<string, Relation[]>();
    for (const r of relations ?? []) {
      const list = m.get(r.from);
      if (list) list.push(r);
      else m.set(r.from, [r]);
    }
    return m;
  }, [relations]);
  return { lookup, spanList, outgoing };
}

/** Every span of the document, windowed: only the rows on screen are in the DOM, whatever the number of spans. */
export function SpansPanel() {
  const spans = useAppState((s) => s.doc?.spans);
  const relations = useAppState((s) => s.doc?.relations);
  const title = useAppState((s) => s.doc?.title);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const selected = useAppState((s) => s.selectedSpanId);
  const colors = useMemo(() => new Map(schema?.labels.map((l) => [l.name, l.color]) ?? []), [schema]);
  const { lookup, spanList, outgoing } = useIndexes(spans, relations);
  const count = spans?.length ?? 0;
  const { containerRef, onScroll, first, last, padTop, padBottom } = useVirtualRows(count, ROW_HEIGHT);

  // a span selected elsewhere (in the text, by Tab, from search) is scrolled into the list's view
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the lookup follows spanList
  const selIndex = useMemo(() => (selected ? lookup.indexOf(selected) : -1), [lookup, spanList, selected]);
  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el || selIndex < 0) return;
    const top = selIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
    onScroll();
  }, [selIndex, containerRef, onScroll]);

  if (!spans) return null;
  return (
    <div className="spans-panel" data-testid="spans-panel" style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <div className="panel-summary">
        {spans.length} spans · {relations?.length ?? 0} relations
      </div>
      <div ref={containerRef} onScroll={onScroll} style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} data-testid="span-rows">
        {/* a listbox: Tab lands on the list, arrows move through the spans, Delete removes the current one;
            the options are windowed, so each says where it stands in the whole list */}
        <ul
          role="listbox"
          aria-label={`Spans in “${title ?? ''}”`}
          tabIndex={0}
          aria-activedescendant={selIndex >= first && selIndex < last && selected ? optionId(selected) : undefined}
          style={{ paddingTop: padTop, paddingBottom: padBottom }}
          onKeyDown={(e) => {
            const to = { ArrowDown: selIndex + 1, ArrowUp: selIndex < 0 ? count - 1 : selIndex - 1, Home: 0, End: count - 1, PageDown: selIndex + 10, PageUp: selIndex - 10 }[e.key];
            if (to === undefined || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            const target = spans[Math.max(0, Math.min(count - 1, to))];
            if (target) selectSpan(target.id);
          }}
        >
          {spans.slice(first, last).map((s, k) => (
            <SpanRow
              key={s.id}
              span={s}
              position={first + k + 1}
              setSize={count}
              selected={s.id === selected}
              color={colors.get(s.label)}
              relations={outgoing.get(s.id) ?? NO_RELATIONS}
              targets={(outgoing.get(s.id) ?? NO_RELATIONS).map((r) => lookup.get(r.to)?.text?.slice(0, 24) ?? '').join('\u0000')}
            />
          ))}
        </ul>
      </div>
    </div>
  );
}

interface RowProps {
  span: Span;
  position: number;
  setSize: number;
  selected: boolean;
  color: string | undefined;
  relations: readonly Relation[];
  /** the text each relation points at, joined by NUL: a string, so an unchanged row is not rendered again */
  targets: string;
}

/** Rows on screen render again only when what they show changed (a label elsewhere leaves them as they are). */
const SpanRow = memo(function SpanRow({ span: s, position, setSize, selected, color, relations, targets }: RowProps) {
  const targetTexts = targets.split('\u0000');
  return (
    <li
      id={optionId(s.id)}
      role="option"
      aria-posinset={position}
      aria-setsize={setSize}
      data-testid="span-row"
      data-span-id={s.id}
      data-label={s.label}
      className={`span-row ${selected ? 'selected' : ''}`}
      aria-selected={selected}
      style={{ height: ROW_HEIGHT, boxSizing: 'border-box', flexWrap: 'nowrap', overflow: 'hidden', whiteSpace: 'nowrap', alignItems: 'center' }}
      onClick={() => selectSpan(s.id)}
    >
      <LabelChip label={s.label} color={color} />
      <span className="span-text" dir="auto" style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: '3em' }} title={s.text}>
        {s.text}
      </span>
      {s.note && (
        <span title={s.note} aria-label={`note: ${s.note}`}>
          📝
        </span>
      )}
      {relations.map((r, k) => (
        <span key={r.id} className="rel-chip" data-testid="relation-chip" dir="auto">
          {r.type} → {targetTexts[k]}
        </span>
      ))}
      {/* not a button: an option may not hold focusable controls; the keyboard deletes with Delete */}
      <span
        className="row-delete"
        title="Delete span (Delete)"
        data-testid="span-delete"
        onClick={(e) => {
          e.stopPropagation();
          deleteSpan(s.id);
        }}
      >
        ×
      </span>
    </li>
  );
});
