import path from 'node:path';
import { test, expect } from '../fixtures';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';

const GOVERNOR = 'sample-vsa';
const MERIDIAN = 'sample-meridian';
const corpusDir = (dataDir: string) => path.join(dataDir, 'Sample corpus');

test('keyboard only: label actor, cue and claim, link source and content, add a note', async ({ app }) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };
  await press('Control+ArrowRight', 6); // caret to "Marta"
  await press('Control+Shift+ArrowRight', 2); // "Marta Volkova"
  await press('2');
  await press('Control+ArrowRight'); // "told"
  await press('Control+Shift+ArrowRight', 2); // "told reporters"
  await press('4');
  await press('Control+ArrowRight', 4); // "80"
  await press('Control+Shift+ArrowRight', 9); // "80 people … Korvany"
  await press('1');
  const editor = new EditorPage(page);
  await expect(editor.spanRows).toHaveCount(3);
  await press('.', 2); // the document's own key for the next span: the attribution
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toHaveAttribute('data-label', 'attribution');
  await press('s');
  await press(','); // back to the actor
  await press('Enter');
  await press('c');
  await press('.'); // on to the claim
  await press('Enter');
  await press('n');
  await page.keyboard.type('Governor speaks for the regional administration');
  await press('Tab'); // leaving the field saves the note
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const doc = await readSavedDocument(corpusDir(app.dataDir), GOVERNOR);
  const by = (label: string) => doc.spans.find((s) => s.label === label)!;
  expect(by('actor').text).toBe('Marta Volkova');
  expect(by('attribution').text).toBe('told reporters');
  expect(by('claim').text).toBe('80 people were killed in the strike near Korvany');
  expect(by('attribution').note).toBe('Governor speaks for the regional administration');
  expect(doc.relations.map((r) => [r.type, r.from, r.to]).sort()).toEqual(
    [
      ['content', by('attribution').id, by('claim').id],
      ['source', by('attribution').id, by('actor').id],
    ].sort(),
  );
  await expect(page.getByTestId('relation-arcs').locator('[data-relation-type]')).toHaveCount(2);
});

test('a source relation must point at an actor', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  await editor.spanRows.filter({ hasText: 'said in a statement' }).click();
  await page.keyboard.press('s');
  await editor.row('figure', '62 servicemen').click(); // a figure, not an actor
  await expect(page.getByTestId('notice-error')).toContainText('must point at actor');
  const doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.relations).toHaveLength(4);
});

test('deleting a span with relations asks first in the app’s own dialog, and undo brings both back', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  await editor.spanRows.filter({ hasText: 'said in a statement' }).click();
  // never the browser's window.confirm: the page would block and the question could not be themed
  page.on('dialog', (d) => {
    throw new Error(`unexpected browser dialog: ${d.message()}`);
  });
  const confirm = page.getByTestId('confirm-dialog');
  await page.keyboard.press('Delete');
  await expect(confirm).toContainText('This span has 2 relations');
  // the answer is one key away, and Esc says no
  await expect(confirm.getByTestId('prompt-ok')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(editor.spanRows).toHaveCount(8);
  await editor.spanRows.filter({ hasText: 'said in a statement' }).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Enter');
  await expect(editor.spanRows).toHaveCount(7);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  let doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.relations).toHaveLength(2);
  await page.keyboard.press('Control+z');
  await expect(editor.spanRows).toHaveCount(8);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.relations).toHaveLength(4);
});

test('a relabel that would break relations asks first: No keeps all, Yes relabels and removes them, undo brings both back', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  page.on('dialog', (d) => {
    throw new Error(`unexpected browser dialog: ${d.message()}`);
  });
  const actor = editor.spanRows.filter({ hasText: 'The Valdaran Defence Ministry' });
  const id = (await actor.getAttribute('data-span-id'))!;
  const confirm = page.getByTestId('confirm-dialog');
  const relationsOf = (doc: Awaited<ReturnType<typeof readSavedDocument>>) => doc.relations.filter((r) => r.from === id || r.to === id);

  // the ministry is the source of "said in a statement": as a claim it could not be one
  await actor.click();
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await expect(confirm).toContainText('As claim, this span no longer fits 1 source relation. Relabel and remove it?');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(actor).toHaveAttribute('data-label', 'actor');
  let doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans.find((s) => s.id === id)!.label).toBe('actor');
  expect(relationsOf(doc)).toHaveLength(1);

  await actor.click();
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Enter');
  const row = page.locator(`[data-testid="span-row"][data-span-id="${id}"]`);
  await expect(row).toHaveAttribute('data-label', 'claim');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans.find((s) => s.id === id)!.label).toBe('claim');
  expect(relationsOf(doc)).toHaveLength(0);
  expect(doc.relations).toHaveLength(3);

  // one undo step restores the label and the relation
  await page.keyboard.press('Control+z');
  await expect(row).toHaveAttribute('data-label', 'actor');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(relationsOf(doc)).toHaveLength(1);
  expect(doc.relations).toHaveLength(4);

  // a relabel that breaks nothing asks nothing
  const figure = editor.row('figure', '62 servicemen');
  const figureId = (await figure.getAttribute('data-span-id'))!;
  await figure.click();
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${figureId}"]`)).toHaveAttribute('data-label', 'claim');
  await expect(confirm).toBeHidden();
});

