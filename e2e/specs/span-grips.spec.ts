import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { generateText } from '../../bench/generate';
import { cpLength } from '../../shared/text/offsets';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const MERIDIAN = 'sample-meridian';
const corpusDir = (dataDir: string): string => path.join(dataDir, 'Sample corpus');

/** The centre of the character at UTF-16 `offset` of the text, wherever the view has put it on screen. */
const charCentre = (page: Page, offset: number) =>
  page.evaluate((at) => {
    const runs = [...document.querySelectorAll<HTMLElement>('[data-testid="document-view"] [data-offset]')];
    const run = runs.filter((r) => Number(r.dataset.offset) <= at).at(-1)!;
    const range = document.createRange();
    const i = at - Number(run.dataset.offset);
    range.setStart(run.firstChild!, i);
    range.setEnd(run.firstChild!, i + 1);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, offset);

/** The box of the character at UTF-16 `offset`. */
const charBox = (page: Page, offset: number) =>
  page.evaluate((at) => {
    const run = [...document.querySelectorAll<HTMLElement>('[data-testid="document-view"] [data-offset]')].filter((r) => Number(r.dataset.offset) <= at).at(-1)!;
    const range = document.createRange();
    range.setStart(run.firstChild!, at - Number(run.dataset.offset));
    range.setEnd(run.firstChild!, at - Number(run.dataset.offset) + 1);
    const r = range.getBoundingClientRect();
    return { left: r.left, right: r.right };
  }, offset);

async function gripCentre(page: Page, edge: 'start' | 'end') {
  const box = (await page.getByTestId(`span-grip-${edge}`).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Press on a grip and move the mouse, in steps as a hand does, to the middle of the character at `offset`; `release` ends the drag. */
async function dragGrip(page: Page, edge: 'start' | 'end', offset: number, release = true): Promise<void> {
  const from = await gripCentre(page, edge);
  const to = await charCentre(page, offset);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  if (release) await page.mouse.up();
}

const savedState = (page: Page) => expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

test('dragging the end grip two words right moves the span’s end on disk, keeping its id and relations; undo puts it back', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  const row = editor.spanRows.filter({ hasText: 'said in a statement' });
  const id = (await row.getAttribute('data-span-id'))!;
  // grips belong to the selected span only
  await expect(page.getByTestId('span-grip-end')).toHaveCount(0);
  await row.click();
  await expect(page.getByTestId('span-grip-start')).toBeVisible();
  await expect(page.getByTestId('span-grip-end')).toHaveAccessibleName(/Drag to move the end of “said in a statement”/);

  const before = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  // into the middle of "the", two words after the span's end ("that the")
  const target = before.text.indexOf('statement that the strike') + 'statement that t'.length;
  await dragGrip(page, 'end', target);
  const span = page.locator(`[data-testid="span-row"][data-span-id="${id}"] .span-text`);
  await expect(span).toHaveText('said in a statement that the');
  // the grip followed the new end
  const end = await gripCentre(page, 'end');
  const afterThe = await charCentre(page, target + 1);
  expect(Math.abs(end.x - (afterThe.x + 4))).toBeLessThan(12);

  await savedState(page);
  let doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  const moved = doc.spans.find((s) => s.id === id)!;
  const cps = [...doc.text];
  const start = cps.join('').indexOf('said in a statement'); // no astral characters before it: code points = UTF-16 here
  expect(moved).toMatchObject({ start, end: start + 'said in a statement that the'.length, text: 'said in a statement that the' });
  expect(cps.slice(moved.start, moved.end).join('')).toBe('said in a statement that the');
  expect(doc.spans).toHaveLength(before.spans.length);
  expect(doc.relations.filter((r) => r.from === id || r.to === id)).toHaveLength(2);

  // one undo step
  await page.keyboard.press('Control+z');
  await expect(span).toHaveText('said in a statement');
  await savedState(page);
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans.find((s) => s.id === id)).toMatchObject({ start, end: start + 'said in a statement'.length, text: 'said in a statement' });

  // zoom re-lays the text out without resizing the view: the grips and the relation arcs follow the text
  await page.keyboard.press('Control+=');
  await page.keyboard.press('Control+=');
  await expect(page.getByTestId('zoom-level')).toHaveText('125%');
  const lastChar = start + 'said in a statement'.length - 1;
  await expect.poll(async () => Math.abs((await gripCentre(page, 'end')).x - (await charBox(page, lastChar)).right)).toBeLessThan(3);
  const arcStart = () =>
    page.evaluate((from) => {
      const svg = document.querySelector<SVGSVGElement>('[data-testid="relation-arcs"]')!;
      const path = svg.querySelector<SVGPathElement>(`[data-relation-type="source"] path`)!;
      const p = path.getPointAtLength(0);
      const box = svg.getBoundingClientRect();
      const run = document.querySelector<HTMLElement>(`[data-span-ids~="${from}"]`)!.getBoundingClientRect();
      return Math.abs(box.left + p.x - (run.left + run.width / 2)) + Math.abs(box.top + p.y - run.top - 2);
    }, id);
  await expect.poll(arcStart).toBeLessThan(3);
  // when the claim's first run wraps, its arc lands on the run's first line, not between the lines
  const arcEnd = () =>
    page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('[data-testid="relation-arcs"]')!;
      const path = svg.querySelector<SVGPathElement>(`[data-relation-type="content"] path`)!;
      const p = path.getPointAtLength(path.getTotalLength());
      const box = svg.getBoundingClientRect();
      const run = document.querySelector<HTMLElement>('[data-labels~="claim"]')!;
      const line = run.getClientRects()[0]!;
      return { x: box.left + p.x - line.left, width: line.width, lines: run.getClientRects().length };
    });
  // larger text until that run wraps (where depends on the fonts; 150% at 1440 px wide here)
  for (let i = 0; i < 6 && (await arcEnd()).lines < 2; i++) await page.keyboard.press('Control+=');
  expect((await arcEnd()).lines).toBeGreaterThan(1);
  await expect.poll(async () => {
    const e = await arcEnd();
    return e.x > 0 && e.x < e.width;
  }).toBe(true);
});

