import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_ORDER, countedCategory, parseFigure, type ParsedFigure } from './figures';

function fig(p: Partial<ParsedFigure>): ParsedFigure {
  return { value: null, min: null, max: null, qualifier: 'exact', unit: null, counted: null, ...p };
}
const exact = (n: number, counted: string | null = null, unit: string | null = null) => fig({ value: n, min: n, max: n, counted, unit });

describe('parseFigure: exact numbers', () => {
  it.each<[string, ParsedFigure]>([
    ['62 servicemen', exact(62, 'servicemen')],
    ['40 others', exact(40, 'others')],
    ['62 dead', exact(62, 'dead')],
    ['1,000', exact(1000)],
    ['12,345,678 people', exact(12_345_678, 'people')],
    ['3.5', exact(3.5)],
    ['3,5', exact(3.5)], // decimal comma: not three digits after the comma
    ['1 000 человек', exact(1000, 'человек')],
    ['62\u00a0000 troops', exact(62_000, 'troops')],
    ['62 военнослужащих', exact(62, 'военнослужащих')],
    ['3 тыс. человек', exact(3000, 'человек')],
    ['2 млн', exact(2_000_000)],
    ['1.1 million', exact(1_100_000)], // not 1100000.0000000002
    ['0 casualties', exact(0, 'casualties')],
  ])('%s', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });
});

describe('parseFigure: number words', () => {
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
  it.each(words.map((w, i) => [w, i + 1] as const))('%s = %d', (w, n) => {
    expect(parseFigure(w)).toEqual(exact(n));
    expect(parseFigure(`${w[0]!.toUpperCase()}${w.slice(1)} soldiers`)).toEqual(exact(n, 'soldiers'));
  });
  it.each<[string, number]>([
    ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
    ['twenty-two', 22], ['ninety-nine', 99], ['hundred', 100], ['a hundred', 100], ['one hundred', 100],
    ['two hundred and fifty', 250], ['three thousand', 3000], ['a thousand', 1000], ['two thousand five hundred', 2500],
    ['forty-five thousand', 45_000], ['two million', 2_000_000], ['a dozen', 12], ['two dozen', 24],
  ])('%s = %d', (text, n) => {
    expect(parseFigure(text).value).toBe(n);
  });
  it('stops at the first word that is not a number', () => {
    expect(parseFigure('twelve and a half soldiers')).toEqual(exact(12, 'and a half soldiers'));
  });
});

describe('parseFigure: qualifiers', () => {
  it.each<[string, ParsedFigure]>([
    ['more than 60', fig({ qualifier: 'more_than', min: 60 })],
    ['More than 60 soldiers', fig({ qualifier: 'more_than', min: 60, counted: 'soldiers' })],
    ['over 9,000', fig({ qualifier: 'more_than', min: 9000 })],
    ['>60 killed', fig({ qualifier: 'more_than', min: 60, counted: 'killed' })],
    ['свыше 60 военнослужащих', fig({ qualifier: 'more_than', min: 60, counted: 'военнослужащих' })],
    ['fewer than 10 civilians', fig({ qualifier: 'less_than', max: 10, counted: 'civilians' })],
    ['at least 25 of the dead', fig({ qualifier: 'at_least', min: 25, counted: 'the dead' })],
    ['no fewer than 25', fig({ qualifier: 'at_least', min: 25 })],
    ['60+ soldiers', fig({ qualifier: 'at_least', min: 60, counted: 'soldiers' })],
    ['60 or more', fig({ qualifier: 'at_least', min: 60 })],
    ['up to 83', fig({ qualifier: 'up_to', max: 83 })],
    ['up to 83 enemy personnel', fig({ qualifier: 'up_to', max: 83, counted: 'enemy personnel' })],
    ['"up to 83 enemy personnel"', fig({ qualifier: 'up_to', max: 83, counted: 'enemy personnel' })],
    ['no more than 83', fig({ qualifier: 'up_to', max: 83 })], // longest phrase beats "more than"
    ['as many as 83', fig({ qualifier: 'up_to', max: 83 })],
    ['до 83 человек', fig({ qualifier: 'up_to', max: 83, counted: 'человек' })],
    ['about 30 people', fig({ qualifier: 'about', value: 30, counted: 'people' })],
    ['some 30 people', fig({ qualifier: 'about', value: 30, counted: 'people' })],
    ['nearly 60', fig({ qualifier: 'about', value: 60 })],
    ['~30', fig({ qualifier: 'about', value: 30 })],
    ['около 30 человек', fig({ qualifier: 'about', value: 30, counted: 'человек' })],
    ['an estimated 2,000 displaced', fig({ qualifier: 'about', value: 2000, counted: 'displaced' })],
  ])('%s', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });
});

describe('parseFigure: ranges', () => {
  it.each<[string, ParsedFigure]>([
    ['between 40 and 50', fig({ qualifier: 'range', min: 40, max: 50 })],
    ['Between 40 and 50 soldiers', fig({ qualifier: 'range', min: 40, max: 50, counted: 'soldiers' })],
    ['40-50', fig({ qualifier: 'range', min: 40, max: 50 })],
    ['40–50 troops', fig({ qualifier: 'range', min: 40, max: 50, counted: 'troops' })],
    ['40 to 50', fig({ qualifier: 'range', min: 40, max: 50 })],
    ['from 40 to 50', fig({ qualifier: 'range', min: 40, max: 50 })],
    ['от 40 до 50 человек', fig({ qualifier: 'range', min: 40, max: 50, counted: 'человек' })],
    ['two or three', fig({ qualifier: 'range', min: 2, max: 3 })],
    ['50-40', fig({ qualifier: 'range', min: 40, max: 50 })],
    ['40-50 thousand', fig({ qualifier: 'range', min: 40_000, max: 50_000 })], // the scale applies to both ends
  ])('%s', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });
  it('does not read a list as a range without "between"', () => {
    expect(parseFigure('62 and 40')).toEqual(exact(62, 'and 40'));
  });
});

