import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { readSavedDocument } from '../pages/EditorPage';

test('dropping a file on the window imports it', async ({ app }) => {
  const { page } = app;
  const text = 'Dropped report: 🚀 officials counted 14 dead.';
  const dt = await page.evaluateHandle((t) => {
    const d = new DataTransfer();
    d.items.add(new File([t], 'dropped.txt', { type: 'text/plain' }));
    return d;
  }, text);
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('document-title')).toHaveText(text);
  const doc = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), text);
  expect(doc.text).toBe(text);
});

test('files dragged over the window show a drop target until they leave or land; dragged text shows none', async ({ app }) => {
  const { page } = app;
  const target = page.getByTestId('drop-target');
  const files = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['Drop target check: 3 people were hurt.'], 'target.txt', { type: 'text/plain' }));
    return d;
  });
  // entering the window, then crossing from the document into the corpus list: each element fires enter and leave
  await page.dispatchEvent('[data-testid="document-view"]', 'dragenter', { dataTransfer: files });
  await page.dispatchEvent('[data-testid="document-view"]', 'dragover', { dataTransfer: files });
  await expect(target).toBeVisible();
  await expect(target).toHaveText('Drop files to import them into this corpus');
  await page.dispatchEvent('[data-testid="corpus-list"]', 'dragenter', { dataTransfer: files });
  await page.dispatchEvent('[data-testid="document-view"]', 'dragleave', { dataTransfer: files });
  await expect(target).toBeVisible();
  // out of the window: gone
  await page.dispatchEvent('[data-testid="corpus-list"]', 'dragleave', { dataTransfer: files });
  await expect(target).toBeHidden();

  // selected text dragged about is not an import
  const text = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.setData('text/plain', 'some words');
    return d;
  });
  await page.dispatchEvent('[data-testid="document-view"]', 'dragenter', { dataTransfer: text });
  await page.dispatchEvent('[data-testid="document-view"]', 'dragover', { dataTransfer: text });
  await expect(target).toBeHidden();

  // back in, and dropped: the target goes and the file is imported
  await page.dispatchEvent('[data-testid="document-view"]', 'dragenter', { dataTransfer: files });
  await expect(target).toBeVisible();
  await page.dispatchEvent('[data-testid="document-view"]', 'drop', { dataTransfer: files });
  await expect(target).toBeHidden();
  await expect(page.getByTestId('document-title')).toHaveText('Drop target check: 3 people were hurt.');
});

test('a folder of brat files imports with its labels after the user agrees to add them', async ({ app }, testInfo) => {
  const dir = testInfo.outputPath('brat');
  await mkdir(dir, { recursive: true });
  const text = 'Officials said 30 people were evacuated.';
  await writeFile(path.join(dir, 'evac.txt'), text);
  await writeFile(path.join(dir, 'evac.ann'), 'T1\tactor 0 9\tOfficials\nT2\tfigure 15 24\t30 people\nT3\tevent 30 39\tevacuated\n');
  const { page } = app;
  await app.answerFolderDialog(dir);
  await page.getByTestId('import-folder-button').click();
  await expect(page.getByTestId('confirm-labels-dialog')).toContainText('event');
  await page.getByTestId('confirm-labels-add').click();
  await expect(page.getByTestId('document-title')).toHaveText('evac');
  await expect(page.locator('[data-testid="span-row"][data-label="event"]')).toHaveText(/evacuated/);
  const doc = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), 'evac');
  expect(doc.spans.map((s) => [s.label, s.text])).toEqual([
    ['actor', 'Officials'],
    ['figure', '30 people'],
    ['event', 'evacuated'],
  ]);
});

test('an empty folder becomes a new corpus; recent corpora switch back; a foreign folder is refused', async ({ app }, testInfo) => {
  const { page } = app;
  const fresh = testInfo.outputPath('Field notes');
  await mkdir(fresh, { recursive: true });
  await app.answerFolderDialog(fresh);
  await page.getByTestId('open-corpus').click();
  await expect(page.getByTestId('corpus-list')).toContainText('Field notes');
  await expect(page.getByTestId('document-row')).toHaveCount(0);
  const manifest = JSON.parse(await readFile(path.join(fresh, 'corpus.json'), 'utf8'));
  expect(manifest.schema.labels.map((l: { name: string }) => l.name)).toEqual(['claim', 'actor', 'figure', 'attribution']);

  const foreign = testInfo.outputPath('photos');
  await mkdir(foreign, { recursive: true });
  await writeFile(path.join(foreign, 'holiday.jpg'), 'not a corpus');
  await app.answerFolderDialog(foreign);
  await page.getByTestId('open-corpus').click();
  await expect(page.getByTestId('notice-error')).toContainText('is not a Spanmark corpus and is not empty');
  expect(await readFile(path.join(foreign, 'holiday.jpg'), 'utf8')).toBe('not a corpus');

  await page.getByTestId('recent-corpora').selectOption({ label: 'Sample corpus' });
  await expect(page.getByTestId('document-row')).toHaveCount(4);
});
