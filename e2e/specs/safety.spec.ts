import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { CorpusStore } from '../../main/services/corpus-store';
import { SCHEMA_VERSION } from '../../shared/model/schema';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const corpusDir = (dataDir: string) => path.join(dataDir, 'Sample corpus');
const docFile = (dataDir: string, id: string) => path.join(corpusDir(dataDir), 'docs', `${id}.json`);

test('a hand-damaged document is reported, the rest opens, and its backup can be restored', async ({ app }) => {
  const { page } = app;
  await app.openDocument('sample-vsa');
  await new EditorPage(page).label('Marta Volkova', '2'); // a save leaves a .bak of the previous version
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await app.restart();
  const file = docFile(app.dataDir, 'sample-vsa');
  await writeFile(file, '{"id": "sample-vsa", "title": "broken by hand", "text": 12');
  await app.restart();
  const p = app.page;
  await expect(p.getByTestId('notice-error').first()).toContainText('sample-vsa');
  await expect(p.locator('[data-testid="document-row"].damaged')).toHaveCount(1);
  await expect(p.getByTestId('document-row')).toHaveCount(4);
  // the damaged file was not overwritten
  expect(await readFile(file, 'utf8')).toContain('broken by hand');
  await p.locator('[data-testid="document-row"].damaged').click();
  await p.getByTestId('confirm-restore').getByTestId('prompt-ok').click();
  await expect(p.locator('[data-testid="document-view"][data-document-id="sample-vsa"]')).toBeVisible();
  const restored = await readSavedDocument(corpusDir(app.dataDir), 'sample-vsa');
  expect(restored.title).toBe('Governor: 80 killed in Korvany attack, mourning declared');
  expect(await readFile(`${file}.damaged`, 'utf8')).toContain('broken by hand');
});

test('a corpus another process is writing opens read-only and says so', async ({ app }) => {
  // hold the corpus lock from outside, as a second Spanmark would
  let other: CorpusStore | null = null;
  try {
    await app.restart(async () => {
      other = await CorpusStore.open(corpusDir(app.dataDir));
      expect(other.readOnly).toBe(false);
    });
    const { page } = app;
    await expect(page.getByTestId('corpus-list').locator('.badge')).toHaveText('read-only');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'readonly');
    await app.openDocument('sample-vsa');
    await new EditorPage(page).label('Marta Volkova', '2');
    await expect(page.getByTestId('notice-error').first()).toContainText('Another Spanmark window or process is editing this corpus');
  } finally {
    await (other as CorpusStore | null)?.close();
  }
});

test('a document changed on disk is noticed and reloads only when asked', async ({ app }) => {
  const { page } = app;
  await app.openDocument('sample-coastline');
  const file = docFile(app.dataDir, 'sample-coastline');
  const doc = JSON.parse(await readFile(file, 'utf8'));
  doc.title = 'Retitled by a git pull';
  await writeFile(file, JSON.stringify(doc));
  await expect(page.getByTestId('reload-from-disk')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('document-title')).not.toHaveText('Retitled by a git pull');
  // labelling before reloading must not overwrite the file that changed
  await new EditorPage(page).label('senior nurse', '2');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
  expect(JSON.parse(await readFile(file, 'utf8')).title).toBe('Retitled by a git pull');
  await page.getByTestId('reload-from-disk').click();
  await expect(page.getByTestId('document-title')).toHaveText('Retitled by a git pull');
});

test('export writes a Spanmark JSON file that validates and holds every span', async ({ app }, testInfo) => {
  const { page } = app;
  const out = testInfo.outputPath('corpus.json');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-format').selectOption('spanmark');
  await app.answerSaveDialog(out);
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('Exported 4 documents');
  const corpus = JSON.parse(await readFile(out, 'utf8'));
  expect(corpus.schemaVersion).toBe(SCHEMA_VERSION);
  expect(corpus.documents).toHaveLength(4);
  for (const d of corpus.documents) {
    const cps = [...d.text];
    for (const s of d.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  }
});