describe('parseFigure: vague quantities', () => {
  it.each<[string, number | null, string | null]>([
    ['dozens', 24, null], // two dozen is the least that "dozens" can mean
    ['dozens of injured soldiers', 24, 'injured soldiers'],
    ['hundreds of civilians', 200, 'civilians'],
    ['Thousands', 2000, null],
    ['tens of thousands of people', 20_000, 'people'],
    ['several hundred', 300, null],
    ['a few', 2, null],
    ['many soldiers', null, 'soldiers'],
    ['десятки военнослужащих', 20, 'военнослужащих'],
    ['сотни', 200, null],
  ])('%s', (text, min, counted) => {
    expect(parseFigure(text)).toEqual(fig({ qualifier: 'vague', min, counted }));
  });
  it('reads "2 тысячи" as a number, not as the vague "тысячи"', () => {
    expect(parseFigure('2 тысячи')).toEqual(exact(2000));
  });
  it('gives all-null vague when there is no quantity at all', () => {
    expect(parseFigure('the final count')).toEqual(fig({ qualifier: 'vague' }));
    expect(parseFigure('')).toEqual(fig({ qualifier: 'vague' }));
  });
});

describe('parseFigure: units', () => {
  it.each<[string, ParsedFigure]>([
    ['40% of voters', exact(40, 'voters', '%')],
    ['3,5 %', exact(3.5, null, '%')],
    ['12 per cent', exact(12, null, '%')],
    ['$3.5 million', exact(3_500_000, null, 'USD')],
    ['more than $3 million in aid', fig({ qualifier: 'more_than', min: 3_000_000, unit: 'USD', counted: 'in aid' })],
    ['2 km', exact(2, null, 'km')],
    ['500 million roubles', exact(500_000_000, null, 'RUB')],
    ['60% or more', fig({ qualifier: 'at_least', min: 60, unit: '%' })],
  ])('%s', (text, expected) => {
    expect(parseFigure(text)).toEqual(expected);
  });
});

describe('parseFigure: properties', () => {
  it('reads any integer written in digits, with or without thousands commas', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.boolean(), (n, commas) => {
        const written = commas ? n.toLocaleString('en-US') : String(n);
        expect(parseFigure(`${written} soldiers`)).toEqual(exact(n, 'soldiers'));
      }),
    );
  });
  it('never throws and keeps min <= max', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const f = parseFigure(s);
        if (f.min !== null && f.max !== null) expect(f.min).toBeLessThanOrEqual(f.max);
      }),
    );
  });
});

describe('countedCategory', () => {
  const claim = 'the strike killed 62 servicemen and wounded 40 others';
  it('takes the outcome from the counted words first', () => {
    expect(countedCategory('dead')).toBe('killed');
    expect(countedCategory('the dead', 'they were wounded')).toBe('killed');
    expect(countedCategory('injured soldiers')).toBe('wounded');
    expect(countedCategory('missing servicemen')).toBe('missing');
  });
  it('uses the keyword nearest the figure when the claim names several outcomes', () => {
    expect(countedCategory('servicemen', claim)).toBe('killed');
    expect(countedCategory('others', claim)).toBe('wounded');
    const at40 = claim.indexOf('40 others');
    expect(countedCategory('', claim, { start: at40, end: at40 + 9 })).toBe('wounded');
  });
  it('reads the claim when the counted words say nothing', () => {
    expect(countedCategory('soldiers', "More than 60 soldiers died in Thursday's strike")).toBe('killed');
    expect(countedCategory('enemy personnel', '"up to 83 enemy personnel" had been eliminated')).toBe('killed');
    expect(countedCategory('people', '80 people were killed in the strike')).toBe('killed');
    expect(countedCategory('civilians', 'dozens of civilians were injured')).toBe('wounded');
    expect(countedCategory('troops', '12 troops remain unaccounted for')).toBe('missing');
    expect(countedCategory('soldiers', 'five soldiers were taken prisoner')).toBe('captured');
  });
  it('matches Russian stems across case endings', () => {
    expect(countedCategory('военнослужащих', 'погибли 62 военнослужащих')).toBe('killed');
    expect(countedCategory('человек', '40 человек ранены')).toBe('wounded');
    expect(countedCategory('убитых')).toBe('killed');
    expect(countedCategory('человек', 'пропали без вести 5 человек')).toBe('missing');
  });
  it('matches whole words, so "deadline" is not a death', () => {
    expect(countedCategory('people', 'a deadline for 40 people')).toBe('other');
    expect(countedCategory('people', 'the skills of 40 people')).toBe('other');
  });
  it('falls back to other', () => {
    expect(countedCategory('people')).toBe('other');
    expect(countedCategory('people', 'residents described three explosions')).toBe('other');
    expect(CATEGORY_ORDER.at(-1)).toBe('other');
  });
  it('keeps casualties apart, since outlets use it for dead alone and for dead plus wounded', () => {
    expect(countedCategory('casualties')).toBe('casualties');
  });
});
