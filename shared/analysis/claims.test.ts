import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document, type Relation, type Span } from '../model/schema';
import { attributionChains, claimsAndFigures, figuresToCsv, figuresToJson, groupFigures, openAttributions, sortValue } from './claims';

const T = '2026-01-01T00:00:00.000Z';
const TEXT =
  'The Defence Ministry said in a statement that the strike killed 62 servicemen and wounded 40 others. ' +
  'Monitors put the death toll at more than 60, according to the Northern Rights Observatory. ' +
  'Hundreds fled. 🚀 Officials said =1+1 people were hurt.';

let n = 0;
function sp(label: string, quote: string, extra: Partial<Span> = {}): Span {
  const u16 = TEXT.indexOf(quote);
  if (u16 < 0) throw new Error(quote);
  const start = [...TEXT.slice(0, u16)].length;
  return { id: `s${++n}`, label, start, end: start + [...quote].length, text: quote, annotator: 'ann', createdAt: T, updatedAt: T, ...extra };
}
const rel = (type: string, from: Span, to: Span): Relation => ({ id: `r${++n}`, type, from: from.id, to: to.id, annotator: 'ann' });

const ministry = sp('actor', 'The Defence Ministry');
const said = sp('attribution', 'said in a statement');
const sentence = sp('claim', 'The Defence Ministry said in a statement that the strike killed 62 servicemen and wounded 40 others');
const claim1 = sp('claim', 'the strike killed 62 servicemen and wounded 40 others');
const fig62 = sp('figure', '62 servicemen');
const fig40 = sp('figure', '40 others', { attributes: { value: '41', qualifier: 'bogus', counted: '  ' } });
const monitors = sp('actor', 'Monitors');
const claim2 = sp('claim', 'the death toll at more than 60');
const fig60 = sp('figure', 'more than 60');
const according = sp('attribution', 'according to');
const observatory = sp('actor', 'the Northern Rights Observatory');
const hundreds = sp('figure', 'Hundreds fled');
const evilClaim = sp('claim', '=1+1 people were hurt');
const evil = sp('figure', '=1+1 people', { attributes: { value: 2, category: 'wounded' } });

const doc: Document = {
  id: 'd1',
  title: 'Strike, as reported',
  source: { outlet: 'Meridian Post' },
  text: TEXT,
  status: 'done',
  spans: [ministry, said, sentence, claim1, fig62, fig40, monitors, claim2, fig60, according, observatory, hundreds, evilClaim, evil],
  relations: [rel('source', said, ministry), rel('content', said, claim1), rel('content', according, claim2), rel('source', according, observatory), rel('source', according, monitors)],
};
const corpus: Corpus = { schemaVersion: SCHEMA_VERSION, id: 'c', name: 'c', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents: [doc] };

describe('attributionChains', () => {
  const chains = attributionChains(doc, DEFAULT_SCHEMA);
  it('follows content back to the cue and source on to the actors, with nested figures', () => {
    expect(chains.map((c) => c.claim.text.slice(0, 20))).toEqual(['The Defence Ministry', 'the strike killed 62', 'the death toll at mo', '=1+1 people were hur']);
    const [outer, inner, toll, unattributed] = chains;
    expect(outer!.cues).toEqual([]);
    expect(outer!.figures.map((f) => f.text)).toEqual(['62 servicemen', '40 others']);
    expect(inner!.cues.map((s) => s.text)).toEqual(['said in a statement']);
    expect(inner!.actors.map((s) => s.text)).toEqual(['The Defence Ministry']);
    expect(inner!.figures.map((f) => f.text)).toEqual(['62 servicemen', '40 others']);
    expect(toll!.actors.map((s) => s.text)).toEqual(['Monitors', 'the Northern Rights Observatory']);
    expect(unattributed!.actors).toEqual([]);
  });
  it('ignores relations whose ends are missing', () => {
    const broken = { ...doc, relations: [...doc.relations, { id: 'rx', type: 'source', from: said.id, to: 'gone', annotator: 'x' }] };
    expect(attributionChains(broken, DEFAULT_SCHEMA)[1]!.actors.map((s) => s.text)).toEqual(['The Defence Ministry']);
  });
});

describe('claimsAndFigures', () => {
  const rows = claimsAndFigures(corpus);
  const row = (text: string) => rows.find((r) => r.figureText === text)!;

  it('gives one row per figure, under the innermost claim', () => {
    expect(rows.map((r) => r.figureText)).toEqual(['62 servicemen', '40 others', 'more than 60', 'Hundreds fled', '=1+1 people']);
    expect(row('62 servicemen')).toMatchObject({
      documentId: 'd1', documentTitle: 'Strike, as reported', outlet: 'Meridian Post', figureSpanId: fig62.id,
      value: 62, min: 62, max: 62, qualifier: 'exact', counted: 'servicemen', category: 'killed',
      claimSpanId: claim1.id, claimText: claim1.text, cueText: 'said in a statement', actorText: 'The Defence Ministry',
    });
  });

  it('prefers stored attributes and falls back to the parser for unusable ones', () => {
    // value "41" is a usable numeric string; "bogus" is no qualifier; a blank counted is no counted
    expect(row('40 others')).toMatchObject({ value: 41, qualifier: 'exact', counted: 'others', category: 'wounded' });
    expect(row('=1+1 people')).toMatchObject({ value: 2, category: 'wounded' });
  });

  it('reads the outcome nearest the figure within its claim', () => {
    expect(row('62 servicemen').category).toBe('killed');
    expect(row('40 others').category).toBe('wounded');
    expect(row('more than 60')).toMatchObject({ qualifier: 'more_than', min: 60, category: 'killed', actorText: 'Monitors | the Northern Rights Observatory' });
  });

  it('keeps figures outside any claim, categorised from their own words', () => {
    expect(row('Hundreds fled')).toMatchObject({ qualifier: 'vague', min: 200, counted: 'fled', category: 'displaced', claimText: null, cueText: null, actorText: null });
  });

  it('counts offsets in code points even after an emoji', () => {
    const r = row('=1+1 people');
    expect([...TEXT].slice(r.start, r.end).join('')).toBe('=1+1 people');
  });
});