test('Shift+Alt+arrows move a span’s edges a word at a time, keeping its id and relations; undo moves them back', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  const row = editor.spanRows.filter({ hasText: 'said in a statement' });
  const id = (await row.getAttribute('data-span-id'))!;
  await row.click();
  const span = page.locator(`[data-testid="span-row"][data-span-id="${id}"] .span-text`);
  await page.keyboard.press('Shift+Alt+ArrowLeft'); // the end a word earlier
  await expect(span).toHaveText('said in a');
  await page.keyboard.press('Shift+Alt+ArrowUp'); // the start a word earlier
  await expect(span).toHaveText('Ministry said in a');
  await page.keyboard.press('Shift+Alt+ArrowDown'); // and back
  await page.keyboard.press('Shift+Alt+ArrowDown');
  await expect(span).toHaveText('in a');
  await page.keyboard.press('Shift+Alt+ArrowRight');
  await expect(span).toHaveText('in a statement');
  // the highlight in the text follows
  await expect(editor.view.locator('.sm-selected').first()).toHaveText(/^in/);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  let doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  const saved = doc.spans.find((s) => s.id === id)!;
  expect([...doc.text].slice(saved.start, saved.end).join('')).toBe('in a statement');
  expect(saved.text).toBe('in a statement');
  expect(doc.relations.filter((r) => r.from === id || r.to === id)).toHaveLength(2);

  // every move is one undo step
  for (let i = 0; i < 5; i++) await page.keyboard.press('Control+z');
  await expect(span).toHaveText('said in a statement');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans.find((s) => s.id === id)!.text).toBe('said in a statement');
});

test('figure attributes are pre-filled and editable', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  await new EditorPage(page).row('figure', '62 servicemen').click();
  await page.getByTestId('tab-details').click();
  await expect(page.getByTestId('attr-value')).toHaveValue('62');
  await expect(page.getByTestId('attr-counted')).toHaveValue('servicemen');
  await page.getByTestId('attr-counted').fill('soldiers');
  await page.getByTestId('details-note').click(); // blur commits
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans.find((s) => s.text === '62 servicemen')?.attributes?.counted).toBe('soldiers');
});

test('edit mode: deleting boilerplate keeps every span on its words; a fully deleted span can be undone', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const editor = new EditorPage(page);
  await page.getByTestId('mode-toggle').click();
  await expect(editor.view).toHaveAttribute('data-mode', 'edit');
  await editor.select('KORVANY, 14 March — ');
  await page.keyboard.press('Backspace');
  await editor.select(' Independent verification was not possible.');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  let doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.text.startsWith('A missile strike')).toBe(true);
  expect(doc.text).not.toContain('Independent verification');
  const cps = [...doc.text];
  for (const s of doc.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
  expect(doc.spans).toHaveLength(8);
  expect(doc.relations).toHaveLength(4);
  // now delete every word of one span: it goes, with its relations; undo brings it back
  await editor.select('said in a statement');
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('notice-info')).toContainText('removed');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans).toHaveLength(7);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('mode-toggle').click();
  await expect(editor.row('attribution', 'said in a statement')).toHaveCount(1);
  doc = await readSavedDocument(corpusDir(app.dataDir), MERIDIAN);
  expect(doc.spans).toHaveLength(8);
  expect(doc.relations).toHaveLength(4);
});

test('guidelines are editable, stored with the corpus, and open with g', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('g');
  await expect(page.getByTestId('guidelines-panel')).toContainText('who said what');
  await page.getByTestId('guidelines-edit').click();
  await page.getByTestId('guidelines-editor').fill('# House rules\nLabel every casualty figure.');
  await page.getByTestId('guidelines-save').click();
  await app.restart();
  await app.page.keyboard.press('g');
  await expect(app.page.getByTestId('guidelines-panel')).toContainText('Label every casualty figure.');
});

test('the shortcut sheet opens with ?', async ({ app }) => {
  await app.page.keyboard.press('?');
  await expect(app.page.getByTestId('shortcuts-dialog')).toContainText('Tab / Shift+Tab');
});

