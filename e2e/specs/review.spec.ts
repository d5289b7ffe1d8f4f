import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect } from '../fixtures';
import { ReviewPage } from '../pages/ReviewPage';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document, type Relation, type Span } from '../../shared/model/schema';

const TEXT = 'The ministry said 62 soldiers died. Rebels claimed 80 were killed.';
const T = '2026-01-01T00:00:00Z';

function span(id: string, label: string, quote: string, annotator: string): Span {
  const start = TEXT.indexOf(quote); // ASCII text: UTF-16 and code points agree
  return { id, label, start, end: start + quote.length, text: quote, annotator, createdAt: T, updatedAt: T };
}

function copy(annotator: string, spans: Span[], relations: Relation[]): Corpus {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: 'c1',
    name: 'Toll study',
    schema: DEFAULT_SCHEMA,
    guidelines: '',
    createdAt: T,
    updatedAt: T,
    documents: [
      { id: 'd1', title: 'Toll', source: {}, text: TEXT, status: 'done', spans, relations },
      { id: 'd2', title: 'Quiet day', source: {}, text: 'Nothing happened.', status: 'done', spans: [], relations: [] },
    ],
  };
}

test('review: accept agreed spans, settle each disagreement from the keyboard, write gold', async ({ app }) => {
  const dir = path.join(app.dataDir, 'copies');
  await mkdir(dir, { recursive: true });
  const alice = path.join(dir, 'alice.json');
  const bob = path.join(dir, 'bob.json');
  // agreed: the ministry, said, the claim about 62 and its source relation
  const shared = (who: string, p: string) => [span(`${p}1`, 'actor', 'The ministry', who), span(`${p}2`, 'attribution', 'said', who), span(`${p}3`, 'claim', '62 soldiers died', who)];
  const source = (who: string, p: string): Relation => ({ id: `${p}r`, type: 'source', from: `${p}2`, to: `${p}1`, annotator: who });
  await writeFile(
    alice,
    JSON.stringify(copy('alice', [...shared('alice', 'a'), span('a4', 'figure', '62 soldiers', 'alice'), span('a5', 'claim', 'Rebels', 'alice'), span('a6', 'claim', '80 were killed', 'alice')], [source('alice', 'a')])),
  );
  await writeFile(
    bob,
    JSON.stringify(copy('bob', [...shared('bob', 'b'), span('b4', 'figure', '62', 'bob'), span('b5', 'claim', '80 were killed.', 'bob'), span('b6', 'figure', '80', 'bob')], [source('bob', 'b')])),
  );

  const { page } = app;
  await page.getByTestId('annotator-name').fill('rita');
  const review = new ReviewPage(page);
  await review.open();
  await app.answerOpenDialog([alice, bob]);
  await page.getByTestId('review-open').click();

  const toll = page.locator('[data-testid="review-doc-row"][data-key="d1"]');
  await expect(toll.getByTestId('review-agreed-count')).toHaveText('3 agreed');
  await expect(toll.getByTestId('review-disputed-count')).toHaveText('6 disputed');
  await expect(page.getByTestId('review-annotators')).toHaveText('alice, bob');
  await expect(page.getByTestId('review-document')).toHaveAttribute('data-key', 'd1');
  await expect(review.candidates).toHaveCount(9);
  // disagreements are drawn distinctly in the text
  // the same document view as annotating, with candidate states drawn through its decorations
  await expect(page.locator('[data-testid="review-text"] .sm-hl.rv-disputed').first()).toBeVisible();
  await expect(page.locator('[data-testid="review-text"] [data-span-ids~="13:17:attribution"]')).toHaveClass(/rv-agreed/);
  await expect(page.getByTestId('review-text').locator('[data-relation-type="source"]')).toHaveCount(1);

  // a: every agreed span into gold
  await review.press('a');
  await expect(page.locator('[data-testid="candidate-row"][data-status="kept"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="candidate-row"][data-status="disputed"]')).toHaveCount(6);

  // the first disagreement: alice's "62 soldiers" against bob's "62" — keep alice's
  await expect(review.current()).toContainText('“62 soldiers”');
  await review.press('1');
  await expect(review.candidate('figure', '62 soldiers')).toHaveAttribute('data-status', 'kept');
  await expect(review.candidate('figure', '62')).toHaveAttribute('data-status', 'rejected');

  // alice alone labelled "Rebels", as a claim: keep it, step back, and fix its label to actor
  await expect(review.current()).toContainText('“Rebels”');
  await review.press('1', 'k');
  await expect(review.current()).toContainText('“Rebels”');
  await review.press('e');
  await expect(page.getByTestId('gold-label-select')).toBeFocused();
  await review.press('2'); // actor's key
  await expect(review.candidate('claim', 'Rebels')).toContainText('→ actor');

  // the claim about 80, with and without the full stop: keep both readings
  await review.press('j');
  await expect(review.current()).toContainText('“80 were killed.”');
  await review.press('2');
  await expect(review.candidate('claim', '80 were killed.')).toHaveAttribute('data-status', 'kept');
  await expect(review.candidate('claim', '80 were killed')).toHaveAttribute('data-status', 'kept');

  // bob's figure "80": keep neither (x), undo, then 0 does the same
  await expect(review.current()).toContainText('“80”');
  await review.press('x');
  await expect(review.candidate('figure', '80')).toHaveAttribute('data-status', 'rejected');
  await review.press('u');
  await expect(review.candidate('figure', '80')).toHaveAttribute('data-status', 'disputed');
  await review.press('0');
  await expect(review.candidate('figure', '80')).toHaveAttribute('data-status', 'rejected');
  await expect(page.getByTestId('review-undecided')).toHaveText('all decided');

  await review.press('Enter');
  const saved = page.getByTestId('gold-saved');
  await expect(saved).toBeVisible();
  const goldDir = path.join(dir, 'Toll study — gold');
  await expect(saved).toContainText(goldDir);
  await expect(toll).toHaveAttribute('data-reviewed', 'true');

  const manifest = JSON.parse(await readFile(path.join(goldDir, 'corpus.json'), 'utf8')) as { name: string; documents: { id: string; file: string }[] };
  expect(manifest.name).toBe('Toll study — gold');
  expect(manifest.documents.map((d) => d.id)).toEqual(['d1']);
  expect(await readdir(path.join(goldDir, 'docs'))).toContain(manifest.documents[0]!.file);
  const gold = JSON.parse(await readFile(path.join(goldDir, 'docs', manifest.documents[0]!.file), 'utf8')) as Document;
  expect(gold.status).toBe('reviewed');
  expect(gold.text).toBe(TEXT);
  expect(gold.spans.map((s) => [s.label, s.text, s.proposedBy?.join('+'), s.acceptedBy])).toEqual([
    ['actor', 'The ministry', 'alice+bob', 'rita'],
    ['attribution', 'said', 'alice+bob', 'rita'],
    ['claim', '62 soldiers died', 'alice+bob', 'rita'],
    ['figure', '62 soldiers', 'alice', 'rita'],
    ['actor', 'Rebels', 'alice', 'rita'],
    ['claim', '80 were killed.', 'bob', 'rita'],
    ['claim', '80 were killed', 'alice', 'rita'],
  ]);
  const ids = new Map(gold.spans.map((s) => [s.id, s.text]));
  expect(gold.relations.map((r) => [r.type, ids.get(r.from), ids.get(r.to), r.proposedBy?.join('+'), r.acceptedBy])).toEqual([['source', 'said', 'The ministry', 'alice+bob', 'rita']]);

  // reopening the copies resumes from gold: the reviewed document comes back decided
  await app.answerOpenDialog([alice, bob]);
  await page.getByTestId('review-open').click();
  await expect(page.locator('[data-testid="review-doc-row"][data-key="d1"]')).toHaveAttribute('data-reviewed', 'true');
  await expect(page.getByTestId('review-document')).toHaveAttribute('data-key', 'd2');
  await page.locator('[data-testid="review-doc-row"][data-key="d1"]').click();
  await expect(page.locator('[data-testid="candidate-row"][data-status="kept"]')).toHaveCount(7);
  await expect(page.locator('[data-testid="candidate-row"][data-status="rejected"]')).toHaveCount(2);
});

