import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateText } from '../../bench/generate';
import { cpLength } from '../../shared/text/offsets';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';
import { titleFromText } from '../../shared/formats/plaintext';

const NAME = 'Zenobia Quillfeather';

test('a 1M-character document opens, scrolls to its end, and a label there lands at the right offsets', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('long-report.txt');
  const text = `${generateText(999_900, 7)}\n\nClosing remarks were made by ${NAME} 🎤 at the end.`;
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  await expect(app.page.getByTestId('document-title')).toHaveText(titleFromText(text, 'long-report'), { timeout: 30_000 });
  const editor = new EditorPage(app.page);
  const view = editor.view;
  // only a window of paragraphs is rendered; scrolling to the bottom brings the last one in
  await expect
    .poll(async () => {
      await view.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      return view.locator('[data-offset]', { hasText: NAME }).count();
    })
    .toBeGreaterThan(0);
  expect(await view.locator('[data-offset]').count()).toBeLessThan(2_000);
  await editor.label(NAME, '2');
  await expect(editor.row('actor', NAME)).toHaveCount(1);
  await expect(editor.highlight(NAME)).toHaveAttribute('data-labels', 'actor');
  await expect(app.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), titleFromText(text, 'long-report'));
  expect(saved.text).toBe(text);
  const span = saved.spans.find((s) => s.label === 'actor')!;
  expect(span.text).toBe(NAME);
  expect(span.start).toBe(cpLength(text.slice(0, text.lastIndexOf(NAME))));
  expect(span.end - span.start).toBe(NAME.length);
});

test('on a long document, Ctrl+End and word keys reach text outside the rendered window', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('long-keys.txt');
  const text = `${generateText(300_000, 11)}\n\nThe last word goes to ${NAME}.`;
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  await expect(app.page.getByTestId('document-title')).toHaveText(titleFromText(text, 'long-keys'), { timeout: 30_000 });
  const { page } = app;
  const editor = new EditorPage(page);
  await page.keyboard.press('Control+End');
  // the jump renders the end of the document first; a person reads before the next key
  await expect(editor.view.locator('[data-offset]', { hasText: NAME })).toHaveCount(1);
  await page.keyboard.press('Control+ArrowLeft'); // "Quillfeather"
  await page.keyboard.press('Control+ArrowLeft'); // "Zenobia"
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(editor.row('actor', NAME)).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const saved = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), titleFromText(text, 'long-keys'));
  const span = saved.spans.find((s) => s.label === 'actor')!;
  expect(span.text).toBe(NAME);
  expect(span.start).toBe(cpLength(text.slice(0, text.lastIndexOf(NAME))));
});

test('the span map: a mark per span beside the text, the reading position, and a click near its end jumps there', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('long-map.txt');
  const text = `${generateText(300_000, 13)}\n\nThe last word goes to ${NAME}.`;
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  await expect(app.page.getByTestId('document-title')).toHaveText(titleFromText(text, 'long-map'), { timeout: 30_000 });
  const { page } = app;
  const editor = new EditorPage(page);
  const map = page.getByTestId('span-map');
  await expect(map).toHaveAttribute('data-marks', '0');
  await expect(page.getByTestId('reading-position')).toHaveText('0%');
  await expect(editor.view.locator('[data-offset]', { hasText: NAME })).toHaveCount(0);
  // a click near the strip's bottom brings the last part of the text on screen (it was not even rendered)
  const box = (await map.locator('canvas').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 2);
  const onScreen = () =>
    editor.view.evaluate((view) => {
      const frame = view.getBoundingClientRect();
      const shown = [...view.querySelectorAll<HTMLElement>('[data-offset]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > frame.top && b.top < frame.bottom;
      });
      return shown.length ? Number(shown[0]!.dataset.offset) : -1;
    });
  await expect.poll(onScreen).toBeGreaterThan(text.length * 0.97);
  await expect.poll(async () => Number((await page.getByTestId('reading-position').textContent())?.replace('%', ''))).toBeGreaterThan(90);
  // the jump lands within the last few per cent, not necessarily on the last line: Ctrl+End in the text goes the rest of the way
  await editor.view.focus();
  await page.keyboard.press('Control+End');
  await expect(editor.view.locator('[data-offset]', { hasText: NAME })).toHaveCount(1);
  await editor.label(NAME, '2');
  await expect(map).toHaveAttribute('data-marks', '1');
});

