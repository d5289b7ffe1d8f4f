import path from 'node:path';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const MERIDIAN = 'sample-meridian';
const corpusDir = (dataDir: string) => path.join(dataDir, 'Sample corpus');

test('keys act only on what is on screen: in the Dashboard or Claims & figures, Tab then Delete deletes no span', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  await expect(editor.spanRows).toHaveCount(8);
  await editor.row('figure', '62 servicemen').click();
  for (const view of ['view-dashboard', 'view-figures']) {
    await page.getByTestId(view).click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Backspace');
    // not even the question whether to delete (a span with relations asks first)
    await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  }
  await page.getByTestId('view-document').click();
  await expect(editor.spanRows).toHaveCount(8);
  await expect(page.getByTestId('save-state')).not.toHaveAttribute('data-state', 'saving');
  expect((await readSavedDocument(corpusDir(app.dataDir), MERIDIAN)).spans).toHaveLength(8);
});

test('no keyboard trap: Tab leaves the document and Shift+Tab comes back; the document steps through spans with . and ,', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const view = page.getByTestId('document-view');
  await view.locator('[data-span-ids]').first().click();
  const inView = () => page.evaluate(() => !!document.activeElement?.closest('[data-testid="document-view"]'));
  await expect.poll(inView).toBe(true);
  await page.keyboard.press('Tab');
  expect(await inView()).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await inView()).toBe(true);

  const editor = new EditorPage(page);
  const selected = page.locator('[data-testid="span-row"][aria-selected="true"]');
  const first = await selected.getAttribute('data-span-id');
  await page.keyboard.press('.');
  await expect(selected).not.toHaveAttribute('data-span-id', first ?? '');
  await expect(view.locator('.sm-selected').first()).toBeVisible();
  await page.keyboard.press(',');
  await expect(selected).toHaveAttribute('data-span-id', first ?? '');
  await expect(editor.spanRows).toHaveCount(8);

  // Tab walks on through the side panel and back round to the toolbar, never stuck
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => (document.activeElement?.closest('[role="toolbar"], [role="tablist"], [data-testid="corpus-list"], [data-testid="document-view"], aside, .side-panel') as HTMLElement | null)?.className ?? document.activeElement?.tagName ?? ''));
  }
  expect(seen.size).toBeGreaterThanOrEqual(3);
});