test('clicking the same spot again cycles through the spans stacked there', async ({ app }) => {
  const { page } = app;
  await app.openDocument(MERIDIAN);
  const nested = page.locator('[data-testid="document-view"] [data-labels="claim figure"]', { hasText: '62 servicemen' });
  const selected = page.locator('[data-testid="span-row"][aria-selected="true"]');
  await nested.click();
  await expect(selected).toHaveAttribute('data-label', 'figure');
  await nested.click();
  await expect(selected).toHaveAttribute('data-label', 'claim');
  await nested.click();
  await expect(selected).toHaveAttribute('data-label', 'figure');
});

test('export filters by label and annotator', async ({ app }, testInfo) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  await new EditorPage(page).label('Marta Volkova', '2');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const out = testInfo.outputPath('mine.json');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-annotators').fill('root, someone-else');
  await app.answerSaveDialog(out);
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('Exported');
  const { readFile } = await import('node:fs/promises');
  const corpus = JSON.parse(await readFile(out, 'utf8'));
  const spans = corpus.documents.flatMap((d: { spans: { text: string; annotator: string }[] }) => d.spans);
  expect(spans.map((s: { text: string }) => s.text)).toEqual(['Marta Volkova']);
});

test('ctrl+drag from a cue to an actor makes a source relation', async ({ app }) => {
  const { page } = app;
  await app.openDocument(GOVERNOR);
  const editor = new EditorPage(page);
  await editor.label('Marta Volkova', '2');
  await editor.label('told reporters', '4');
  const cue = editor.highlight('told reporters');
  const actor = editor.highlight('Marta Volkova');
  await page.keyboard.down('Control');
  await cue.hover();
  await page.mouse.down();
  await actor.hover();
  await page.mouse.up();
  await page.keyboard.up('Control');
  await expect(page.getByTestId('relation-arcs').locator('[data-relation-type="source"]')).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const doc = await readSavedDocument(corpusDir(app.dataDir), GOVERNOR);
  const id = (t: string) => doc.spans.find((s) => s.text === t)!.id;
  expect(doc.relations.map((r) => [r.type, r.from, r.to])).toEqual([['source', id('told reporters'), id('Marta Volkova')]]);
});

test('edit mode: deleting the first of two equal words leaves the span on the second', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill('Stutter');
  await page.getByTestId('paste-text').fill('Officials said the the strike killed 62 people.');
  await page.getByTestId('paste-create').click();
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toContainText('Officials said the the');
  const editor = new EditorPage(page);
  await editor.label('the strike killed 62 people', '1'); // starts at the second "the"
  await page.getByTestId('mode-toggle').click();
  await editor.select('the ', 0);
  await page.keyboard.press('Backspace');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.getByTestId('mode-toggle').click();
  const doc = await readSavedDocument(corpusDir(app.dataDir), 'Stutter');
  expect(doc.text).toBe('Officials said the strike killed 62 people.');
  expect(doc.spans.map((s) => s.text)).toEqual(['the strike killed 62 people']);
});

test('edit mode: typing is one undo step, and after undo the caret stays where the change was', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill('Caret');
  await page.getByTestId('paste-text').fill('Alpha beta gamma.');
  await page.getByTestId('paste-create').click();
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toContainText('Alpha beta gamma.');
  const editor = new EditorPage(page);
  await page.getByTestId('mode-toggle').click();
  await editor.select('gamma');
  await page.keyboard.type('delta');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await readSavedDocument(corpusDir(app.dataDir), 'Caret')).text).toBe('Alpha beta delta.');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await readSavedDocument(corpusDir(app.dataDir), 'Caret')).text).toBe('Alpha beta gamma.');
  await page.keyboard.type('X');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await readSavedDocument(corpusDir(app.dataDir), 'Caret')).text).toBe('Alpha beta Xgamma.');
});

test('keyboard only: Ctrl+E puts the caret where the word keys left it, and what is typed next lands there', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('paste-button').click();
  await page.getByTestId('paste-title').fill('Caret keys');
  await page.getByTestId('paste-text').fill('Alpha beta gamma.');
  await page.getByTestId('paste-create').click();
  await expect(page.locator('[data-testid="document-view"] [data-offset]').first()).toContainText('Alpha beta gamma.');
  await page.getByTestId('document-view').focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+ArrowRight'); // "beta"
  await page.keyboard.press('Control+ArrowRight'); // "gamma"
  await page.keyboard.press('Control+e');
  await expect(page.getByTestId('document-view')).toHaveAttribute('data-mode', 'edit');
  await page.keyboard.type('new ');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  // before the fix the focus stayed on the view's frame: the space scrolled and the letters went nowhere
  expect((await readSavedDocument(corpusDir(app.dataDir), 'Caret keys')).text).toBe('Alpha beta new gamma.');
});
