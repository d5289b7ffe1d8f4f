import { test, expect } from '../fixtures';

const MERIDIAN = 'sample-meridian';

test('the side panel resizes by its edge (mouse or arrows), folds away and back, is remembered, and leaves views it does not serve', async ({ app }) => {
  let { page } = app;
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.openDocument(MERIDIAN);
  const panel = page.getByTestId('side-panel');
  const edge = page.getByRole('separator', { name: 'Side panel width' });
  const docWidth = async () => (await page.getByTestId('document-view').boundingBox())!.width;
  const panelWidth = async () => Math.round((await panel.boundingBox())!.width);

  await expect(edge).toHaveAttribute('aria-valuenow', '340');
  // the keyboard: ← widens the panel (its edge moves left), → narrows it
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(edge).toHaveAttribute('aria-valuenow', '372');
  await page.keyboard.press('Home');
  await expect(edge).toHaveAttribute('aria-valuenow', '240');
  // at 1280 px the document keeps its room: the widest the panel goes is what leaves it 360 px
  await page.keyboard.press('End');
  await expect(edge).toHaveAttribute('aria-valuenow', String(1280 - 260 - 360));

  // the mouse: drag the edge 120 px to the right
  const box = (await edge.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + 200, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + 200, { steps: 3 });
  await page.mouse.up();
  await expect(edge).toHaveAttribute('aria-valuenow', String(1280 - 260 - 360 - 120));
  expect(Math.abs((await panelWidth()) - (1280 - 260 - 360 - 120))).toBeLessThanOrEqual(2);

  // fold it away: the document takes the room; `d` (Details) brings it back
  const before = await docWidth();
  await page.getByTestId('side-panel-toggle').click();
  await expect(panel).toHaveAttribute('data-collapsed', 'true');
  expect(await docWidth()).toBeGreaterThan(before + 200);
  await page.getByTestId('document-view').locator('[data-span-ids]').first().click();
  await page.keyboard.press('d');
  await expect(panel).toHaveAttribute('data-collapsed', 'false');
  await expect(page.getByTestId('tab-details')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('side-panel-toggle').click();
  await expect(panel).toHaveAttribute('data-collapsed', 'true');

  // remembered for this user
  await app.restart();
  page = app.page;
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByTestId('side-panel')).toHaveAttribute('data-collapsed', 'true');
  await page.getByTestId('side-panel-toggle').click();
  await expect(page.getByRole('separator', { name: 'Side panel width' })).toHaveAttribute('aria-valuenow', String(1280 - 260 - 360 - 120));

  // the Dashboard, Search and Review have no use for spans and details: the panel leaves them the room
  for (const view of ['view-dashboard', 'view-search', 'view-review']) {
    await page.getByTestId(view).click();
    await expect(page.getByTestId('side-panel')).toHaveCount(0);
  }
  await page.getByTestId('view-document').click();
  await expect(page.getByTestId('side-panel')).toBeVisible();
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
]) {
  test(`at ${size.width}×${size.height} the toolbar wraps a whole group at a time and the panel's tabs stay on one line`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(size);
    await app.openDocument(MERIDIAN);
    const split = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.toolbar .tool-group'), document.querySelector<HTMLElement>('.side-panel [role="tablist"]')!].flatMap((group) => {
        // on one line, every control overlaps every other vertically
        const boxes = [...group.children].map((c) => c.getBoundingClientRect()).filter((b) => b.height > 0);
        const broken = Math.max(...boxes.map((b) => b.top)) >= Math.min(...boxes.map((b) => b.bottom));
        return broken ? [group.getAttribute('aria-label') ?? group.className] : [];
      }),
    );
    expect(split, 'groups broken across lines').toEqual([]);
    // and nothing runs off the window's right edge
    const overflow = await page.evaluate((w) => [...document.querySelectorAll<HTMLElement>('.toolbar button, .toolbar select, .toolbar input, .side-panel [role="tab"]')].filter((el) => el.getBoundingClientRect().right > w).length, size.width);
    expect(overflow).toBe(0);
  });
}

test('the first save does not move the toolbar or the text: the save state keeps its width when it gains the time', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const saveState = page.getByTestId('save-state');
  await expect(saveState).toHaveText('Saved');
  const place = () => page.evaluate(() => ({ toolbar: document.querySelector('.toolbar')!.getBoundingClientRect().height, title: document.querySelector('[data-testid="document-title"]')!.getBoundingClientRect().top }));
  const before = await place();
  // a status change by keyboard is an edit that saves
  await page.getByTestId('status-select').focus();
  await page.keyboard.press('i');
  await expect(page.getByTestId('status-select')).toHaveValue('in_progress');
  await expect(saveState).toHaveText(/^Saved \d/);
  expect(await place()).toEqual(before);
});

test('a relation on the document’s first line draws its whole arc and its name inside the view', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  // "KORVANY, 14 March — A missile strike hit …": link "hit" to its source "A missile", by keyboard
  await page.locator('[data-testid="document-view"] [contenteditable]').focus();
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };
  await press('Control+Home');
  await press('Control+ArrowRight', 3);
  await press('Control+Shift+ArrowRight', 2);
  await press('2');
  await press('Control+ArrowRight', 2);
  await press('Control+Shift+ArrowRight');
  await press('4');
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"] .span-text')).toHaveText('hit');
  await press('s');
  await press(',');
  await press('Enter');
  const arc = page.locator('[data-testid="relation-arcs"] [data-relation-type="source"]').first();
  await expect(page.locator('[data-testid="relation-arcs"] [data-relation-type="source"]')).toHaveCount(3);
  await page.getByTestId('document-view').evaluate((el) => el.scrollTo({ top: 0 }));
  // the first source arc in document order is the new one, on the first line
  const clipped = await page.evaluate(() => {
    const view = document.querySelector<HTMLElement>('[data-testid="document-view"]')!;
    const top = view.getBoundingClientRect().top + view.clientTop;
    const arcs = [...document.querySelectorAll<SVGGElement>('[data-testid="relation-arcs"] [data-relation-type="source"]')];
    const first = arcs.reduce((a, b) => (b.getBoundingClientRect().top < a.getBoundingClientRect().top ? b : a));
    return top - first.getBoundingClientRect().top;
  });
  expect(clipped, 'pixels of the arc above the view’s top edge').toBeLessThanOrEqual(0);
  await expect(arc).toBeVisible();
});
