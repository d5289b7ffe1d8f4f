import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** WCAG 2.1 A and AA rules; what the issue asks to hold at zero for serious and critical. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AuditResult {
  where: string;
  violations: { id: string; impact: string | null; help: string; targets: string[] }[];
}

/** Run axe-core on the page as it is now; the caller decides what fails (serious and critical do, in a11y.spec). */
export async function auditPage(page: Page, where: string, within?: string, rules?: string[]): Promise<AuditResult> {
  // a region (a panel, a dialog) is audited on its own once the page around it has been: the document's many highlights make a whole-page run slow
  // legacy mode runs axe in the page itself: the app has no frames, and the default mode opens a fresh page per run (slow here)
  const base = new AxeBuilder({ page }).setLegacyMode(true);
  const builder = rules ? base.withRules(rules) : base.withTags(TAGS);
  const results = await (within ? builder.include(within) : builder).analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  return { where, violations };
}

/**
 * Text a user reads or types, in any script, takes its direction from its own first strong character
 * (dir="auto"): Arabic titles align right, "100 آخرين" keeps its number on the right side.
 */
export async function elementsWithoutDirAuto(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel = [
      'input:not([type])',
      'input[type="text"]',
      'input[type="search"]',
      'textarea',
      'td',
      'h1',
      '.sm-p',
      '.span-text',
      '.doc-row-title',
      '[data-testid="span-row"] .span-text',
    ].join(', ');
    return [...document.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => el.getAttribute('dir') !== 'auto')
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}`);
  });
}
