import path from 'node:path';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const GOVERNOR = 'sample-vsa';
const corpusDir = (dataDir: string) => path.join(dataDir, 'Sample corpus');

test('a note is saved as it is typed, Esc leaves the note box, and one Ctrl+Z takes the whole note back', async ({ app }) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  const editor = new EditorPage(page);
  await editor.label('Marta Volkova', '2');
  await page.getByTestId('tab-details').click();
  const note = page.getByTestId('details-note');
  await note.click();
  await page.keyboard.type('speaks for the region');
  // still typing in the box: no key went to the document as a shortcut
  await expect(note).toBeFocused();
  await expect(note).toHaveValue('speaks for the region');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // on disk without leaving the field
  const saved = await readSavedDocument(corpusDir(app.dataDir), GOVERNOR);
  expect(saved.spans.find((s) => s.text === 'Marta Volkova')?.note).toBe('speaks for the region');
  await page.keyboard.press('Escape');
  await expect(note).not.toBeFocused();
  // Esc left the box but kept the span selected
  await expect(page.getByTestId('details-panel')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(note).toHaveValue('');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const undone = await readSavedDocument(corpusDir(app.dataDir), GOVERNOR);
  const span = undone.spans.find((s) => s.text === 'Marta Volkova');
  expect(span).toBeDefined();
  expect(span?.note).toBeUndefined();
});

test('one link hint at a time, gone when the link is made', async ({ app }) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  const editor = new EditorPage(page);
  await editor.label('told reporters', '4');
  await page.getByTestId('tab-details').click();
  await page.getByTestId('link-source').click();
  await page.getByTestId('link-source').click();
  await expect(page.getByTestId('notice-info').filter({ hasText: 'Linking' })).toHaveCount(1);
  await editor.label('Marta Volkova', '2');
  await expect(page.getByTestId('notice-info').filter({ hasText: 'Linking' })).toHaveCount(0);
});
