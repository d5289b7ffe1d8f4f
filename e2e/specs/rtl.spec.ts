import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { readSavedDocument } from '../pages/EditorPage';

// Written for these tests (a fictional strike, as in the sample corpus): an Arabic wire story, and an
// English one quoting Arabic, with digits inside right-to-left text.
const ARABIC_TITLE = 'ضربة قرب كورفاني: الوزارة تعلن حصيلة جديدة';
const ARABIC = [
  'قالت وزارة الدفاع في بيان إن الضربة أسفرت عن مقتل 62 جنديا وإصابة 100 آخرين قرب كورفاني.',
  'ونقلت وكالة الأنباء المحلية عن شهود أن عدد القتلى تجاوز 80 شخصا.',
  'ولم يتسن التحقق من هذه الأرقام بشكل مستقل.',
].join('\n');
const MIXED = [
  'Reuters quoted the governor, Marta Volkova, as saying 80 people were killed.',
  'وقال المحافظ إن 100 آخرين نقلوا إلى المستشفى، بحسب Meridian Post.',
  'The ministry put the toll at 62 (٦٢ in its Arabic statement).',
].join('\n');

const corpusDir = (dataDir: string): string => path.join(dataDir, 'Sample corpus');

async function pasteDocument(page: Page, title: string, text: string): Promise<void> {
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill(title);
  await page.getByTestId('paste-text').fill(text);
  await page.getByTestId('paste-create').click();
  await expect(page.getByTestId('document-title')).toHaveText(title);
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toBeVisible();
}

/**
 * A real mouse drag from the middle of one character to the middle of another (both given by their
 * offset in the text), wherever the bidi algorithm has put them on screen.
 */
async function dragBetween(page: Page, fromOffset: number, toOffset: number): Promise<void> {
  const centre = (offset: number) =>
    page.evaluate((at) => {
      const runs = [...document.querySelectorAll<HTMLElement>('[data-testid="document-view"] [data-offset]')];
      const run = runs.filter((r) => Number(r.dataset.offset) <= at).at(-1)!;
      const node = run.firstChild!;
      const range = document.createRange();
      const i = at - Number(run.dataset.offset);
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, offset);
  const a = await centre(fromOffset);
  const b = await centre(toOffset);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x, b.y, { steps: 4 });
  await page.mouse.up();
}

async function spanOnDisk(dataDir: string, title: string, text: string) {
  const saved = await readSavedDocument(corpusDir(dataDir), title);
  const span = saved.spans.find((s) => s.text === text);
  expect(span, `a span "${text}" in ${JSON.stringify(saved.spans.map((s) => s.text))}`).toBeDefined();
  // offsets are code points; the stored text is what they cut out of the document
  expect([...saved.text].slice(span!.start, span!.end).join('')).toBe(text);
  return span!;
}

async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

const direction = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => getComputedStyle(el).direction));

test('an Arabic article reads right to left and labels by keyboard and mouse, offsets right on disk', async ({ app }) => {
  const { page } = app;
  await pasteDocument(page, ARABIC_TITLE, ARABIC);
  // every paragraph and the title take their direction from their text
  await expect(page.getByTestId('document-title')).toHaveAttribute('dir', 'auto');
  expect(await direction(page, '[data-testid="document-title"]')).toEqual(['rtl']);
  expect(await direction(page, '[data-testid="document-view"] .sm-p')).toEqual(['rtl', 'rtl', 'rtl']);
  await expect(page.locator(`[data-testid="document-row"] .doc-row-title`, { hasText: ARABIC_TITLE })).toHaveAttribute('dir', 'auto');

  // keyboard: from the start of the first paragraph (its right edge), Ctrl+Shift+← grows by a word to the
  // left — forwards in the text — and Ctrl+Shift+→ gives the last word back
  await page.locator('[data-testid="document-view"] [contenteditable]').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(page.locator('[data-testid="span-row"][data-label="actor"]')).toHaveText(/قالت وزارة/);
  await waitSaved(page);
  const actor = await spanOnDisk(app.dataDir, ARABIC_TITLE, 'قالت وزارة');
  expect(actor).toMatchObject({ label: 'actor', start: 0, end: 10 });

  // mouse: a drag from inside "100" to inside the Arabic word after it keeps the digits
  const figure = '100 آخرين';
  const at = ARABIC.indexOf(figure);
  await dragBetween(page, at + 1, at + figure.length - 2);
  await page.keyboard.press('3');
  const row = page.locator('[data-testid="span-row"][data-label="figure"]');
  await expect(row).toHaveText(new RegExp(figure));
  // the row shows the number on the side the text puts it: its direction comes from the Arabic
  expect(await direction(page, '[data-testid="span-row"][data-label="figure"] .span-text')).toEqual(['rtl']);
  await waitSaved(page);
  await page.screenshot({ path: 'reports/screens/arabic.png' });
  expect(await spanOnDisk(app.dataDir, ARABIC_TITLE, figure)).toMatchObject({ label: 'figure', start: at, end: at + figure.length });
});

