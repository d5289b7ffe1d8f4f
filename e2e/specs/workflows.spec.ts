import { readFile } from 'node:fs/promises';
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
  const before = await page.getByTestId('figure-row').count();
  expect(before).toBeGreaterThan(0);
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
