import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const SAMPLE_DIR = (dataDir: string) => path.join(dataDir, 'Sample corpus');
const GOVERNOR = 'Governor: 80 killed in Korvany attack, mourning declared';

async function savedSettings(dataDir: string): Promise<{ annotator?: string }> {
  return JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as { annotator?: string };
}

test('the annotator name keeps every character when typed fast, and stamps new spans', async ({ app }) => {
  const { page } = app;
  const field = page.getByTestId('annotator-name');
  await field.fill('');
  await field.click();
  await page.keyboard.type('lead-reviewer maria', { delay: 0 });
  await expect(field).toHaveValue('lead-reviewer maria');
  await expect.poll(async () => (await savedSettings(app.dataDir)).annotator).toBe('lead-reviewer maria');
  const editor = new EditorPage(page);
  await app.openDocument(GOVERNOR);
  await editor.label('Marta Volkova', '2');
  await expect(editor.row('actor', 'Marta Volkova')).toHaveCount(1);
  await expect.poll(async () => (await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR)).spans.find((s) => s.text === 'Marta Volkova')?.annotator).toBe('lead-reviewer maria');
});

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`the Details panel's attribute inputs fit a ${size.width}×${size.height} window`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(size);
    await page.locator('[data-testid="span-row"][data-label="figure"]').first().click();
    await page.getByTestId('tab-details').click();
    const fieldset = page.getByTestId('figure-attributes');
    await expect(fieldset).toBeVisible();
    const box = (await fieldset.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(size.width);
    for (const input of await fieldset.locator('input').all()) {
      const b = (await input.boundingBox())!;
      expect(b.x + b.width, 'each input is reachable inside the window').toBeLessThanOrEqual(size.width);
    }
  });
}

test('Who said what shows an attribution with a source but no claim yet, marked incomplete', async ({ app }) => {
  const { page } = app;
  const editor = new EditorPage(page);
  await app.openDocument(GOVERNOR);
  await editor.label('Marta Volkova', '2');
  await editor.label('told reporters', '4');
  await page.getByTestId('tab-details').click();
  await page.getByTestId('link-source').click();
  await editor.highlight('Marta Volkova').first().click();
  await expect(page.getByTestId('relation-row')).toHaveCount(1);
  await page.getByTestId('tab-who').click();
  const open = page.getByTestId('open-attribution');
  await expect(open).toHaveCount(1);
  await expect(open).toContainText('Marta Volkova');
  await expect(open).toContainText('told reporters');
  await expect(open).toContainText('incomplete');
});

test('after renaming `figure` to `number`, the role keeps Claims & figures and figure attributes working', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('view-figures').click();
  // the rows arrive from main after the view opens: wait for them before counting
  await expect(page.getByTestId('figure-row').first()).toBeVisible();
  const before = await page.getByTestId('figure-row').count();
  await page.getByTestId('view-document').click();
  await page.getByTestId('tab-guidelines').click();
  await page.getByTestId('edit-schema').click();
  const figureRow = page.getByTestId('schema-row').nth(2);
  await expect(figureRow.getByTestId('schema-role')).toHaveValue('figure');
  await figureRow.getByTestId('schema-name').fill('number');
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('label-button-number')).toBeVisible();
  const manifest = JSON.parse(await readFile(path.join(SAMPLE_DIR(app.dataDir), 'corpus.json'), 'utf8'));
  expect(manifest.schema.labels[2]).toMatchObject({ name: 'number', role: 'figure' });
  await page.getByTestId('view-figures').click();
  await expect(page.getByTestId('figure-row')).toHaveCount(before);
  // a new `number` span gets figure attributes, like a figure did
  await page.getByTestId('view-document').click();
  await app.openDocument(GOVERNOR);
  await new EditorPage(page).label('80 people', '3');
  await expect.poll(async () => (await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR)).spans.find((s) => s.label === 'number')?.attributes?.value).toBe(80);
});

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

test.describe('the first import while the sample corpus is open', () => {
  test.use({ firstImportOffer: true });

  test('offers a new corpus, imports there, and leaves the sample and its Dashboard alone', async ({ app }, testInfo) => {
    const { page } = app;
    const file = testInfo.outputPath('asharq.txt');
    await writeFile(file, 'Strike kills dozens near Korvany\n\nOfficials said 40 people died.\n');
    await app.importFiles([file]);
    const offer = page.getByTestId('new-corpus-offer');
    await expect(offer).toBeVisible();
    await offer.getByTestId('prompt-input').fill('Field reports');
    await offer.getByTestId('prompt-ok').click();
    await expect(page.getByTestId('corpus-list')).toContainText('Field reports');
    await expect(page.getByTestId('document-row')).toHaveCount(1);
    await expect(page.getByTestId('document-title')).toHaveText('Strike kills dozens near Korvany');
    const dir = path.join(app.dataDir, 'Corpora', 'Field reports');
    const manifest = await readJson<{ name: string; documents: unknown[]; schema: { labels: { name: string; role?: string }[] } }>(path.join(dir, 'corpus.json'));
    expect(manifest.name).toBe('Field reports');
    expect(manifest.documents).toHaveLength(1);
    expect(manifest.schema.labels.find((l) => l.name === 'figure')?.role).toBe('figure');
    // the sample kept its four articles
    expect((await readJson<{ documents: unknown[] }>(path.join(SAMPLE_DIR(app.dataDir), 'corpus.json'))).documents).toHaveLength(4);
    await page.getByTestId('view-dashboard').click();
    await expect(page.getByTestId('dashboard')).toContainText('Progress · 1 documents');
  });
});

