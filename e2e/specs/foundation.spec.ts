import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const SAMPLE_DIR = (dataDir: string) => path.join(dataDir, 'Sample corpus');
const GOVERNOR = 'Governor: 80 killed in Korvany attack, mourning declared';

test.beforeAll(() => {
  // printed once per run so CI logs say which host ran the specs
  console.log(`[e2e] host: ${process.env.SPANMARK_E2E_HOST ?? 'auto'}`);
});

test('first run opens the built-in sample corpus', async ({ app }) => {
  const { page } = app;
  console.log(`[e2e] running on the ${app.host} host`);
  await expect(page.getByTestId('document-row')).toHaveCount(4);
  await expect(page.getByTestId('corpus-list')).toContainText('Korvany strike');
  await expect(page.getByTestId('document-view')).toContainText('Korvany');
  // the first sample arrives annotated, with a figure nested in a claim
  await expect(page.locator('[data-testid="document-view"] [data-labels="claim figure"]').first()).toBeVisible();
});

test('a label applied with a hotkey persists across a restart, on disk', async ({ app }) => {
  const editor = new EditorPage(app.page);
  await app.openDocument(GOVERNOR);
  await editor.label('Marta Volkova', '2');
  await expect(editor.row('actor', 'Marta Volkova')).toHaveCount(1);
  await app.restart();
  await app.openDocument(GOVERNOR);
  const after = new EditorPage(app.page);
  await expect(after.row('actor', 'Marta Volkova')).toHaveCount(1);
  await expect(after.highlight('Marta Volkova')).toHaveAttribute('data-labels', 'actor');
  const saved = await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR);
  const span = saved.spans.find((s) => s.text === 'Marta Volkova');
  expect(span?.label).toBe('actor');
  expect([...saved.text].slice(span!.start, span!.end).join('')).toBe('Marta Volkova');
});

test('selection snaps to whole words without swallowing punctuation', async ({ app }) => {
  const editor = new EditorPage(app.page);
  await app.openDocument(GOVERNOR);
  await editor.label('ta Volkov', '2'); // a sloppy drag inside the name
  await expect(editor.row('actor', 'Marta Volkova')).toHaveCount(1);
  await editor.label('Lesna region, Ma', '1');
  // saves are written behind the screen: wait for the file, not a fixed time
  await expect.poll(async () => (await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR)).spans.map((s) => s.text)).toContain('Lesna region, Marta');
});

test('a figure nested in a claim shows both and round-trips', async ({ app }) => {
  const editor = new EditorPage(app.page);
  await app.openDocument(GOVERNOR);
  const claim = '80 people were killed in the strike near Korvany';
  await editor.label(claim, '1');
  await editor.label('80 people', '3');
  const nested = editor.view.locator('[data-labels="claim figure"]', { hasText: '80 people' });
  await expect(nested).toHaveCount(1);
  await expect(editor.view.locator('[data-labels="claim"]', { hasText: 'were killed' })).toHaveCount(1);
  await app.restart();
  await app.openDocument(GOVERNOR);
  await expect(app.page.locator('[data-testid="document-view"] [data-labels="claim figure"]', { hasText: '80 people' })).toHaveCount(1);
  const saved = await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR);
  const c = saved.spans.find((s) => s.label === 'claim')!;
  const f = saved.spans.find((s) => s.label === 'figure')!;
  expect(c.text).toBe(claim);
  expect(f.text).toBe('80 people');
  expect(f.start >= c.start && f.end <= c.end).toBe(true);
  expect(f.attributes?.value).toBe(80);
});

test('undo and redo a label, on screen and on disk', async ({ app }) => {
  const editor = new EditorPage(app.page);
  await app.openDocument(GOVERNOR);
  await editor.label('Three days of mourning', '1');
  await expect(editor.spanRows).toHaveCount(1);
  await app.page.keyboard.press('Control+z');
  await expect(editor.spanRows).toHaveCount(0);
  await expect(editor.view.locator('[data-span-ids]')).toHaveCount(0);
  await expect(app.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR)).spans).toHaveLength(0);
  await app.page.keyboard.press('Control+Shift+z');
  await expect(editor.spanRows).toHaveCount(1);
});

test('importing a .txt with emoji, CRLF and Cyrillic gives code-point offsets on disk', async ({ app }, testInfo) => {
  const file = testInfo.outputPath('field-report.txt');
  const text = 'Сводка 🚀👩‍👩‍👧 дня\r\nThe mayor said 12 people were hurt.\r\nКонец.';
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  // a .txt is titled by its first line, not its file name
  await expect(app.page.getByTestId('document-title')).toHaveText('Сводка 🚀👩‍👩‍👧 дня');
  const editor = new EditorPage(app.page);
  await editor.label('The mayor', '2');
  await editor.label('12 people', '3');
  await expect(editor.spanRows).toHaveCount(2);
  await expect(app.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = await readSavedDocument(SAMPLE_DIR(app.dataDir), 'Сводка 🚀👩‍👩‍👧 дня');
  expect(saved.text).toBe(text);
  const cps = [...text];
  for (const s of saved.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  const mayor = saved.spans.find((s) => s.label === 'actor')!;
  // Python: text.index('The mayor') counts each emoji as one character
  expect(mayor.start).toBe(cps.indexOf('T'));
  expect(mayor.start).toBeLessThan(text.indexOf('The mayor'));
});

test('pasted text becomes a new document, and the filter box narrows the corpus list', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill('Wire copy: ceasefire');
  await page.getByTestId('paste-text').fill('Officials said 12 people were wounded overnight. 🚑');
  await page.getByTestId('paste-create').click();
  await expect(page.getByTestId('document-title')).toHaveText('Wire copy: ceasefire');
  await expect(page.getByTestId('document-row')).toHaveCount(5);
  const saved = await readSavedDocument(SAMPLE_DIR(app.dataDir), 'Wire copy: ceasefire');
  expect(saved.text).toBe('Officials said 12 people were wounded overnight. 🚑');
  await page.getByTestId('document-filter').fill('coastline');
  await expect(page.getByTestId('document-row')).toHaveCount(1);
  await expect(page.getByTestId('document-row')).toContainText('Hospital staff');
  await page.getByTestId('document-filter').fill('');
  await expect(page.getByTestId('document-row')).toHaveCount(5);
});

test('menu commands reach the window: paste, export and the shortcut sheet', async ({ app }) => {
  const { page } = app;
  await app.menu('paste-document');
  await expect(page.getByTestId('paste-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('paste-dialog')).toHaveCount(0);
  await app.menu('export');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await app.menu('shortcuts');
  await expect(page.getByTestId('shortcuts-dialog')).toContainText('Review tab');
});