test('Esc during a drag cancels it, and a start dragged past the end never empties or inverts the span', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  const row = editor.spanRows.filter({ hasText: 'said in a statement' });
  const id = (await row.getAttribute('data-span-id'))!;
  await row.click();
  const span = page.locator(`[data-testid="span-row"][data-span-id="${id}"] .span-text`);
  const doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);

  // the start pulled back over "Defence Ministry", then Esc before the mouse is released
  await dragGrip(page, 'start', doc.text.indexOf('Defence') + 2, false);
  await expect(page.getByTestId('document-view')).toHaveClass(/span-dragging/);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(page.getByTestId('document-view')).not.toHaveClass(/span-dragging/);
  await expect(span).toHaveText('said in a statement');
  // Esc cancelled the drag only: the span stays selected, its grips where they were
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('span-grip-start')).toBeVisible();

  // the start dragged far past the end: the span keeps at least a word, and its end stays
  await dragGrip(page, 'start', doc.text.indexOf('servicemen') + 3);
  await expect(span).toHaveText(/^(said in a statement|in a statement|a statement|statement)$/);
  await savedState(page);
  const saved = (await readSavedDocument(corpusDir(app.dataDir), MERIDIAN)).spans.find((s) => s.id === id)!;
  expect(saved.end).toBe(doc.text.indexOf('said in a statement') + 'said in a statement'.length);
  expect(saved.start).toBeLessThan(saved.end);
});

test('a grip dragged into the next paragraph carries the span across the paragraph break', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  const row = editor.row('figure', '40 others');
  const id = (await row.getAttribute('data-span-id'))!;
  await row.click();
  const doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  // "40 others, calling it …" ends its paragraph; "Residents described …" starts the one after the blank line
  await dragGrip(page, 'end', doc.text.indexOf('Residents described') + 'Residents desc'.length);
  const expected = doc.text.slice(doc.text.indexOf('40 others'), doc.text.indexOf('Residents described') + 'Residents described'.length);
  expect(expected).toContain('\n\n');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => (await readSavedDocument(corpusDir(app.dataDir), MERIDIAN)).spans.find((s) => s.id === id)!.text).toBe(expected);
  // the highlight runs on in the next paragraph
  await expect(page.locator(`[data-testid="document-view"] .sm-p`).filter({ hasText: 'Residents' }).locator(`[data-span-ids~="${id}"]`)).toHaveText('Residents described');
});

