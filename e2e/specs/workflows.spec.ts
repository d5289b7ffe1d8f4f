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
