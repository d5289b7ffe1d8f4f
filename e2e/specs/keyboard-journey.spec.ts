import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { readSavedDocument } from '../pages/EditorPage';
import type { Corpus, Document } from '../../shared/model/schema';

// Written for this test: one line, so the imported document is titled by it and its words are easy to count.
const TEXT = 'Governor Marta Volkova told reporters that 80 people were killed in the strike near Korvany.';

/**
 * From the moment the app is up: every pointer press (there must be none), and every element that
 * took focus without showing it (there must be none either).
 */
async function watchInput(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { pointerPresses: string[]; hiddenFocus: string[] };
    w.pointerPresses = [];
    w.hiddenFocus = [];
    for (const type of ['pointerdown', 'mousedown']) window.addEventListener(type, (e) => w.pointerPresses.push(`${type} ${String(e.isTrusted)} ${(e.target as HTMLElement).outerHTML.slice(0, 80)}`), true);
    window.addEventListener(
      'focusin',
      (e) => {
        const el = e.target as HTMLElement;
        const cs = getComputedStyle(el);
        const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1;
        if (!outline && cs.boxShadow === 'none') w.hiddenFocus.push(`${el.tagName.toLowerCase()}[${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.className}]`);
      },
      true,
    );
  });
}

/** Press Tab (or Shift+Tab) until focus is in `selector`, as a keyboard user looks for a control. */
async function tabTo(page: Page, selector: string, back = false): Promise<void> {
  const stops: string[] = [];
  for (let i = 0; i < 120; i++) {
    const at = await page.evaluate((sel) => {
      const el = document.activeElement as HTMLElement | null;
      return el?.closest(sel) ? null : `${el?.tagName.toLowerCase()}[${el?.dataset.testid ?? el?.getAttribute('aria-label') ?? ''}]`;
    }, selector);
    if (at === null) return;
    stops.push(at);
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${selector}; it went ${stops.join(' → ')}`);
}

async function press(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

test.use({ inPagePickers: true });
test.skip(({ app }) => app.host !== 'browser', 'the in-page pickers are the browser host’s; Electron has native dialogs');

test('keyboard only, no mouse: open a corpus, import, label, link, note, status, export, review two copies and finalize, focus always visible', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await watchInput(page);
  const saved = page.getByTestId('save-state');

  // who is annotating
  await tabTo(page, '[data-testid="annotator-name"]');
  await page.keyboard.type('alice');

  // open (make) a corpus: Ctrl+O asks for a folder in the page
  const corpusDir = testInfo.outputPath('Desk notes');
  await press(page, 'Control+o');
  await expect(page.getByTestId('path-prompt').getByTestId('prompt-input')).toBeFocused();
  await page.keyboard.type(corpusDir);
  await press(page, 'Enter');
  await expect(page.getByTestId('corpus-list')).toContainText('Desk notes');

  // import a file: Ctrl+I opens the browser's own file picker
  const file = testInfo.outputPath('governor.txt');
  await writeFile(file, `${TEXT}\n`);
  const chooser = page.waitForEvent('filechooser');
  await press(page, 'Control+i');
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('document-title')).toHaveText(TEXT);

  // label: into the text with Tab, then words by keys
  await tabTo(page, '[data-testid="document-view"]');
  await press(page, 'Control+Home');
  await press(page, 'Control+ArrowRight'); // "Marta"
  await press(page, 'Control+Shift+ArrowRight', 2);
  await press(page, '2'); // actor
  await press(page, 'Control+ArrowRight'); // "told"
  await press(page, 'Control+Shift+ArrowRight', 2);
  await press(page, '4'); // attribution
  await press(page, 'Control+ArrowRight', 2); // "80"
  await press(page, 'Control+Shift+ArrowRight', 9);
  await press(page, '1'); // claim
  const rows = page.getByTestId('span-row');
  await expect(rows).toHaveCount(3);

  // link the cue to its source and its content
  const selectedRow = page.locator('[data-testid="span-row"][aria-selected="true"]');
  await press(page, ',');
  await expect(selectedRow).toHaveAttribute('data-label', 'attribution');
  await press(page, 's');
  await press(page, ','); // the actor
  await press(page, 'Enter');
  await press(page, 'c');
  await press(page, '.'); // the claim
  await press(page, 'Enter');
  await expect(page.getByTestId('relation-arcs').locator('[data-relation-type]')).toHaveCount(2);

  // a note on the cue; Esc leaves the note box
  await press(page, 'n');
  await expect(page.getByTestId('details-note')).toBeFocused();
  await page.keyboard.type('Volkova speaks for the regional administration');
  await press(page, 'Escape');

  // status: the select takes the first letter of "done"
  await tabTo(page, '[data-testid="status-select"]');
  await press(page, 'd');
  await expect(page.getByTestId('status-select')).toHaveValue('done');
  await expect(saved).toHaveAttribute('data-state', 'saved');

  const doc = await readSavedDocument(corpusDir, TEXT);
  const by = (label: string) => doc.spans.find((s) => s.label === label)!;
  expect(doc.status).toBe('done');
  expect([by('actor').text, by('attribution').text, by('claim').text]).toEqual(['Marta Volkova', 'told reporters', '80 people were killed in the strike near Korvany']);
  expect(by('attribution').note).toBe('Volkova speaks for the regional administration');
  expect(doc.relations.map((r) => [r.type, r.from, r.to]).sort()).toEqual(
    [
      ['content', by('attribution').id, by('claim').id],
      ['source', by('attribution').id, by('actor').id],
    ].sort(),
  );

  // export: Ctrl+Shift+E, Tab to Export, Enter downloads
  await press(page, 'Control+Shift+E');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await tabTo(page, '[data-testid="export-run"]');
  const downloading = page.waitForEvent('download');
  await press(page, 'Enter');
  const download = await downloading;
  const aliceCopy = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(aliceCopy);
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  // a second annotator's copy of the same document: bob did not label the claim
  const exported = JSON.parse(await readFile(aliceCopy, 'utf8')) as Corpus;
  const bobDoc: Document = {
    ...exported.documents[0]!,
    spans: exported.documents[0]!.spans.filter((s) => s.label !== 'claim').map((s) => ({ ...s, annotator: 'bob', note: undefined })),
    relations: exported.documents[0]!.relations.filter((r) => r.type === 'source').map((r) => ({ ...r, annotator: 'bob' })),
  };
  const bobCopy = testInfo.outputPath('bob.spanmark.json');
  await writeFile(bobCopy, JSON.stringify({ ...exported, documents: [bobDoc] }));

  // review both copies: the Review tab by Tab and Enter, `o` asks for the copies
  await tabTo(page, '[data-testid="view-review"]');
  await press(page, 'Enter');
  await expect(page.getByTestId('review-view')).toBeVisible();
  await press(page, 'o');
  const prompt = page.getByTestId('path-prompt');
  await expect(prompt.getByTestId('prompt-input')).toBeFocused();
  await page.keyboard.type(aliceCopy);
  await press(page, 'Enter'); // a new line: one copy per line
  await page.keyboard.type(bobCopy);
  await tabTo(page, '[data-testid="path-prompt"] [data-testid="prompt-ok"]');
  await press(page, 'Enter');
  await expect(page.getByTestId('review-annotators')).toHaveText('alice, bob');

  await press(page, 'a'); // every agreed span and relation
  await expect(page.locator('[data-testid="candidate-row"][data-status="kept"]')).toHaveCount(2);
  // alice alone labelled the claim and linked it: keep both
  await press(page, '1');
  await press(page, '1');
  await expect(page.getByTestId('review-undecided')).toHaveText('all decided');
  await press(page, 'f');
  await expect(page.getByTestId('gold-saved')).toBeVisible();

  const goldName = (await readdir(path.dirname(aliceCopy))).find((n) => n.endsWith('— gold'))!;
  const goldDir = path.join(path.dirname(aliceCopy), goldName);
  const gold = await readSavedDocument(goldDir, TEXT);
  expect(gold.status).toBe('reviewed');
  expect(gold.spans.map((s) => [s.label, s.text, s.proposedBy?.join('+'), s.acceptedBy]).sort()).toEqual(
    [
      ['actor', 'Marta Volkova', 'alice+bob', 'alice'],
      ['attribution', 'told reporters', 'alice+bob', 'alice'],
      ['claim', '80 people were killed in the strike near Korvany', 'alice', 'alice'],
    ].sort(),
  );
  expect(gold.relations.map((r) => r.type).sort()).toEqual(['content', 'source']);

  const seen = await page.evaluate(() => {
    const w = window as unknown as { pointerPresses: string[]; hiddenFocus: string[] };
    return { pointerPresses: w.pointerPresses, hiddenFocus: w.hiddenFocus };
  });
  expect(seen.pointerPresses, 'the mouse was never used').toEqual([]);
  expect(seen.hiddenFocus, 'every focused element showed its focus').toEqual([]);
});
