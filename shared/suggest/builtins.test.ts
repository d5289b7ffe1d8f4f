import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import type { AnnotationSchema } from '../model/schema';
import { rolesOf } from './roles';
import { suggest } from './suggest';
import { winkTokens } from './wink-tagger';
import type { SuggesterId } from './types';

const run = (text: string, suggesters: SuggesterId[], schema: AnnotationSchema = DEFAULT_SCHEMA) =>
  suggest({ text, spans: [] }, { schema, tagger: winkTokens, suggesters });
const texts = (text: string, suggesters: SuggesterId[], label: string) => run(text, suggesters).filter((s) => s.label === label).map((s) => s.text);

describe('built-in figures', () => {
  it('takes the number with its qualifier and what it counts', () => {
    const text =
      'More than 60 Syrian soldiers died and up to 250,000 Syrians fled. Dozens of soldiers were hurt, between 5,000 and 6,000 were left, ' +
      'tens of thousands of people marched, $4.5 million was pledged and 11 wounded were treated.';
    expect(texts(text, ['figures'], 'figure')).toEqual([
      'More than 60 Syrian soldiers',
      'up to 250,000 Syrians',
      'Dozens of soldiers',
      'between 5,000 and 6,000',
      'tens of thousands of people',
      '$4.5 million',
      '11 wounded',
    ]);
  });

  it('leaves out dates, years, ages, times and identifiers', () => {
    const text = 'On 3 May 2024, Marek Sollen, 52, a 34-year-old and a man aged 40 left Terminal 4 on Flight TA 208 at 11:30 or 6 p.m. in 2019.';
    expect(texts(text, ['figures'], 'figure')).toEqual([]);
  });


});

describe('built-in attribution cues', () => {
  it('finds reporting verbs and phrases, multi-word where the cue is', () => {
    const text =
      'The ministry said in a statement that the base was hit. A nurse told Reuters she was tired. ' +
      'Ten died, according to medics. Citing police, the paper claimed more had fled, adding that roads were shut. He denied it.';
    expect(texts(text, ['cues'], 'attribution')).toEqual(['said in a statement', 'told Reuters', 'according to', 'Citing', 'claimed', 'adding', 'denied']);
  });

  it('does not read nouns or negated verbs as cues', () => {
    expect(texts('The claims were false. He did not say. She declined to say.', ['cues'], 'attribution')).toEqual([]);
  });
});

describe('built-in actors', () => {
  it('finds the speaker of a cue: subject, "according to" object, inverted and after an appositive', () => {
    const text =
      'The regional emergency service said on Sunday that roads were shut. Ines Halvorsen, the governor of the province, told reporters that schools opened. ' +
      '"We are safe," said Oskar Teller. Ten died, according to the Red Lantern Society. She added that more had fled.';
    const actors = texts(text, ['actors'], 'actor');
    expect(actors).toEqual(expect.arrayContaining(['The regional emergency service', 'Ines Halvorsen', 'Oskar Teller', 'the Red Lantern Society', 'She']));
  });

  it('finds named organisations and states but not places or datelines', () => {
    const text = 'ODRAN — The United Port Workers union met in Halden near the village of Strem. Ostria blamed Pelvania.';
    expect(texts(text, ['actors'], 'actor')).toEqual(['The United Port Workers union', 'Ostria', 'Pelvania']);
  });
});

describe('who said what', () => {
  it('links the cue to its speaker (source) and content (claim) in one suggestion', () => {
    const [t] = run('The Valdaran Defence Ministry said in a statement that the strike killed 62 servicemen.', ['triples']);
    expect(t).toMatchObject({ label: 'attribution', text: 'said in a statement', suggester: 'triples' });
    expect(t?.links?.map((l) => [l.type, l.span.label, l.span.text])).toEqual([
      ['source', 'actor', 'The Valdaran Defence Ministry'],
      ['content', 'claim', 'the strike killed 62 servicemen'],
    ]);
  });

  it('reads "C, X said", quoted content and "according to"', () => {
    const claims = (text: string) => run(text, ['triples']).map((t) => t.links?.map((l) => l.span.text));
    expect(claims('Around 600 civilians fled the village, local officials said.')).toEqual([['local officials', 'Around 600 civilians fled the village']]);
    expect(claims('"Both sides must stop now," the mission\'s head wrote.')).toEqual([["the mission's head", 'Both sides must stop now']]);
    expect(claims('More than 60 soldiers died on Thursday, according to the Northern Rights Observatory.')).toEqual([
      ['the Northern Rights Observatory', 'More than 60 soldiers died on Thursday'],
    ]);
  });
});

describe('roles', () => {
  it('finds the labels by role, whatever they are called', () => {
    expect(rolesOf(DEFAULT_SCHEMA)).toEqual({ claim: 'claim', actor: 'actor', figure: 'figure', cue: 'attribution', source: 'source', content: 'content' });
    const renamed = {
      labels: [
        { ...DEFAULT_SCHEMA.labels[3]!, name: 'quote-cue', role: 'cue' },
        { ...DEFAULT_SCHEMA.labels[0]!, name: 'attribution', role: undefined },
      ],
      relationTypes: [],
    } satisfies AnnotationSchema;
    expect(rolesOf(renamed)).toEqual({ cue: 'quote-cue' });
    expect(run('He said it rained.', ['cues'], renamed).map((s) => s.label)).toEqual(['quote-cue']);
  });

  it('runs no built-in suggester for a schema without those roles', () => {
    const schema = { labels: [{ name: 'topic', description: '', color: '#000000', examples: [] }], relationTypes: [] };
    expect(run('More than 60 soldiers died, officials said.', ['figures', 'cues', 'actors', 'triples'], schema)).toEqual([]);
  });
});
