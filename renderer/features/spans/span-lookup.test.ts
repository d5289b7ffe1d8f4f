import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../shared/model/schema';
import { seeded } from '../../../shared/text/arbitraries';
import { SpanLookup } from './span-lookup';

const span = (id: string, label = 'actor', start = 0): Span => ({ id, label, start, end: start + 1, text: 'x', annotator: 'a' }) as Span;

describe('SpanLookup', () => {
  it('after any sequence of inserts, removals, replacements and moves finds exactly the spans of the list', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), id: fc.nat(40) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), label: fc.constantFrom('actor', 'claim') }),
      fc.record({ kind: fc.constant('move' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ kind: fc.constant('shiftAll' as const) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 3 }), { maxLength: 12 }), (rounds) => {
        const lookup = new SpanLookup();
        let list: Span[] = Array.from({ length: 10 }, (_, k) => span(`s${k}`));
        lookup.update(list);
        for (const round of rounds) {
          list = list.slice();
          for (const st of round) {
            if (st.kind === 'insert') {
              if (!list.some((s) => s.id === `n${st.id}`)) list.splice(st.at % (list.length + 1), 0, span(`n${st.id}`));
            } else if (!list.length) continue;
            else if (st.kind === 'remove') list.splice(st.at % list.length, 1);
            else if (st.kind === 'replace') list[st.at % list.length] = { ...list[st.at % list.length]!, label: st.label };
            else if (st.kind === 'move') {
              const [s] = list.splice(st.at % list.length, 1);
              list.splice(st.to % (list.length + 1), 0, s!);
            } else list = list.map((s) => ({ ...s, start: s.start + 1, end: s.end + 1 }));
          }
          lookup.update(list);
          for (const [k, s] of list.entries()) {
            expect(lookup.get(s.id)).toBe(s);
            expect(lookup.indexOf(s.id)).toBe(k);
          }
          for (let n = 0; n < 40; n++) if (!list.some((s) => s.id === `n${n}`)) expect(lookup.get(`n${n}`)).toBeUndefined();
          for (let n = 0; n < 10; n++) if (!list.some((s) => s.id === `s${n}`)) expect(lookup.get(`s${n}`)).toBeUndefined();
        }
      }),
      seeded(1500, 'span lookup'),
    );
  });
});
