import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

test('renaming a label updates every span; deleting a label in use is refused', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('tab-guidelines').click();
  await page.getByTestId('edit-schema').click();
  const names = page.getByTestId('schema-name');
  await names.nth(1).fill('speaker');
  await page.getByTestId('schema-examples').nth(1).fill('the mayor; a spokesman');
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('label-button-speaker')).toBeVisible();
  const corpusDir = path.join(app.dataDir, 'Sample corpus');
  const doc = await readSavedDocument(corpusDir, 'sample-meridian');
  expect(doc.spans.filter((s) => s.label === 'speaker').map((s) => s.text)).toContain('The Valdaran Defence Ministry');
  expect(doc.spans.some((s) => s.label === 'actor')).toBe(false);
  const manifest = JSON.parse(await readFile(path.join(corpusDir, 'corpus.json'), 'utf8'));
  expect(manifest.schema.relationTypes.find((t: { name: string }) => t.name === 'source').to).toEqual(['speaker']);
  expect(manifest.schema.labels[1].examples).toEqual(['the mayor', 'a spokesman']);
  await expect(page.getByTestId('guidelines-panel')).toContainText('“a spokesman”');

  await page.getByTestId('edit-schema').click();
  await page.getByTestId('schema-row').nth(2).getByRole('button', { name: 'Remove label' }).click();
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('notice-error')).toContainText('label “figure” (4 in use) would be deleted');
  const after = JSON.parse(await readFile(path.join(corpusDir, 'corpus.json'), 'utf8'));
  expect(after.schema.labels.map((l: { name: string }) => l.name)).toContain('figure');
});

test('renaming a relation type updates every relation; deleting one in use is refused', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('tab-guidelines').click();
  await page.getByTestId('edit-schema').click();
  await page.getByTestId('relation-type-name').first().fill('speaker-of');
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('Label schema saved');
  const corpusDir = path.join(app.dataDir, 'Sample corpus');
  const doc = await readSavedDocument(corpusDir, 'sample-meridian');
  expect(doc.relations.filter((r) => r.type === 'speaker-of')).toHaveLength(2);
  expect(doc.relations.some((r) => r.type === 'source')).toBe(false);
  await page.getByTestId('edit-schema').click();
  await page.getByTestId('relation-type-row').nth(1).getByRole('button', { name: 'Remove relation type' }).click();
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('notice-error')).toContainText('relation type “content”');
  expect((await readSavedDocument(corpusDir, 'sample-meridian')).relations.filter((r) => r.type === 'content')).toHaveLength(2);
});

test('labelling after a rename writes the new label name, never the old one', async ({ app }) => {
  const { page } = app;
  await app.openDocument('sample-vsa');
  const editor = new EditorPage(page);
  await editor.label('Marta Volkova', '2');
  await page.getByTestId('tab-guidelines').click();
  await page.getByTestId('edit-schema').click();
  await page.getByTestId('schema-name').nth(1).fill('speaker');
  await page.getByTestId('schema-save').click();
  await expect(page.getByTestId('label-button-speaker')).toBeVisible();
  await editor.label('80 people', '3');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const doc = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), 'sample-vsa');
  expect(doc.spans.map((s) => s.label).sort()).toEqual(['figure', 'speaker']);
});
