import { describe, expect, it } from 'vitest';
import { labelPattern, labelPatternCss } from './label-patterns';

describe('label patterns', () => {
  it('gives the first ten labels ten different underlines', () => {
    const seen = new Set(Array.from({ length: 10 }, (_, i) => JSON.stringify(labelPattern(i))));
    expect(seen.size).toBe(10);
  });

  it('styles each label’s innermost highlights and its chips, only while the option is on', () => {
    const css = labelPatternCss([
      { name: 'claim', color: '#f00' },
      { name: 'actor', color: '#0f0' },
    ]);
    const rules = css.split('\n');
    expect(rules).toHaveLength(2);
    expect(rules[1]).toContain('.sm-hl[data-labels="actor"]');
    expect(rules[1]).toContain('.sm-hl[data-labels$=" actor"]');
    expect(rules[1]).toContain('.label-chip[data-label="actor"]');
    expect(rules[1]).toContain('text-decoration-style: dashed');
    for (const selector of rules[0]!.split(' {')[0]!.split(', ')) expect(selector.startsWith(':root[data-label-patterns] ')).toBe(true);
  });

  it('quotes label names that would break a selector', () => {
    const css = labelPatternCss([{ name: 'say "so"\\', color: '#000' }]);
    expect(css).toContain('[data-label="say \\"so\\"\\\\"]');
  });
});
