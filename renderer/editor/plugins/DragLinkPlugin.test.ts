import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../../shared/model/defaults';
import type { Span } from '../../../shared/model/schema';
import { relationFor } from './DragLinkPlugin';

const span = (id: string, label: string): Span => ({ id, label, start: 0, end: 1, text: 'x', annotator: 'a', createdAt: '', updatedAt: '' });

describe('relationFor (Ctrl+drag)', () => {
  it('picks source for cue → actor and content for cue → claim', () => {
    expect(relationFor(DEFAULT_SCHEMA, [span('c', 'attribution')], [span('a', 'actor')])?.type).toBe('source');
    expect(relationFor(DEFAULT_SCHEMA, [span('c', 'attribution')], [span('k', 'claim')])?.type).toBe('content');
  });

  it('looks through a stack: dropping on a figure inside a claim links the claim', () => {
    const r = relationFor(DEFAULT_SCHEMA, [span('c', 'attribution')], [span('f', 'figure'), span('k', 'claim')]);
    expect(r && [r.type, r.to.id]).toEqual(['content', 'k']);
  });

  it('finds nothing the schema does not allow', () => {
    expect(relationFor(DEFAULT_SCHEMA, [span('a', 'actor')], [span('k', 'claim')])).toBeNull();
  });
});
