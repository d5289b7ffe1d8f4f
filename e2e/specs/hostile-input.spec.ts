import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { HOSTILE_HTML } from '../fixtures/hostile';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

test('a hostile HTML article imports as text and nothing in it runs', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('hostile.html');
  await writeFile(file, HOSTILE_HTML, 'utf8');
  await app.importFiles([file]);
  const { page } = app;
  // the import parses in a worker thread that loads jsdom first: seconds on a loaded machine
  await expect(page.getByTestId('document-title')).toHaveText('Ceasefire talks stall', { timeout: 45_000 });
  await expect(page.getByTestId('document-view')).toContainText('Negotiators said on Monday');
  const editor = new EditorPage(page);
  await editor.label('12 people', '3');
  await expect(editor.spanRows).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
  expect(await page.locator('[data-testid="document-view"] script, [data-testid="document-view"] iframe, [data-testid="document-view"] img').count()).toBe(0);
  const saved = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), 'Ceasefire talks stall');
  expect(saved.text).not.toContain('Listen Live');
  expect(saved.text).not.toContain('Leave a comment');
  expect(saved.text).not.toMatch(/<script|onerror|javascript:/);
});

test('a binary file renamed .txt is refused with a message and the corpus is unchanged', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('photo.txt');
  await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
  await app.importFiles([file]);
  await expect(app.page.getByTestId('notice-error')).toContainText('photo.txt');
  await expect(app.page.getByTestId('document-row')).toHaveCount(4);
});
