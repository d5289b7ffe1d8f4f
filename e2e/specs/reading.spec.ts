import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { readSavedDocument } from '../pages/EditorPage';
import path from 'node:path';

const TITLE = 'Long inquiry transcript';
const WORD = 'Zarovkan';
const AT = [4, 350, 795];
// long enough that the windowed view leaves most paragraphs unrendered
const TEXT = Array.from({ length: 800 }, (_, i) =>
  AT.includes(i) ? `Paragraph ${i}: the witness named ${WORD} as the officer in charge that night.` : `Paragraph ${i}: testimony about the convoy, the checkpoint and the hours before the strike.`,
).join('\n');

async function pasteLong(page: Page): Promise<void> {
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill(TITLE);
  await page.getByTestId('paste-text').fill(TEXT);
  await page.getByTestId('paste-create').click();
  await expect(page.getByTestId('document-title')).toHaveText(TITLE);
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toBeVisible();
}

// a long document and a restart: generous bounds for a loaded machine (every step still waits for its condition)
test.describe.configure({ timeout: 180_000 });

const highlighted = (page: Page, name: string) => page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);

test('find (Ctrl+F) searches the whole text, reveals unrendered paragraphs, and labels all matches in one undo step', async ({ app }) => {
  const { page } = app;
  await pasteLong(page);
  // the last match is not on the page yet: the browser's own find could not see it
  await expect(page.getByTestId('document-view')).not.toContainText(`Paragraph 795: the witness named ${WORD}`);

  await page.getByTestId('document-view').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('find-input')).toBeFocused();
  await page.keyboard.type(WORD.toLowerCase());
  await expect(page.getByTestId('find-count')).toHaveText('1 of 3');
  await expect.poll(() => highlighted(page, 'find-current')).toBe(1);

  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('3 of 3');
  const last = page.getByTestId('document-view').getByText(`Paragraph 795: the witness named ${WORD}`);
  await expect(last).toBeInViewport();
  await expect.poll(() => highlighted(page, 'find-current')).toBe(1);
  await page.keyboard.press('Shift+Enter');
  await expect(page.getByTestId('find-count')).toHaveText('2 of 3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('find-count')).toHaveText('1 of 3');

  await page.getByTestId('find-label').selectOption('actor');
  await page.getByTestId('find-label-all').click();
  await expect(page.locator('[data-testid="span-row"][data-label="actor"]')).toHaveCount(3);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), TITLE);
  const cps = [...saved.text];
  expect(saved.spans.map((s) => cps.slice(s.start, s.end).join(''))).toEqual([WORD, WORD, WORD]);
  expect(saved.spans.map((s) => s.start)).toEqual(AT.map((i) => TEXT.indexOf(`${WORD} as`, TEXT.indexOf(`Paragraph ${i}:`))));

  // one undo takes all three back
  await page.getByTestId('undo-button').click();
  await expect(page.locator('[data-testid="span-row"]')).toHaveCount(0);

  // no match says so; Escape closes
  await page.getByTestId('find-input').fill('no such words');
  await expect(page.getByTestId('find-count')).toHaveText('no matches');
  await page.getByTestId('find-input').press('Escape');
  await expect(page.getByTestId('find-bar')).toBeHidden();
});

test('zoom with Ctrl+= / Ctrl+- / Ctrl+0 and the View menu, remembered after a restart', async ({ app }) => {
  const { page } = app;
  const fontSize = () => page.locator('[data-testid="document-view"] .sm-content').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await expect(page.getByTestId('zoom-level')).toHaveText('100%');
  const base = await fontSize();
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect(page.getByTestId('zoom-level')).toHaveText('125%');
  expect(await fontSize()).toBeCloseTo(base * 1.25, 1);
  await page.keyboard.press('Control+-');
  await expect(page.getByTestId('zoom-level')).toHaveText('110%');
  await app.menu('zoom-in');
  await expect(page.getByTestId('zoom-level')).toHaveText('125%');
  await page.getByTestId('line-spacing').selectOption('3.2');
  await page.getByTestId('text-width').selectOption('64');

  await app.restart();
  await expect(app.page.getByTestId('zoom-level')).toHaveText('125%');
  await expect(app.page.getByTestId('line-spacing')).toHaveValue('3.2');
  const content = app.page.locator('[data-testid="document-view"] .sm-content');
  expect(await content.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) / parseFloat(getComputedStyle(el).fontSize))).toBeCloseTo(3.2, 1);
  await app.page.screenshot({ path: 'reports/screens/zoomed.png' });
  await app.page.keyboard.press('Control+0');
  await expect(app.page.getByTestId('zoom-level')).toHaveText('100%');
  expect(await content.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeCloseTo(base, 1);
});

test('labels can be told apart without colour: an underline pattern per label, on highlights and chips, kept in settings', async ({ app }) => {
  const { page } = app;
  await app.openDocument('sample-meridian');
  const decoration = (selector: string) =>
    page.locator(selector).first().evaluate((el) => {
      const cs = getComputedStyle(el);
      return `${cs.textDecorationLine} ${cs.textDecorationStyle}`;
    });
  const actorRun = '[data-testid="document-view"] .sm-hl[data-labels="actor"]';
  const claimRun = '[data-testid="document-view"] .sm-hl[data-labels="claim"]';
  const actorChip = '[data-testid="span-row"][data-label="actor"] .label-chip';
  expect(await decoration(actorRun)).toMatch(/^none/);

  await page.getByTestId('label-patterns').getByRole('checkbox').check();
  const actor = await decoration(actorRun);
  const claim = await decoration(claimRun);
  expect(actor).toMatch(/^underline /);
  expect(claim).toMatch(/^underline /);
  expect(actor).not.toBe(claim);
  expect(await decoration(actorChip)).toBe(actor);

  await app.restart();
  await expect(app.page.getByTestId('label-patterns').getByRole('checkbox')).toBeChecked();
  await app.page.screenshot({ path: 'reports/screens/label-patterns.png' });
  await app.page.getByTestId('label-patterns').getByRole('checkbox').uncheck();
  expect(
    await app.page
      .locator(actorRun)
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationLine),
  ).toBe('none');
});
