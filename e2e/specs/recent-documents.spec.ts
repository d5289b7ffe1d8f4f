import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';

const MERIDIAN = 'Strike hits training ground near Korvany';
const EASTBRIDGE = 'Monitors put Korvany death toll above 60';
const VSA = 'Governor: 80 killed in Korvany attack, mourning declared';

const recentTitles = (page: Page) => page.getByTestId('recent-document').allTextContents();

/** What the user's settings file holds for this corpus's Recent list. */
async function recentOnDisk(dataDir: string): Promise<string[]> {
  const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as { recentDocuments?: Record<string, string[]> };
  return settings.recentDocuments?.[path.join(dataDir, 'Sample corpus')] ?? [];
}

test('recent documents: most recent first, reachable by keyboard, kept across a restart, and a deleted one drops out', async ({ app }) => {
  const { page } = app;
  // the start opened the first document: nothing else was opened yet, so there is no Recent list
  await expect(page.getByTestId('document-title')).toHaveText(MERIDIAN);
  await expect(page.getByTestId('recent-documents')).toHaveCount(0);

  await app.openDocument(VSA);
  await app.openDocument(EASTBRIDGE);
  await expect.poll(() => recentTitles(page)).toEqual([EASTBRIDGE, VSA, MERIDIAN]);
  await expect(page.getByTestId('recent-document').first()).toHaveAttribute('aria-current', 'true');

  // keyboard: the list sits between the corpus's name and the filter, so Shift+Tab from the filter reaches it
  await page.getByTestId('document-filter').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('button', { name: MERIDIAN }).and(page.getByTestId('recent-document'))).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('document-title')).toHaveText(VSA);
  await expect.poll(() => recentTitles(page)).toEqual([VSA, EASTBRIDGE, MERIDIAN]);

  // in the user's settings, by corpus: the next start shows the same list
  await expect.poll(() => recentOnDisk(app.dataDir)).toEqual(['sample-vsa', 'sample-eastbridge', 'sample-meridian']);
  await app.restart();
  await expect(app.page.getByTestId('document-title')).toHaveText(VSA);
  await expect.poll(() => recentTitles(app.page)).toEqual([VSA, EASTBRIDGE, MERIDIAN]);

  // deleting the open document takes it out of Recent
  await app.page.getByTestId('delete-document').click();
  await app.page.getByTestId('confirm-delete-document').getByTestId('prompt-ok').click();
  await expect.poll(() => recentTitles(app.page)).not.toContain(VSA);
  await expect(app.page.getByTestId('recent-document')).toHaveCount(3);
  // the document opened in its place leads
  await expect(app.page.getByTestId('recent-document').first()).toHaveText((await app.page.getByTestId('document-title').textContent())!);
});
