import { useEffect } from 'react';
import { useAppState } from '../../app/store';

/**
 * Labels told apart by more than colour: with the reading option on, each
 * label's highlights and chips are also underlined in a style of their own
 * (schema order: solid, dashed, dotted, double, wavy, then the same five
 * thicker). The innermost label of a run carries the pattern; hovering or
 * focusing still names every label.
 */
const STYLES = ['solid', 'dashed', 'dotted', 'double', 'wavy'] as const;

export function labelPattern(index: number): { style: (typeof STYLES)[number]; thickness: number } {
  return { style: STYLES[index % STYLES.length]!, thickness: index < STYLES.length ? 2 : 4 };
}

/** A quoted CSS string for an attribute selector. */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\a ')}"`;

/** The stylesheet for the schema's labels, scoped to the option's root attribute. */
export function labelPatternCss(labels: readonly { name: string; color: string }[]): string {
  return labels
    .map((l, i) => {
      const { style, thickness } = labelPattern(i);
      const name = cssString(l.name);
      const innermost = `.sm-hl[data-labels=${name}], .sm-hl[data-labels$=${cssString(` ${l.name}`)}]`;
      const selectors = [...innermost.split(', '), `.label-chip[data-label=${name}]`].map((x) => `:root[data-label-patterns] ${x}`).join(', ');
      return `${selectors} { text-decoration-line: underline; text-decoration-style: ${style}; text-decoration-thickness: ${thickness}px; text-decoration-color: currentColor; text-underline-offset: 3px; }`;
    })
    .join('\n');
}

/** Keeps the pattern stylesheet in step with the schema and the user's option. */
export function useLabelPatterns(): void {
  const on = useAppState((s) => !!s.settings?.reading?.labelPatterns);
  const labels = useAppState((s) => s.corpus?.meta.schema.labels);
  useEffect(() => {
    const root = document.documentElement;
    let sheet = document.getElementById('label-patterns') as HTMLStyleElement | null;
    if (!on || !labels) {
      delete root.dataset.labelPatterns;
      sheet?.remove();
      return;
    }
    if (!sheet) {
      sheet = document.createElement('style');
      sheet.id = 'label-patterns';
      document.head.append(sheet);
    }
    sheet.textContent = labelPatternCss(labels);
    root.dataset.labelPatterns = '';
  }, [on, labels]);
}
