import { describe, expect, it } from 'vitest';
import type { Document } from '../../../shared/model/schema';
import type { Suggestion } from '../../../shared/suggest/types';
import { isSuggestionId, suggestionView } from './suggestion-view';

const doc: Document = {
  id: 'd', title: 'd', source: {}, status: 'todo', relations: [],
  text: 'The ministry said 62 died.',
  spans: [{ id: 's1', label: 'actor', start: 0, end: 12, text: 'The ministry', annotator: 'a', createdAt: 't', updatedAt: 't' }],
};
const figure: Suggestion = { key: 'k1', label: 'figure', start: 18, end: 20, text: '62', suggester: 'figures', origin: 'built-in figures' };
const triple: Suggestion = {
  key: 'k2', label: 'attribution', start: 13, end: 17, text: 'said', suggester: 'triples', origin: 'who said what',
  links: [{ type: 'content', span: { label: 'claim', start: 18, end: 25, text: '62 died' } }],
};

describe('suggestions as a decoration layer', () => {
  it('adds hollow pseudo-spans and dashed relations beside the real spans, never changing them', () => {
    const v = suggestionView(doc, [triple, figure], 'k1');
    expect(v.doc.spans.map((s) => s.id)).toEqual(['s1', 'sg0', 'sg0l0', 'sg1']);
    expect(v.doc.spans.find((s) => s.id === 's1')).toBe(doc.spans[0]);
    expect(v.doc.relations).toEqual([{ id: 'sg0r0', type: 'content', from: 'sg0', to: 'sg0l0', annotator: 'triples' }]);
    expect(v.decorations.spans?.get('sg1')).toMatchObject({ hollow: true, className: 'sg sg-current' });
    expect(v.decorations.spans?.get('sg0l0')?.className).toBe('sg sg-linked');
    expect(v.decorations.spans?.has('s1')).toBe(false);
    expect(v.byId.get('sg0l0')).toBe(triple); // clicking the linked claim accepts the whole triple
    expect(['sg0', 'sg0l0', 's1'].map(isSuggestionId)).toEqual([true, true, false]);
    expect(doc.spans).toHaveLength(1);
  });

  it('leaves the document as it is when there is nothing to suggest', () => {
    expect(suggestionView(doc, [], null).doc).toBe(doc);
  });
});
