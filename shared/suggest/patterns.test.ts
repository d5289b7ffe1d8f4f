import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import { parseGazetteer, parsePatternsJsonl, patternsToJsonl } from './patterns';
import { suggest } from './suggest';
import { plainTokens } from './tokens';
import { winkTokens } from './wink-tagger';

const texts = (text: string, jsonl: string, tagger = plainTokens) =>
  suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger, suggesters: ['patterns'], patterns: parsePatternsJsonl(jsonl).patterns }).map((s) => `${s.label}:${s.text}`);

describe('patterns.jsonl (spaCy EntityRuler / Prodigy)', () => {
  it('matches token patterns on LOWER across case and line breaks, and phrase patterns as whole words', () => {
    const jsonl = [
      '{"label": "attribution", "pattern": [{"lower": "according"}, {"lower": "to"}]}',
      '{"label": "actor", "pattern": "US Central Command", "id": "centcom"}',
    ].join('\n');
    const text = 'According\nto us central command, nothing happened; US Central Commanders disagreed.';
    expect(texts(text, jsonl)).toEqual(['attribution:According\nto', 'actor:us central command']);
  });

  it('supports OP quantifiers, IS_DIGIT, LIKE_NUM, ORTH and IN/REGEX predicates, keeping the longest match', () => {
    const jsonl = [
      '{"label": "figure", "pattern": [{"LIKE_NUM": true, "OP": "+"}, {"LOWER": {"IN": ["soldiers", "civilians"]}}]}',
      '{"label": "figure", "pattern": [{"IS_DIGIT": true}]}',
      '{"label": "actor", "pattern": [{"ORTH": "Col."}, {"IS_TITLE": true, "OP": "{1,2}"}]}',
      '{"label": "actor", "pattern": [{"TEXT": {"REGEX": "^Minist"}}, {"LOWER": "of", "OP": "?"}, {"IS_TITLE": true, "OP": "*"}]}',
    ].join('\n');
    const text = 'Col. Teodor Rusk said two hundred soldiers and 40 civilians died; 7 fled. Ministry of Defence Affairs agreed.';
    expect(texts(text, jsonl, winkTokens)).toEqual([
      'actor:Col. Teodor Rusk',
      'figure:two hundred soldiers',
      'figure:40 civilians',
      'figure:7',
      'actor:Ministry of Defence Affairs',
    ]);
  });

  it('"!" excludes a token', () => {
    const jsonl = '{"label": "actor", "pattern": [{"LOWER": "the"}, {"LOWER": "army", "OP": "!"}, {"LOWER": "said"}]}';
    expect(texts('The army said no. The navy said yes.', jsonl)).toEqual(['actor:The navy said']);
  });

  it('refuses bad lines with file:line reasons and keeps the good ones', () => {
    const r = parsePatternsJsonl(
      [
        '{"label": "actor", "pattern": "NATO"}',
        'not json',
        '{"label": "actor", "pattern": [{"DEP": "nsubj"}]}',
        '{"label": "actor", "pattern": [{"LOWER": "x", "OP": "%"}]}',
        '{"pattern": "x"}',
        '{"label": "actor", "pattern": [{"LOWER": "x", "OP": "?"}]}',
        '{"label": "actor", "pattern": [{"FOO": 1}]}',
        '',
      ].join('\n'),
      'team.jsonl',
    );
    expect(r.patterns).toHaveLength(1);
    expect(r.errors).toEqual([
      'team.jsonl:2: not valid JSON',
      "team.jsonl:3 token 1: DEP needs spaCy's parser or entity recogniser, which Spanmark does not run offline",
      'team.jsonl:4 token 1: OP must be one of ! ? + * {n} {n,m} {n,} {,m}, not "%"',
      'team.jsonl:5: "label" must be a non-empty string',
      'team.jsonl:6: every token is optional, so the pattern could match nothing',
      'team.jsonl:7 token 1: unknown token attribute FOO',
    ]);
  });

  it('exports the patterns it imported', () => {
    const jsonl = '{"label":"attribution","pattern":[{"lower":"according"},{"lower":"to"}]}\n{"label":"actor","pattern":"US Central Command","id":"centcom"}\n';
    expect(patternsToJsonl(parsePatternsJsonl(jsonl).patterns)).toBe(jsonl);
  });

  it('reads gazetteers: one phrase a line, comments and duplicates skipped', () => {
    expect(parseGazetteer('\uFEFF# actors\nNATO\n\n  United Nations \nnato\n')).toEqual(['NATO', 'United Nations']);
  });
});
