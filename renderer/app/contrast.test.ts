import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AA_TEXT, contrastRatio, over, parseHex, type Rgb } from '../../shared/color/contrast';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { highlightCss } from '../editor/nodes/SpanRunNode';
import { readableInkOn } from './label-colors';

/** The themes exactly as the stylesheet declares them: light on :root, dark on [data-theme='dark']. */
function themes(): Record<'light' | 'dark', Record<string, Rgb>> {
  const css = readFileSync(path.join(__dirname, 'styles.css'), 'utf8');
  const vars = (block: string): Record<string, Rgb> =>
    Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{3,8})/g)].map((m) => [m[1]!, parseHex(m[2]!).rgb]));
  const light = /:root\s*\{([^}]*)\}/.exec(css)![1]!;
  const dark = /:root\[data-theme='dark'\]\s*\{([^}]*)\}/.exec(css)![1]!;
  return { light: vars(light), dark: { ...vars(light), ...vars(dark) } };
}

/** The tint a highlight paints behind its text, as highlightCss writes it. */
function tintOf(labelColor: string, bg: Rgb): Rgb {
  const m = /background-color:\s*(#[0-9a-fA-F]{8})/.exec(highlightCss([labelColor]))!;
  const { rgb, alpha } = parseHex(m[1]!);
  return over(rgb, alpha, bg);
}

const hexColor = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('colour contrast (WCAG AA, 4.5:1 for text)', () => {
  it('computes the ratios WCAG gives', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });

  for (const [name, t] of Object.entries(themes())) {
    it(`${name} theme: text, muted text, links, status colours and focus are readable on the page and the panels`, () => {
      for (const fg of ['ink', 'muted', 'accent', 'danger', 'ok', 'warn'])
        for (const bg of ['bg', 'panel']) expect(contrastRatio(t[fg]!, t[bg]!), `${fg} on ${bg}`).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrastRatio(t['on-accent']!, t.accent!), 'primary button text').toBeGreaterThanOrEqual(AA_TEXT);
      // a focus ring is a non-text indicator: 3:1 against what surrounds it
      for (const bg of ['bg', 'panel']) expect(contrastRatio(t.focus!, t[bg]!)).toBeGreaterThanOrEqual(3);
    });

    it(`${name} theme: text stays readable over every default label's highlight tint`, () => {
      for (const label of DEFAULT_SCHEMA.labels) expect(contrastRatio(t.ink!, tintOf(label.color, t.bg!)), label.name).toBeGreaterThanOrEqual(AA_TEXT);
    });

    it(`${name} theme: text stays readable over the tint of any colour a user picks for a label`, () => {
      fc.assert(fc.property(hexColor, (c) => contrastRatio(t.ink!, tintOf(c, t.bg!)) >= AA_TEXT));
    });
  }

  it('a label chip writes its name in a colour readable on any label colour', () => {
    fc.assert(fc.property(hexColor, (c) => contrastRatio(parseHex(readableInkOn(c)).rgb, parseHex(c).rgb) >= AA_TEXT));
  });
});