test('a mixed English/Arabic article: each paragraph keeps its direction, and both label correctly', async ({ app }) => {
  const { page } = app;
  const file = path.join(app.dataDir, 'mixed wire copy.txt');
  await writeFile(file, MIXED, 'utf8');
  await app.importFiles([file]);
  // a plain-text file is titled by its first line
  const title = MIXED.split('\n')[0]!;
  await app.openDocument(title);
  expect(await direction(page, '[data-testid="document-view"] .sm-p')).toEqual(['ltr', 'rtl', 'ltr']);

  // keyboard, English paragraph: → grows forwards
  await page.locator('[data-testid="document-view"] [contenteditable]').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('2');
  await expect(page.locator('[data-testid="span-row"][data-label="actor"]')).toHaveText(/Reuters/);

  // keyboard, Arabic paragraph: the next sentence starts it; ← grows forwards there
  await page.locator('[data-testid="document-view"] [contenteditable]').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+Shift+ArrowLeft');
  await page.keyboard.press('4');
  await expect(page.locator('[data-testid="span-row"][data-label="attribution"]')).toHaveText(/وقال/);

  // mouse, across digits and Arabic letters
  const figure = '100 آخرين';
  const at = MIXED.indexOf(figure);
  await dragBetween(page, at + 1, at + figure.length - 2);
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid="span-row"][data-label="figure"]')).toHaveText(new RegExp(figure));

  await waitSaved(page);
  expect(await spanOnDisk(app.dataDir, title, 'Reuters')).toMatchObject({ label: 'actor', start: 0, end: 7 });
  const cue = MIXED.indexOf('وقال');
  expect(await spanOnDisk(app.dataDir, title, 'وقال')).toMatchObject({ label: 'attribution', start: cue, end: cue + 4 });
  expect(await spanOnDisk(app.dataDir, title, figure)).toMatchObject({ label: 'figure', start: at, end: at + figure.length });
});

test('a short Arabic title sits at the right of its row in the corpus list and in the Recent list', async ({ app }) => {
  const { page } = app;
  const title = 'بيان قصير';
  await pasteDocument(page, title, ARABIC);
  // a second document opened makes the first one a recent one
  await pasteDocument(page, 'A short English note', MIXED);
  await expect(page.getByTestId('recent-document').filter({ hasText: title })).toHaveCount(1);
  /** the title's direction, its alignment, and the empty room left and right of its text inside the row */
  const placement = (selector: string) =>
    page.locator(selector).evaluate((el) => {
      const style = getComputedStyle(el);
      const range = document.createRange();
      range.selectNodeContents(el);
      const text = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return {
        direction: style.direction,
        textAlign: style.textAlign,
        left: text.left - box.left - parseFloat(style.paddingLeft),
        right: box.right - parseFloat(style.paddingRight) - text.right,
      };
    });
  for (const selector of [
    `[data-testid="document-row"]:has-text("${title}") .doc-row-title`,
    `[data-testid="recent-document"]:has-text("${title}") [dir="auto"]`,
  ]) {
    const p = await placement(selector);
    expect(p, selector).toMatchObject({ direction: 'rtl', textAlign: 'start' });
    // right-aligned: no room on the right, room on the left
    expect(p.right, selector).toBeLessThan(2);
    expect(p.left, selector).toBeGreaterThan(20);
  }
  // an English title still sits at the left
  const english = await placement(`[data-testid="document-row"]:has-text("A short English note") .doc-row-title`);
  expect(english).toMatchObject({ direction: 'ltr' });
  expect(english.left).toBeLessThan(2);
});