test('a restart reopens the document read last, at the place reading stopped', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('long-place.txt');
  const text = `${generateText(300_000, 17)}\n\nThe last word goes to ${NAME}.`;
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  const title = titleFromText(text, 'long-place');
  await expect(app.page.getByTestId('document-title')).toHaveText(title, { timeout: 30_000 });
  const box = (await app.page.getByTestId('span-map').locator('canvas').boundingBox())!;
  await app.page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.75);
  // the place is kept in the user's settings a moment after scrolling stops
  await expect
    .poll(async () => JSON.parse(await readFile(path.join(app.dataDir, 'settings.json'), 'utf8')).lastPlace?.offset ?? 0)
    .toBeGreaterThan(cpLength(text) * 0.6);
  await app.restart();
  await expect(app.page.getByTestId('document-title')).toHaveText(title, { timeout: 30_000 });
  const topOnScreen = () =>
    new EditorPage(app.page).view.evaluate((view) => {
      const frame = view.getBoundingClientRect();
      const first = [...view.querySelectorAll<HTMLElement>('[data-offset]')].find((r) => r.getBoundingClientRect().bottom > frame.top);
      return first ? Number(first.dataset.offset) : -1;
    });
  await expect.poll(topOnScreen).toBeGreaterThan(text.length * 0.6);
});

test('edit mode on a long document is windowed: typing, a new line and joining lines far down land at the right offsets', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const file = testInfo.outputPath('long-edit.txt');
  const body = generateText(300_000, 17);
  const text = `${body}\n\nNear the end, ${NAME} spoke.\nLast line.`;
  await writeFile(file, text, 'utf8');
  await app.importFiles([file]);
  const title = titleFromText(text, 'long-edit');
  await expect(app.page.getByTestId('document-title')).toHaveText(title, { timeout: 30_000 });
  const { page } = app;
  const editor = new EditorPage(page);
  await page.keyboard.press('Control+End');
  await expect(editor.view.locator('[data-offset]', { hasText: NAME })).toHaveCount(1);
  await editor.label(NAME, '2');
  await expect(editor.row('actor', NAME)).toHaveCount(1);
  await page.getByTestId('mode-toggle').click();
  await expect(editor.view).toHaveAttribute('data-mode', 'edit');
  // only a window of the text is editable nodes, not the whole document
  const paragraphs = text.split('\n').length;
  await expect(editor.view.locator('[data-offset]', { hasText: 'Near the end' })).toHaveCount(1);
  expect(await editor.view.locator('.sm-content > *').count()).toBeLessThan(paragraphs / 4);
  // type before the span, break the line, and join it again
  await editor.select('Near the end');
  await page.evaluate(() => window.getSelection()!.collapseToStart());
  await page.keyboard.type('Indeed. ');
  await page.keyboard.press('Enter');
  await page.keyboard.type('More');
  await expect(editor.view.locator('.sm-content > *', { hasText: /^MoreNear the end/ })).toHaveCount(1);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  // far above, outside the window that was edited: the top of the document, rendered as the view scrolls there
  await editor.view.evaluate((el) => el.scrollTo({ top: 0 }));
  const opening = body.slice(0, body.indexOf('\n'));
  await expect(editor.view.locator('.sm-content > *').first()).toHaveText(opening);
  await editor.select(opening.slice(0, 30));
  await page.evaluate(() => window.getSelection()!.collapseToStart());
  await page.keyboard.type('A ');
  await page.getByTestId('mode-toggle').click();
  await expect(editor.view).toHaveAttribute('data-mode', 'annotate');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const expected = `A ${body}\n\nIndeed. Near the end, ${NAME} spoke.\nLast line.`;
  const saved = await readSavedDocument(path.join(app.dataDir, 'Sample corpus'), title);
  expect(saved.text.length).toBe(expected.length);
  expect(saved.text).toBe(expected);
  const span = saved.spans.find((s) => s.label === 'actor')!;
  expect(span.text).toBe(NAME);
  expect(span.start).toBe(cpLength(expected.slice(0, expected.lastIndexOf(NAME))));
});