test('review: finalizing refuses while spans are undecided, and the buttons do what the keys do', async ({ app }) => {
  const dir = path.join(app.dataDir, 'copies');
  await mkdir(dir, { recursive: true });
  const a = path.join(dir, 'a.json');
  const b = path.join(dir, 'b.json');
  await writeFile(a, JSON.stringify(copy('alice', [span('a1', 'actor', 'The ministry', 'alice'), span('a2', 'figure', '62', 'alice')], [])));
  await writeFile(b, JSON.stringify(copy('bob', [span('b1', 'actor', 'The ministry', 'bob')], [])));
  const { page } = app;
  const review = new ReviewPage(page);
  await review.open();
  await app.answerOpenDialog([a, b]);
  await page.getByTestId('review-open').click();
  await expect(review.candidates).toHaveCount(2);

  await page.getByTestId('review-finalize').click();
  await expect(page.locator('.notice.error')).toContainText('2 spans still undecided');
  await expect(page.getByTestId('gold-saved')).toHaveCount(0);

  await page.getByTestId('review-accept-agreed').click();
  await page.getByTestId('review-keep-this').click();
  await expect(review.candidate('figure', '62')).toHaveAttribute('data-status', 'kept');
  await page.getByTestId('review-finalize').click();
  await expect(page.getByTestId('gold-saved')).toBeVisible();
  const gold = JSON.parse(await readFile(path.join(dir, 'Toll study — gold', 'docs', 'd1.json'), 'utf8')) as Document;
  expect(gold.spans.map((s) => `${s.label}:${s.text}:${s.proposedBy?.join('+')}`)).toEqual(['actor:The ministry:alice+bob', 'figure:62:alice']);
});

