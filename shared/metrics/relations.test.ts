import { describe, expect, it } from 'vitest';
import type { Relation, Span } from '../model/schema';
import { relationAgreement } from './relations';

const T = '2026-01-01T00:00:00.000Z';
const span = (id: string, label: string, start: number, end: number): Span => ({ id, label, start, end, text: '', annotator: 'x', createdAt: T, updatedAt: T });
const rel = (type: string, from: string, to: string, id = `${type}-${from}-${to}`): Relation => ({ id, type, from, to, annotator: 'x' });

describe('relationAgreement', () => {
  // Same cue, source actor and second actor in both copies; the claim differs by two code points.
  const A = {
    spans: [span('a1', 'attribution', 10, 14), span('a2', 'actor', 0, 9), span('a3', 'claim', 15, 40), span('a4', 'actor', 50, 55)],
    relations: [rel('source', 'a1', 'a2'), rel('content', 'a1', 'a3'), rel('source', 'a1', 'a4')],
  };
  const B = {
    spans: [span('b1', 'attribution', 10, 14), span('b2', 'actor', 0, 9), span('b3', 'claim', 15, 38), span('b4', 'actor', 50, 55)],
    relations: [rel('source', 'b1', 'b2'), rel('content', 'b1', 'b3'), rel('content', 'b1', 'b4')],
  };

  it('worked example', () => {
    const r = relationAgreement(A, B);
    // source: a1→a2 matches b1→b2; a1→a4 has no source b1→b4 in B → tp 1, fp 0, fn 1
    //   P 1/1, R 1/2, F1 2/(2+0+1) = 2/3
    expect(r.byType.source).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 });
    expect(r.byType.source!.f1).toBeCloseTo(2 / 3, 12);
    // content: a3 (15–40) has no exact partner, so a1→a3 cannot match; b1→b3 and b1→b4 are unmatched
    //   tp 0, fp 2, fn 1 → P 0, R 0, F1 0
    expect(r.byType.content).toMatchObject({ tp: 0, fp: 2, fn: 1, precision: 0, recall: 0, f1: 0 });
    // micro: tp 1, fp 2, fn 2 → P 1/3, R 1/3, F1 2/(2+2+2) = 1/3
    expect(r.micro.tp).toBe(1);
    expect(r.micro.f1).toBeCloseTo(1 / 3, 12);
  });

  it('is perfect against itself and symmetric in F1', () => {
    expect(relationAgreement(A, A).micro.f1).toBe(1);
    expect(relationAgreement(B, A).micro.f1).toBeCloseTo(relationAgreement(A, B).micro.f1!, 12);
  });

  it('needs the same type', () => {
    const C = { spans: A.spans, relations: [rel('content', 'a1', 'a2')] };
    expect(relationAgreement(A, C).micro).toMatchObject({ tp: 0, fp: 1, fn: 3 });
  });

  it('ignores dangling relations and reports requested types even when empty', () => {
    const D = { spans: A.spans, relations: [rel('source', 'a1', 'gone')] };
    const r = relationAgreement(D, D, ['source', 'content']);
    expect(r.byType.content!.f1).toBeNull();
    expect(r.micro.tp).toBe(0);
  });

  it('counts duplicated relations one to one', () => {
    const E = { spans: A.spans, relations: [rel('source', 'a1', 'a2', 'r1'), rel('source', 'a1', 'a2', 'r2')] };
    const F = { spans: B.spans, relations: [rel('source', 'b1', 'b2')] };
    expect(relationAgreement(E, F).micro).toMatchObject({ tp: 1, fp: 0, fn: 1 });
  });
});
