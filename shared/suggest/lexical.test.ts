import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import type { Span } from '../model/schema';
import { learnedEntries } from './dictionary';
import { suggest } from './suggest';
import { plainTokens } from './tokens';

const span = (label: string, text: string, start: number): Span => ({
  id: `s${start}`, label, start, end: start + [...text].length, text, annotator: 'dana', createdAt: 't', updatedAt: 't',
});

describe('label all occurrences', () => {
  const text = 'Ostria denied it. OSTRIA later agreed; the Ostrian army and US Central\nCommand stayed out. Ostria again. 🚀 Ostria.';
  const base = { schema: DEFAULT_SCHEMA, tagger: plainTokens, suggesters: ['occurrences'] as const };

  it('offers the other occurrences: whole words, any case, across line breaks, with code point offsets', () => {
    const spans = [span('actor', 'Ostria', 0), span('actor', 'US Central\nCommand', text.indexOf('US Central'))];
    const got = suggest({ text, spans }, base);
    expect(got.map((s) => [s.text, s.start])).toEqual([
      ['OSTRIA', 18],
      ['Ostria', text.indexOf('Ostria again')],
      ['Ostria', [...text].length - 7],
    ]);
    expect(got.every((s) => s.suggester === 'occurrences' && s.origin === 'repeats “Ostria”')).toBe(true);
  });

  it('never overlaps a span of the same label, but may sit inside a span of another label', () => {
    const spans = [span('actor', 'Ostria', 0), span('actor', 'OSTRIA later', 18), span('claim', 'Ostria again', text.indexOf('Ostria again'))];
    const got = suggest({ text, spans }, base);
    expect(got.map((s) => s.start)).toEqual([text.indexOf('Ostria again'), [...text].length - 7]);
  });

  it('does not bring back a rejected suggestion', () => {
    const spans = [span('actor', 'Ostria', 0)];
    const first = suggest({ text, spans }, base);
    const rejected = new Set([first[0]!.key]);
    expect(suggest({ text, spans }, { ...base, rejected }).map((s) => s.start)).toEqual(first.slice(1).map((s) => s.start));
  });
});

describe('learned dictionary', () => {
  it('suggests what was accepted in other documents, but not pronouns', () => {
    const learned = learnedEntries([{ id: 'd1', spans: [span('actor', 'the Red Lantern Society', 0), span('actor', 'She', 40)] }]);
    const got = suggest({ text: 'She thanked the red lantern society.', spans: [] }, { schema: DEFAULT_SCHEMA, tagger: plainTokens, suggesters: ['learned'], learned });
    expect(got.map((s) => [s.label, s.text, s.origin])).toEqual([['actor', 'the red lantern society', 'learned from “the Red Lantern Society” in d1']]);
  });
});

describe('gazetteers', () => {
  it('suggests each listed phrase for its label and drops labels missing from the schema', () => {
    const got = suggest(
      { text: 'NATO and the United Nations met.', spans: [] },
      { schema: DEFAULT_SCHEMA, tagger: plainTokens, suggesters: ['gazetteer'], gazetteers: { actor: ['NATO', 'United Nations'], weapon: ['NATO'] } },
    );
    expect(got.map((s) => `${s.label}:${s.text}`)).toEqual(['actor:NATO', 'actor:United Nations']);
  });
});