test('documents can be renamed, given an outlet and URL, and deleted with undo', async ({ app }) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  const before = await readSavedDocument(SAMPLE_DIR(app.dataDir), GOVERNOR);

  await page.getByTestId('rename-document').click();
  await page.getByTestId('prompt-input').fill('Governor declares mourning');
  await page.getByTestId('prompt-ok').click();
  await expect(page.getByTestId('document-title')).toHaveText('Governor declares mourning');
  await expect(page.locator(`[data-testid="document-row"][data-document-id="${before.id}"]`)).toContainText('Governor declares mourning');
  await page.getByTestId('set-outlet').click();
  await page.getByTestId('prompt-input').fill('Asharq Al-Awsat');
  await page.getByTestId('prompt-ok').click();
  await page.getByTestId('set-url').click();
  await page.getByTestId('prompt-input').fill('https://example.org/asharq/mourning');
  await page.getByTestId('prompt-ok').click();
  await expect(page.getByTestId('document-source')).toHaveText('Asharq Al-Awsat · https://example.org/asharq/mourning');
  const renamed = await readSavedDocument(SAMPLE_DIR(app.dataDir), before.id);
  expect(renamed).toMatchObject({ title: 'Governor declares mourning', source: { outlet: 'Asharq Al-Awsat', url: 'https://example.org/asharq/mourning' }, text: before.text, spans: before.spans });

  await page.getByTestId('delete-document').click();
  await page.getByTestId('confirm-delete-document').getByTestId('prompt-ok').click();
  await expect(page.getByTestId('document-row')).toHaveCount(3);
  const manifest = () => readJson<{ documents: { id: string }[] }>(path.join(SAMPLE_DIR(app.dataDir), 'corpus.json'));
  expect((await manifest()).documents.map((d) => d.id)).not.toContain(before.id);
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('document-row')).toHaveCount(4);
  await expect(page.getByTestId('document-title')).toHaveText('Governor declares mourning');
  expect((await manifest()).documents.map((d) => d.id)).toContain(before.id);
  expect(await readSavedDocument(SAMPLE_DIR(app.dataDir), before.id)).toMatchObject({ id: before.id, title: 'Governor declares mourning', text: before.text, spans: before.spans });
});

test('a copy for another annotator has the documents and ids without spans, and comes back through Review', async ({ app }, testInfo) => {
  const { page } = app;
  const out = testInfo.outputPath('maria');
  await app.answerFolderDialog(out);
  await page.getByTestId('copy-for-annotator-button').click();
  await page.getByTestId('copy-for-annotator').getByTestId('prompt-input').fill('maria');
  await page.getByTestId('copy-for-annotator').getByTestId('prompt-ok').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('Copied 4 documents for maria');
  const sample = await readJson<{ id: string; schema: unknown; documents: { id: string }[] }>(path.join(SAMPLE_DIR(app.dataDir), 'corpus.json'));
  const copy = await readJson<{ id: string; schema: unknown; documents: { id: string }[] }>(path.join(out, 'corpus.json'));
  expect(copy.id).toBe(sample.id);
  expect(copy.schema).toEqual(sample.schema);
  expect(copy.documents.map((d) => d.id)).toEqual(sample.documents.map((d) => d.id));
  for (const { id } of copy.documents) {
    const d = await readSavedDocument(out, id);
    expect([d.spans.length, d.relations.length, d.status]).toEqual([0, 0, 'todo']);
  }
  // the way back: the returned folder opens in Review
  await app.answerFolderDialog(out);
  await page.getByTestId('review-returned-button').click();
  await expect(page.getByTestId('review-view')).toBeVisible();
  await expect(page.getByTestId('review-annotators')).toContainText('maria');
});

test.describe('the browser host as a person uses it (no native dialogs)', () => {
  test.use({ inPagePickers: true });
  test.skip(({ app }) => app.host !== 'browser', 'Electron has native dialogs');

  test('Import… uploads picked files, Export… downloads, Open… and Review ask for a path in the page', async ({ app }, testInfo) => {
    const { page } = app;
    const file = testInfo.outputPath('report.txt');
    await writeFile(file, 'Ministry: 62 servicemen killed\nThe ministry said 62 servicemen were killed.\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(file);
    await expect(page.getByTestId('document-title')).toHaveText('Ministry: 62 servicemen killed');
    await expect(page.getByTestId('document-row')).toHaveCount(5);

    await page.getByTestId('export-button').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-run').click();
    const download = await downloading;
    const saved = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.spanmark\.json$/);
    const exported = await readJson<{ documents: { title: string }[] }>(saved);
    expect(exported.documents.map((d) => d.title)).toContain('Ministry: 62 servicemen killed');

    await page.getByTestId('view-review').click();
    await page.getByTestId('review-open').click();
    const prompt = page.getByTestId('path-prompt');
    await expect(prompt).toBeVisible();
    await prompt.getByTestId('prompt-input').fill(`${saved}\n${path.join(SAMPLE_DIR(app.dataDir))}`);
    await prompt.getByTestId('prompt-ok').click();
    await expect(page.getByTestId('review-annotators')).toBeVisible();

    const fresh = testInfo.outputPath('Field notes');
    await page.getByTestId('view-document').click();
    await page.getByTestId('open-corpus').click();
    await expect(prompt).toBeVisible();
    await prompt.getByTestId('prompt-input').fill(fresh);
    await prompt.getByTestId('prompt-ok').click();
    await expect(page.getByTestId('corpus-list')).toContainText('Field notes');
    expect((await readJson<{ name: string }>(path.join(fresh, 'corpus.json'))).name).toBe('Field notes');
  });
});
