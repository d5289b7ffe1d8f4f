import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import type { Document } from '../model/schema';
import { acceptSuggestions } from './accept';
import { evaluate, suggestedSpans } from './evaluate';
import { rolesOf } from './roles';
import { suggest } from './suggest';
import { winkTokens } from './wink-tagger';

const who = { annotator: 'dana', now: '2026-12-01T10:00:00.000Z' };
const doc = (text: string, spans: Document['spans'] = []): Document => ({ id: 'd', title: 'd', source: {}, text, status: 'todo', spans, relations: [] });

describe('accepting suggestions', () => {
  const text = '🚀 The ministry said that 62 servicemen died.';

  it('turns a who-said-what triple into three spans and two relations, stamped with the suggester', () => {
    const [triple] = suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: winkTokens, suggesters: ['triples'] });
    const r = acceptSuggestions(doc(text), DEFAULT_SCHEMA, [triple!], who);
    expect(r.doc.spans.map((s) => [s.label, s.text, s.start, s.annotator, s.suggestedBy])).toEqual([
      ['actor', 'The ministry', 2, 'dana', 'triples'],
      ['attribution', 'said', 15, 'dana', 'triples'],
      ['claim', '62 servicemen died', 25, 'dana', 'triples'],
    ]);
    const byId = new Map(r.doc.spans.map((s) => [s.id, s.label]));
    expect(r.doc.relations.map((x) => [x.type, byId.get(x.from), byId.get(x.to), x.suggestedBy])).toEqual([
      ['source', 'attribution', 'actor', 'triples'],
      ['content', 'attribution', 'claim', 'triples'],
    ]);
  });

  it('links to an actor already labelled instead of drawing a second one', () => {
    const actor = { id: 'a1', label: 'actor', start: 2, end: 14, text: 'The ministry', annotator: 'kim', createdAt: 't', updatedAt: 't' };
    const [triple] = suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: winkTokens, suggesters: ['triples'] });
    const r = acceptSuggestions(doc(text, [actor]), DEFAULT_SCHEMA, [triple!], who);
    expect(r.doc.spans.filter((s) => s.label === 'actor')).toEqual([actor]);
    expect(r.doc.relations.find((x) => x.type === 'source')?.to).toBe('a1');
  });

  it('fills an accepted figure\'s attributes with the shared parser', () => {
    const t = 'Up to 83 enemy personnel were eliminated.';
    const [f] = suggest({ text: t, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: winkTokens, suggesters: ['figures'] });
    const r = acceptSuggestions(doc(t), DEFAULT_SCHEMA, [f!], who);
    expect(r.doc.spans[0]?.attributes).toMatchObject({ qualifier: 'up_to', max: 83, counted: 'enemy personnel' });
  });

  it('skips a suggestion whose text changed since it was made', () => {
    const [s] = suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: winkTokens, suggesters: ['figures'] });
    const r = acceptSuggestions(doc(text.replace('62', '63')), DEFAULT_SCHEMA, [s!], who);
    expect(r.doc.spans).toEqual([]);
  });
});

describe('evaluation', () => {
  it('scores suggestions against gold spans per label, exact and overlap, with speaking-actor recall', () => {
    const text = 'The ministry said that 62 servicemen died.';
    const suggestions = suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: winkTokens, suggesters: ['triples', 'figures'] });
    const accepted = acceptSuggestions(doc(text), DEFAULT_SCHEMA, suggestions, who).doc;
    const perfect = evaluate([{ gold: accepted, suggestions }], ['claim', 'actor', 'figure', 'attribution'], rolesOf(DEFAULT_SCHEMA));
    expect(perfect.micro.exact.f1).toBe(1);
    expect(perfect.speakingActors).toEqual({ total: 1, foundOverlap: 1, foundExact: 1 });
    expect(suggestedSpans(suggestions)).toHaveLength(4);

    // gold draws the figure as "62 servicemen died": no exact match, still an overlap
    const gold = { ...accepted, spans: accepted.spans.map((s) => (s.label === 'figure' ? { ...s, end: s.end + 5 } : s)) };
    const e = evaluate([{ gold, suggestions }], ['claim', 'actor', 'figure', 'attribution'], rolesOf(DEFAULT_SCHEMA));
    const fig = e.labels.find((l) => l.label === 'figure')!;
    expect([fig.exact.f1, fig.overlap.f1]).toEqual([0, 1]);
  });
});
