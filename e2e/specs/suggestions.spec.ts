import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { startFakeModelServer } from '../../main/services/suggest/fake-model-server';
import { EditorPage, readSavedDocument } from '../pages/EditorPage';
import { SuggestionsPage } from '../pages/SuggestionsPage';

// suggestions are opt-in (they would crowd a document the annotator has not asked for help on): switch them on as a user does
test.beforeEach(async ({ app }) => {
  await app.page.getByTestId('suggest-visible').check();
});

const corpusDir = (dataDir: string) => path.join(dataDir, 'Sample corpus');
// each test loads wink-nlp's model in a fresh page's worker: generous on a loaded machine, every wait is for a condition
test.describe.configure({ timeout: 180_000 });
let tmp: string;
test.beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-suggest-e2e-'));
});
test.afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Import a text file as a new document and open it. */
async function openText(app: Parameters<Parameters<typeof test>[2]>[0]['app'], name: string, text: string): Promise<void> {
  const file = path.join(tmp, `${name}.txt`);
  // a .txt is titled by its first line
  await writeFile(file, `${name}\n\n${text}`);
  await app.importFiles([file]);
  await expect(app.page.getByTestId('document-row').filter({ hasText: name })).toBeVisible();
  await app.openDocument(name);
}

async function saved(app: { page: import('@playwright/test').Page; dataDir: string }, title: string) {
  await expect(app.page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  return readSavedDocument(corpusDir(app.dataDir), title);
}

test('the Suggestions switch is a setting: it stays on, and off, across a restart', async ({ app }) => {
  // switched on by this file's beforeEach, as a user does
  await app.restart();
  await expect(app.page.getByTestId('suggest-visible')).toBeChecked();
  await app.page.getByTestId('suggest-visible').uncheck();
  await app.restart();
  await expect(app.page.getByTestId('suggest-visible')).not.toBeChecked();
});

test('label all occurrences: labelling one offers the others, any case and across a line break; one key accepts them', async ({ app }) => {
  const { page } = app;
  await openText(app, 'occurrences', 'Armed rebels held the bridge.\nBy noon ARMED REBELS had left, and the armed\nrebels came back. Unarmed rebels stayed.');
  const editor = new EditorPage(page);
  const sg = new SuggestionsPage(page);
  await editor.label('Armed rebels', '2');
  await expect(sg.outline('ARMED REBELS')).toBeVisible({ timeout: 90_000 });
  await expect(sg.outline('armed')).toHaveCount(2); // "armed" and "rebels" on two lines: one suggestion, two runs
  await sg.goTo('ARMED REBELS');
  await expect(sg.current).toContainText('repeats “Armed rebels”');
  await page.keyboard.press('Shift+A');
  await expect(editor.spanRows).toHaveCount(3);
  const doc = await saved(app, 'occurrences');
  expect(doc.spans.map((s) => [s.text, s.suggestedBy ?? null])).toEqual([
    ['Armed rebels', null],
    ['ARMED REBELS', 'occurrences'],
    ['armed\nrebels', 'occurrences'],
  ]);
});

test('Shift+Alt+A accepts the suggestions of a label on screen only; the rest stay offered', async ({ app }) => {
  const { page } = app;
  // far more paragraphs than a screen holds, each naming the same actor
  const text = Array.from({ length: 120 }, (_, i) => `Paragraph ${i + 1}: the Harbour Authority said the quay was closed again.`).join('\n\n');
  await openText(app, 'on-screen', text);
  const editor = new EditorPage(page);
  const sg = new SuggestionsPage(page);
  await editor.label('Harbour Authority', '2');
  await expect(sg.outline('Harbour Authority').first()).toBeVisible({ timeout: 90_000 });
  await page.keyboard.press('Shift+Alt+A');
  await expect.poll(async () => editor.spanRows.count()).toBeGreaterThan(1);
  const doc = await saved(app, 'on-screen');
  // the label of the span just labelled, and only what the screen shows of the 119 other mentions
  const accepted = doc.spans.filter((s) => s.suggestedBy);
  const mentions = accepted.filter((s) => s.text === 'Harbour Authority');
  expect(accepted.every((s) => s.label === 'actor')).toBe(true);
  expect(mentions.length).toBeGreaterThan(0);
  expect(mentions.length).toBeLessThan(60);
  // the ones below the screen are still offered (once the worker has recomputed), and Shift+A takes the rest
  await expect(page.getByTestId('suggest-accept-label-actor')).toContainText(`(${119 - mentions.length})`);
  await page.keyboard.press('Shift+A');
  await expect.poll(async () => (await saved(app, 'on-screen')).spans.filter((s) => s.text === 'Harbour Authority').length).toBe(120);
});

test('accept and reject by key, and undo both', async ({ app }) => {
  const { page } = app;
  await openText(app, 'figures', 'Rescuers found 62 survivors and 40 bodies near the dam.');
  const editor = new EditorPage(page);
  const sg = new SuggestionsPage(page);
  await sg.goTo('62 survivors');
  await page.keyboard.press('a');
  await expect(editor.row('figure', '62 survivors')).toBeVisible();
  await sg.goTo('40 bodies');
  await page.keyboard.press('x');
  await expect(sg.outline('40 bodies')).toHaveCount(0);
  let doc = await saved(app, 'figures');
  expect(doc.spans.map((s) => [s.text, s.suggestedBy])).toEqual([['62 survivors', 'figures']]);
  expect(doc.spans[0]!.attributes).toMatchObject({ value: 62, counted: 'survivors' });
  expect(doc.rejectedSuggestions).toHaveLength(1);
  // the rejection stays rejected after the suggestions are recomputed (labelling elsewhere recomputes them)
  await editor.label('dam', '2');
  await expect(editor.row('actor', 'dam')).toBeVisible();
  await expect(sg.outline('40 bodies')).toHaveCount(0);
  await page.keyboard.press('Control+z'); // the actor
  await page.keyboard.press('Control+z'); // the rejection
  await expect(sg.outline('40 bodies')).toBeVisible({ timeout: 90_000 });
  await page.keyboard.press('Control+z'); // the accepted figure
  await expect(editor.spanRows).toHaveCount(0);
  await expect(sg.outline('62 survivors')).toBeVisible({ timeout: 90_000 });
  doc = await saved(app, 'figures');
  expect(doc.spans).toEqual([]);
  expect(doc.rejectedSuggestions ?? []).toEqual([]);
});

test('patterns imported from a patterns.jsonl are suggested, stored with the corpus, and a click accepts one', async ({ app }) => {
  const { page } = app;
  await openText(app, 'patterns', 'Soldiers of the kesh border guard met the blue\nhelmets at dawn.');
  const patterns = path.join(tmp, 'team-patterns.jsonl');
  await writeFile(patterns, ['{"label": "actor", "pattern": [{"lower": "blue"}, {"lower": "helmets"}], "id": "un"}', '{"label": "actor", "pattern": "Kesh Border Guard"}', 'not json'].join('\n'));
  await page.getByTestId('suggest-settings').click();
  await page.getByTestId('suggest-patterns-file').setInputFiles(patterns);
  await expect(page.getByTestId('notice-error')).toContainText('team-patterns.jsonl:3: not valid JSON');
  const sg = new SuggestionsPage(page);
  const guard = sg.outline('kesh border guard');
  await expect(guard).toBeVisible({ timeout: 90_000 });
  await expect(guard).toHaveAttribute('title', /pattern Kesh Border Guard/);
  await guard.click();
  const editor = new EditorPage(page);
  await expect(editor.row('actor', 'kesh border guard')).toBeVisible();
  const doc = await saved(app, 'patterns');
  expect(doc.spans.map((s) => [s.text, s.suggestedBy])).toEqual([['kesh border guard', 'patterns']]);
  await expect(sg.outline('blue')).toHaveAttribute('title', /pattern un/);
  const manifest = JSON.parse(await readFile(path.join(corpusDir(app.dataDir), 'corpus.json'), 'utf8'));
  expect(manifest.suggest.patterns).toEqual([
    { label: 'actor', pattern: [{ lower: 'blue' }, { lower: 'helmets' }], id: 'un' },
    { label: 'actor', pattern: 'Kesh Border Guard' },
  ]);
});

test('a who-said-what triple is accepted at once: cue, actor, claim and both relations', async ({ app }) => {
  const { page } = app;
  await openText(app, 'triple', 'The Harbour Authority said in a statement that the storm sank 14 fishing boats.');
  const sg = new SuggestionsPage(page);
  await sg.goTo('said in a statement');
  await expect(sg.current).toContainText('who said what');
  await page.keyboard.press('a');
  const editor = new EditorPage(page);
  await expect(editor.spanRows).toHaveCount(3);
  const doc = await saved(app, 'triple');
  const by = (label: string) => doc.spans.find((s) => s.label === label)!;
  expect([by('actor').text, by('attribution').text, by('claim').text]).toEqual(['The Harbour Authority', 'said in a statement', 'the storm sank 14 fishing boats']);
  expect(doc.relations.map((r) => [r.type, r.from, r.to]).sort()).toEqual(
    [
      ['content', by('attribution').id, by('claim').id],
      ['source', by('attribution').id, by('actor').id],
    ].sort(),
  );
  await expect(page.getByTestId('relation-arcs').locator('[data-relation-type]')).toHaveCount(2);
});

test('the local model: off until turned on, then asked at its address only, its spans re-found in the text', async ({ app }) => {
  const { page } = app;
  const server = await startFakeModelServer(() => JSON.stringify({ spans: [{ label: 'actor', text: 'Harbour Guild' }, { label: 'claim', text: 'words that are not there' }] }));
  try {
    await openText(app, 'model', 'Members of the Harbour Guild voted to strike on Friday.');
    await page.getByTestId('suggest-settings').click();
    await expect(page.getByTestId('suggest-model-run')).toBeDisabled();
    await page.getByTestId('suggest-model-url').fill(server.url);
    await page.getByTestId('suggest-model-name').fill('test-model');
    await page.getByTestId('suggest-model-enabled').click();
    await expect(page.getByTestId('suggest-model-enabled')).toBeChecked();
    await page.getByTestId('suggest-model-run').click();
    await expect(page.getByTestId('notice-info').filter({ hasText: 'The local model' })).toContainText('suggested 1 span; 1 not found word for word in the text were dropped');
    expect(server.requests).toHaveLength(1);
    expect((server.requests[0]!.body as { model: string }).model).toBe('test-model');
    const sg = new SuggestionsPage(page);
    await sg.goTo('Harbour Guild');
    await expect(sg.current).toContainText('local model');
    await page.keyboard.press('a');
    const doc = await saved(app, 'model');
    expect(doc.spans.map((s) => [s.text, s.suggestedBy])).toEqual([['Harbour Guild', 'model']]);
    const manifest = JSON.parse(await readFile(path.join(corpusDir(app.dataDir), 'corpus.json'), 'utf8'));
    expect(manifest.suggest.localModel).toEqual({ enabled: true, url: server.url, model: 'test-model' });
  } finally {
    await server.close();
  }
});