test('in Arabic the grips sit mirrored, and the end grip dragged one word on (leftwards) takes that word', async ({ app }) => {
  const { page } = app;
  // written for this test: a fictional strike, as in the sample corpus
  const title = 'بيان الوزارة';
  const text = 'قالت وزارة الدفاع في بيان إن الضربة أسفرت عن مقتل 62 جنديا.';
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill(title);
  await page.getByTestId('paste-text').fill(text);
  await page.getByTestId('paste-create').click();
  await expect(page.getByTestId('document-title')).toHaveText(title);
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toBeVisible();

  // label "وزارة الدفاع" by mouse: from inside its first word to inside its last
  const actor = 'وزارة الدفاع';
  const at = text.indexOf(actor);
  const a = await charCentre(page, at + 1);
  const b = await charCentre(page, at + actor.length - 2);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('2');
  const row = page.locator('[data-testid="span-row"][data-label="actor"]');
  await expect(row).toHaveText(new RegExp(actor));
  await expect(row).toHaveAttribute('aria-selected', 'true');

  // right to left: the start is the right-hand grip
  const start = await gripCentre(page, 'start');
  const end = await gripCentre(page, 'end');
  expect(start.x).toBeGreaterThan(end.x);
  expect(start.x).toBeGreaterThan((await charCentre(page, at)).x);
  expect(end.x).toBeLessThan((await charCentre(page, at + actor.length - 1)).x);

  // a number inside the Arabic span is laid out left to right: the grips still sit at the span's outer edges
  const figure = '62 جنديا';
  const f = text.indexOf(figure);
  const digitsRight = await page.evaluate((at) => {
    const run = [...document.querySelectorAll<HTMLElement>('[data-testid="document-view"] [data-offset]')].filter((r) => Number(r.dataset.offset) <= at).at(-1)!;
    const range = document.createRange();
    range.setStart(run.firstChild!, at - Number(run.dataset.offset));
    range.setEnd(run.firstChild!, at - Number(run.dataset.offset) + 2);
    return range.getBoundingClientRect().right;
  }, f);
  const p = await charCentre(page, f + 1);
  const q = await charCentre(page, f + figure.length - 2);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
  await page.mouse.move(q.x, q.y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('3');
  await expect(page.locator('[data-testid="span-row"][data-label="figure"]')).toHaveAttribute('aria-selected', 'true');
  expect(Math.abs((await gripCentre(page, 'start')).x - digitsRight)).toBeLessThan(3);
  expect((await gripCentre(page, 'end')).x).toBeLessThan((await charCentre(page, f + figure.length - 1)).x);
  await row.click();
  await expect(page.getByTestId('span-grip-end')).toBeVisible();

  await dragGrip(page, 'end', text.indexOf('في') + 1);
  await expect(row.locator('.span-text')).toHaveText(`${actor} في`);
  await savedState(page);
  const saved = (await readSavedDocument(corpusDir(app.dataDir), title)).spans.find((s) => s.label === 'actor')!;
  expect(saved).toMatchObject({ start: at, end: at + `${actor} في`.length, text: `${actor} في` });
});

test('the end grip held below the view scrolls it, and the span’s end reaches text that was not on screen', async ({ app }) => {
  test.setTimeout(90_000);
  const { page } = app;
  const name = 'Zenobia Quillfeather';
  const title = 'Long statement';
  const text = `Opening words by ${name} at the hearing.\n\n${generateText(40_000, 5)}`;
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill(title);
  await page.getByTestId('paste-text').fill(text);
  await page.getByTestId('paste-create').click();
  await expect(page.getByTestId('document-title')).toHaveText(title);
  const editor = new EditorPage(page);
  await editor.label(name, '2');
  const row = editor.row('actor', name);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('span-grip-end')).toBeVisible();

  const view = editor.view;
  const box = (await view.boundingBox())!;
  // the last UTF-16 offset drawn above the view's bottom edge before the drag
  const onScreenEnd = await view.evaluate((frame) => {
    const bottom = frame.getBoundingClientRect().bottom;
    const runs = [...frame.querySelectorAll<HTMLElement>('[data-offset]')].filter((r) => r.getBoundingClientRect().top < bottom);
    return Math.max(...runs.map((r) => Number(r.dataset.offset) + (r.textContent ?? '').length));
  });
  expect(onScreenEnd).toBeLessThan(text.length / 4);

  const from = await gripCentre(page, 'end');
  // the view reaches the window's bottom: the pointer leaves the window, as a held mouse may
  const below = box.y + box.height + 40;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, below, { steps: 8 });
  // held still past the edge, the view keeps scrolling by itself
  const scrolled = () => view.evaluate((el) => el.scrollTop);
  await expect.poll(scrolled, { timeout: 20_000 }).toBeGreaterThan(box.height * 2);
  await page.mouse.up();
  const stopped = await scrolled();
  await expect(page.getByTestId('document-view')).not.toHaveClass(/span-dragging/);
  // released: the scrolling stops
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
  expect(await scrolled()).toBe(stopped);

  await savedState(page);
  await expect
    .poll(async () => (await readSavedDocument(corpusDir(app.dataDir), title)).spans.find((s) => s.label === 'actor')!.end, { timeout: 10_000 })
    .toBeGreaterThan(cpLength(text.slice(0, onScreenEnd)));
  const span = (await readSavedDocument(corpusDir(app.dataDir), title)).spans.find((s) => s.label === 'actor')!;
  expect(span.start).toBe(text.indexOf(name));
  expect(span.text.startsWith(`${name} at the hearing.`)).toBe(true);
});