test('review: relations are candidates too, Enter on the clicked document button finalizes instead of reloading it, and Enter on a view tab only switches views', async ({ app }) => {
  const dir = path.join(app.dataDir, 'copies');
  await mkdir(dir, { recursive: true });
  const a = path.join(dir, 'a.json');
  const b = path.join(dir, 'b.json');
  const base = (who: string, p: string) => [span(`${p}1`, 'actor', 'The ministry', who), span(`${p}2`, 'attribution', 'said', who), span(`${p}3`, 'claim', '62 soldiers died', who)];
  const rel = (who: string, id: string, type: string, from: string, to: string): Relation => ({ id, type, from, to, annotator: who });
  // agreed: the source; alice alone: a content relation between agreed spans, and a source to her own actor "Rebels"
  await writeFile(
    a,
    JSON.stringify(copy('alice', [...base('alice', 'a'), span('a4', 'actor', 'Rebels', 'alice')], [rel('alice', 'ar1', 'source', 'a2', 'a1'), rel('alice', 'ar2', 'content', 'a2', 'a3'), rel('alice', 'ar3', 'source', 'a2', 'a4')])),
  );
  await writeFile(b, JSON.stringify(copy('bob', base('bob', 'b'), [rel('bob', 'br1', 'source', 'b2', 'b1')])));
  const { page } = app;
  await page.getByTestId('annotator-name').fill('rita');
  const review = new ReviewPage(page);
  await review.open();
  await app.answerOpenDialog([a, b]);
  await page.getByTestId('review-open').click();
  const relation = (type: string, toText: string) => page.locator(`[data-testid="relation-row"][data-type="${type}"]`).filter({ hasText: `“${toText}”` });
  await expect(page.getByTestId('relation-row')).toHaveCount(3);
  // nothing is in gold yet, so no relation can be decided
  await expect(page.locator('[data-testid="relation-row"][data-status="waiting"]')).toHaveCount(3);
  await expect(page.getByTestId('review-text').locator('[data-relation-type]')).toHaveCount(3);

  // the reviewer opens the document from the list: that button keeps the focus
  await page.locator('[data-testid="review-doc-row"][data-key="d1"]').click();
  await review.press('a');
  await expect(relation('source', 'The ministry')).toHaveAttribute('data-status', 'kept');
  await expect(relation('content', '62 soldiers died')).toHaveAttribute('data-status', 'disputed');
  await expect(relation('source', 'Rebels')).toHaveAttribute('data-status', 'waiting');

  // Enter refuses while a relation is undecided, and leaves every decision in place
  await review.press('Enter');
  await expect(page.locator('.notice.error')).toContainText('1 span and 1 relation still undecided');
  await expect(relation('source', 'The ministry')).toHaveAttribute('data-status', 'kept');

  // keep alice's "Rebels" (1): her source to it can now be decided; keep it, and turn the content relation down
  await expect(review.current()).toContainText('“Rebels”');
  await review.press('1');
  await expect(relation('source', 'Rebels')).toHaveAttribute('data-status', 'disputed');
  await relation('source', 'Rebels').click();
  await review.press('1');
  await expect(relation('source', 'Rebels')).toHaveAttribute('data-status', 'kept');
  await relation('content', '62 soldiers died').click();
  await review.press('0');
  await expect(relation('content', '62 soldiers died')).toHaveAttribute('data-status', 'rejected');
  await expect(page.getByTestId('review-undecided')).toHaveText('all decided');

  // Enter on a view tab switches views, as that tab says: it does not finalize behind the reviewer's back
  await page.getByTestId('view-document').focus();
  await review.press('Enter');
  await expect(page.getByTestId('view-document')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('gold-saved')).toHaveCount(0);
  await expect(readFile(path.join(dir, 'Toll study — gold', 'docs', 'd1.json'), 'utf8')).rejects.toThrow();
  await review.open();
  await expect(page.getByTestId('review-undecided')).toHaveText('all decided');

  // focus back on the document button the reviewer clicked, then Enter: it finalizes, it does not re-open the document
  await page.locator('[data-testid="review-doc-row"][data-key="d1"]').focus();
  await review.press('Enter');
  await expect(page.getByTestId('gold-saved')).toBeVisible();
  await expect(relation('source', 'Rebels')).toHaveAttribute('data-status', 'kept');
  const gold = JSON.parse(await readFile(path.join(dir, 'Toll study — gold', 'docs', 'd1.json'), 'utf8')) as Document;
  const ids = new Map(gold.spans.map((s) => [s.id, s.text]));
  expect(gold.status).toBe('reviewed');
  expect(gold.relations.map((r) => [r.type, ids.get(r.from), ids.get(r.to), r.proposedBy?.join('+'), r.acceptedBy])).toEqual([
    ['source', 'said', 'The ministry', 'alice+bob', 'rita'],
    ['source', 'said', 'Rebels', 'alice', 'rita'],
  ]);
});
