import { writeFile } from 'node:fs/promises';
import { test, expect } from '../fixtures';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus, type Span } from '../../shared/model/schema';

const TEXT = 'The ministry said 62 soldiers died. Rebels claimed 80 were killed.';

function span(id: string, label: string, quote: string, annotator: string): Span {
  const start = TEXT.indexOf(quote); // ASCII text: UTF-16 and code points agree
  return { id, label, start, end: start + quote.length, text: quote, annotator, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}

function copy(annotator: string, spans: Span[]): Corpus {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'c1',
    name: 'copy',
    schema: DEFAULT_SCHEMA,
    guidelines: '',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    documents: [{ id: 'd1', title: 'Toll', source: {}, text: TEXT, status: 'done', spans, relations: [] }],
  };
}

test('claims & figures view lines up conflicting tolls from the sample sources', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('view-figures').click();
  const killed = page.locator('[data-testid="figure-row"][data-category="killed"]');
  await expect(killed).toHaveCount(3);
  await expect(killed.first()).toContainText('More than 60 soldiers');
  await expect(killed.filter({ hasText: '62 servicemen' })).toContainText('The Valdaran Defence Ministry');
  await expect(killed.filter({ hasText: 'up to 83' })).toContainText('Col. Teodor Rusk');
  // jumping to the source opens the document with the figure selected
  await killed.filter({ hasText: '62 servicemen' }).getByRole('button').click();
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toContainText('62 servicemen');
});

test('dashboard counts progress and labels; search jumps to a hit', async ({ app }) => {
  const { page } = app;
  await page.getByTestId('view-dashboard').click();
  await expect(page.locator('[data-testid="status-count"][data-status="done"]')).toHaveText('1');
  await expect(page.locator('[data-testid="label-count"][data-label="figure"]')).toHaveText('4');
  // each chart's numbers as a table, for screen readers: row headers name the bars
  const labels = page.getByRole('table', { name: 'Spans per label' });
  await expect(labels.getByRole('row', { name: 'figure 4' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Documents by status' }).getByRole('rowheader')).toHaveText(['todo', 'in progress', 'done', 'reviewed']);
  await page.getByTestId('view-search').click();
  await page.getByTestId('search-input').fill('ministry');
  await page.getByTestId('search-label').selectOption('claim');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(1);
  await hits.first().click();
  await expect(page.locator('[data-testid="span-row"][aria-selected="true"]')).toContainText('the ministry was hiding the true toll');
});

test('agreement between two annotator copies is shown per label', async ({ app }, testInfo) => {
  const a = testInfo.outputPath('alice.json');
  const b = testInfo.outputPath('bob.json');
  await writeFile(a, JSON.stringify(copy('alice', [span('a1', 'actor', 'The ministry', 'alice'), span('a2', 'figure', '62 soldiers', 'alice'), span('a3', 'figure', '80', 'alice')])));
  await writeFile(b, JSON.stringify(copy('bob', [span('b1', 'actor', 'The ministry', 'bob'), span('b2', 'figure', '62 soldiers', 'bob'), span('b3', 'actor', 'Rebels', 'bob')])));
  const { page } = app;
  await page.getByTestId('view-dashboard').click();
  await app.answerOpenDialog([a, b]);
  await page.getByTestId('agreement-open').click();
  // actor: alice 1, bob 2, 1 match → F1 = 2·1/(2·1+1+0) = 0.667; figure: 2 vs 1, 1 match → 0.667
  await expect(page.locator('[data-testid="agreement-row"][data-label="actor"] td').nth(1)).toHaveText('0.667');
  await expect(page.locator('[data-testid="agreement-row"][data-label="figure"] td').nth(1)).toHaveText('0.667');
  await expect(page.getByTestId('agreement')).toContainText('alice, bob');
  // per document: 4 matched of 6 spans → micro F1 = 2·2/(2·2+1+1) = 0.667
  await expect(page.getByTestId('agreement-document-row').first().locator('td').nth(1)).toHaveText('0.667');
  const csv = testInfo.outputPath('agreement.csv');
  await app.answerSaveDialog(csv);
  await page.getByTestId('agreement-csv').click();
  await expect(page.getByTestId('notice-info').first()).toContainText('agreement.csv');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile(csv, 'utf8')).toMatch(/actor/);
});
