import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type SpanmarkApp } from '../fixtures';
import { auditPage, elementsWithoutDirAuto, type AuditResult } from '../pages/audit';
import { EditorPage } from '../pages/EditorPage';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus } from '../../shared/model/schema';

const ANNOTATED = 'Strike hits training ground near Korvany';
const T = '2026-01-01T00:00:00Z';

/** Two annotators' copies of one short document, disagreeing on one span, for the review view. */
async function writeCopies(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const text = 'The ministry said 62 soldiers died.';
  const copy = (who: string, quote: string): Corpus => ({
    schemaVersion: SCHEMA_VERSION,
    id: 'c1',
    name: 'Audit',
    schema: DEFAULT_SCHEMA,
    guidelines: '',
    createdAt: T,
    updatedAt: T,
    documents: [
      {
        id: 'd1',
        title: 'Toll',
        source: {},
        text,
        status: 'done',
        spans: [{ id: `${who}1`, label: 'claim', start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, text: quote, annotator: who, createdAt: T, updatedAt: T }],
        relations: [],
      },
    ],
  });
  const files = [path.join(dir, 'alice.json'), path.join(dir, 'bob.json')];
  await writeFile(files[0]!, JSON.stringify(copy('alice', '62 soldiers died')));
  await writeFile(files[1]!, JSON.stringify(copy('bob', '62 soldiers')));
  return files;
}

/** Every view, panel and dialog a user can reach, each audited as it is shown. */
async function auditEverything(page: Page, app: SpanmarkApp, rules?: string[]): Promise<{ results: AuditResult[]; noDir: string[] }> {
  const results: AuditResult[] = [];
  const noDir = new Set<string>();
  const audit = async (where: string, within?: string) => {
    results.push(await auditPage(page, where, within, rules));
    for (const el of await elementsWithoutDirAuto(page)) noDir.add(`${where}: ${el}`);
  };
  const editor = new EditorPage(page);

  await app.openDocument(ANNOTATED);
  await audit('document view with the spans panel');
  // for the closing note and reviewers: the annotated sample in this theme
  await page.screenshot({ path: `reports/screens/${await page.locator('html').getAttribute('data-theme')}.png` });
  await editor.spanRows.first().click();
  // screen readers: the spans list is a listbox whose arrows move the selection, and the selected span is announced
  const list = page.getByRole('listbox', { name: /Spans in/ });
  await expect(list.getByRole('option', { selected: true })).toHaveCount(1);
  const firstText = (await editor.spanRows.first().locator('.span-text').textContent())!;
  await expect(page.getByTestId('span-announcer')).toContainText(`“${firstText}”`);
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await expect(editor.spanRows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(list).toHaveAttribute('aria-activedescendant', (await editor.spanRows.nth(1).getAttribute('id'))!);
  // the selected span's grips (mouse handles for its ends) are named controls in the text
  await expect(page.getByRole('button', { name: /Drag to move the end of/ })).toBeVisible();
  await audit('the document with a selected span and its grips', '[data-testid="document-view"]');
  await expect(page.getByTestId('save-state')).toHaveAttribute('role', 'status');
  await expect(page.getByRole('complementary', { name: 'Documents' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await page.keyboard.press('ArrowUp');
  await page.getByTestId('tab-details').click();
  await audit('details panel of a selected span', '.side-panel');
  await page.getByTestId('tab-who').click();
  await audit('who said what panel', '.side-panel');
  await page.getByTestId('tab-guidelines').click();
  await audit('guidelines panel', '.side-panel');
  await page.getByTestId('tab-spans').click();

  await page.getByTestId('annotator-name').focus();
  await audit('toolbar settings (theme, snapping, annotator)', '.toolbar');
  await page.getByTestId('team-connect-open').click();
  await expect(page.getByTestId('team-connect')).toBeVisible();
  await audit('team connection form', '[data-testid="team-connect"]');
  await page.getByTestId('team-connect-open').click();
  // the app's own yes/no question: deleting a span that has relations
  await page.getByTestId('document-view').locator('[data-labels="attribution"]').first().click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await audit('confirmation dialog', '[data-testid="confirm-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
  await page.getByTestId('view-figures').click();
  await expect(page.getByTestId('claims-figures')).toBeVisible();
  await audit('claims & figures view', '.doc-pane');
  await page.getByTestId('view-dashboard').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  await audit('dashboard view', '.doc-pane');
  await page.getByTestId('view-search').click();
  await page.getByTestId('search-input').fill('Korvany');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await audit('search view with hits', '.doc-pane');
  await page.getByTestId('view-review').click();
  await audit('review view, nothing open', '.doc-pane');
  await app.answerOpenDialog(await writeCopies(path.join(app.dataDir, 'audit-copies')));
  await page.getByTestId('review-open').click();
  await expect(page.getByTestId('review-document')).toBeVisible();
  await audit('review view with two copies', '.doc-pane');

  await page.getByTestId('view-document').click();
  for (const [command, dialog] of [
    ['paste-document', 'paste-dialog'],
    ['export', 'export-dialog'],
    ['shortcuts', 'shortcuts-dialog'],
  ] as const) {
    await app.menu(command);
    await expect(page.getByTestId(dialog)).toBeVisible();
    await audit(dialog, '[role="dialog"]');
    await page.getByTestId(dialog).getByRole('button', { name: /^(Cancel|Close)$/ }).click();
    await expect(page.getByTestId(dialog)).toBeHidden();
  }
  await page.getByTestId('tab-guidelines').click();
  await page.getByTestId('edit-schema').click();
  await expect(page.getByTestId('schema-editor')).toBeVisible();
  await audit('label schema editor', '[role="dialog"]');
  await page.getByTestId('schema-editor').getByRole('button', { name: 'Cancel' }).click();
  return { results, noDir: [...noDir] };
}

// every WCAG 2.1 A/AA rule in the light theme; in the dark one only what a theme changes: colour contrast
for (const [theme, rules] of [['light', undefined], ['dark', ['color-contrast']]] as const) {
  test(`axe-core finds no serious or critical violation in any view, dialog or panel (${theme} theme)`, async ({ app }) => {
    test.setTimeout(300_000);
    const { page } = app;
    await page.getByTestId('theme-select').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const { results, noDir } = await auditEverything(page, app, rules ? [...rules] : undefined);
    const serious = results.flatMap((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${r.where}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`));
    const minor = results.flatMap((r) => r.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map((v) => `${r.where}: ${v.id} (${v.impact})`));
    console.log(`[a11y] ${theme}: ${results.length} screens audited, ${serious.length} serious/critical, ${minor.length} minor${minor.length ? `: ${minor.join('; ')}` : ''}`);
    expect(serious).toEqual([]);
    expect(noDir, 'text elements without dir="auto"').toEqual([]);
  });
}