describe('groupFigures', () => {
  it('groups by category in a fixed order and sorts by value, unreadable last', () => {
    const rows = claimsAndFigures(corpus);
    const extra = { ...rows[0]!, figureText: 'many', value: null, min: null, max: null, category: 'killed' };
    const groups = groupFigures([...rows, extra]);
    expect(groups.map((g) => g.category)).toEqual(['killed', 'wounded', 'displaced']);
    expect(groups[0]!.rows.map((r) => r.figureText)).toEqual(['more than 60', '62 servicemen', 'many']);
    expect(groups[1]!.rows.map((r) => r.figureText)).toEqual(['=1+1 people', '40 others']);
  });
  it('puts unknown categories before other, alphabetically', () => {
    const base = claimsAndFigures(corpus)[0]!;
    const groups = groupFigures(['other', 'zeta', 'alpha', 'killed'].map((category) => ({ ...base, category })));
    expect(groups.map((g) => g.category)).toEqual(['killed', 'alpha', 'zeta', 'other']);
  });
  it('sortValue takes value, then min, then max', () => {
    expect(sortValue({ value: 5, min: 1, max: 9 })).toBe(5);
    expect(sortValue({ value: null, min: 1, max: 9 })).toBe(1);
    expect(sortValue({ value: null, min: null, max: 9 })).toBe(9);
    expect(sortValue({ value: null, min: null, max: null })).toBeNull();
  });
});

describe('serialisation', () => {
  const rows = claimsAndFigures(corpus);
  it('CSV has a header, one line per figure, and defuses formula-like text', () => {
    const csv = figuresToCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('documentId,documentTitle,outlet,category,figureText,value,min,max,qualifier,unit,counted,claimText,cueText,actorText,annotator,figureSpanId,claimSpanId,start,end');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[1]).toMatch(/^d1,"Strike, as reported",Meridian Post,killed,62 servicemen,62,62,62,exact,,servicemen,/);
    expect(csv).toContain(",'=1+1 people,2,");
    expect(csv).toContain(",'=1+1 people were hurt,");
  });
  it('JSON round-trips', () => {
    expect(JSON.parse(figuresToJson(rows))).toEqual(rows);
    expect(JSON.parse(figuresToJson(groupFigures(rows)))[0].category).toBe('killed');
  });
});

describe('roles, not names', () => {
  /** the schema with every special label and relation type renamed, as a user may do in the schema editor */
  const RENAMED: Record<string, string> = { figure: 'number', claim: 'statement', attribution: 'cue word', source: 'speaker', content: 'says' };
  const renamedSchema = {
    labels: DEFAULT_SCHEMA.labels.map((l) => ({ ...l, name: RENAMED[l.name] ?? l.name })),
    relationTypes: DEFAULT_SCHEMA.relationTypes.map((t) => ({ ...t, name: RENAMED[t.name] ?? t.name })),
  };
  const renamedDoc: Document = {
    ...doc,
    spans: doc.spans.map((s) => ({ ...s, label: RENAMED[s.label] ?? s.label })),
    relations: doc.relations.map((r) => ({ ...r, type: RENAMED[r.type] ?? r.type })),
  };
  const renamed: Corpus = { ...corpus, schema: renamedSchema, documents: [renamedDoc] };

  it('Claims & figures still lists every figure after `figure` is renamed `number`', () => {
    const rows = claimsAndFigures(renamed);
    expect(rows.map((r) => r.figureText)).toEqual(['62 servicemen', '40 others', 'more than 60', 'Hundreds fled', '=1+1 people']);
    expect(rows.find((r) => r.figureText === '62 servicemen')).toMatchObject({ claimText: claim1.text, cueText: 'said in a statement', actorText: 'The Defence Ministry' });
  });

  it('Who said what follows renamed relation types by their roles', () => {
    expect(attributionChains(renamedDoc, renamedSchema).map((c) => c.actors.map((a) => a.text))).toEqual(attributionChains(doc, DEFAULT_SCHEMA).map((c) => c.actors.map((a) => a.text)));
  });

  it('a label named `figure` without the figure role is not a figure', () => {
    const noRole = { ...DEFAULT_SCHEMA, labels: DEFAULT_SCHEMA.labels.map((l) => (l.name === 'figure' ? { ...l, role: undefined } : l)) };
    expect(claimsAndFigures({ ...corpus, schema: noRole })).toEqual([]);
  });
});

describe('openAttributions', () => {
  it('lists a cue linked to its source but to no claim yet, and nothing once its content is linked', () => {
    const pending = { ...doc, relations: [rel('source', said, ministry)] };
    expect(openAttributions(pending, DEFAULT_SCHEMA).map((a) => [a.cue.text, a.actors.map((x) => x.text)])).toEqual([['said in a statement', ['The Defence Ministry']]]);
    expect(openAttributions(doc, DEFAULT_SCHEMA)).toEqual([]);
  });
});
