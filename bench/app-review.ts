import type { Browser, BrowserContext, Page } from '@playwright/test';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BRIDGE, bridgeBinding } from '../scripts/host/browser-host';
import { createHandlers } from '../main/ipc/handlers';
import { CorpusStore } from '../main/services/corpus-store';
import { ScriptedDialogs } from '../main/services/dialogs';
import { Session } from '../main/services/session';
import { nodeSettings } from '../main/services/settings';
import { DEFAULT_SCHEMA } from '../shared/model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document, type Relation, type Span } from '../shared/model/schema';
import { mulberry32 } from '../shared/random';
import { acceptAllAgreed, adjudicate, competes, finalize, keep, startGold } from '../shared/review/adjudicate';
import { OffsetIndex } from '../shared/text/offsets';
import { armProbe, type AppWorkload } from './app';
import { generateDocument } from './generate';

/**
 * Review on the assembled app, as a lead meets it: two annotators' copies
 * of the workload's document (plus a 20k/500 one listed first, so opening
 * the copies does not open the big one by itself), given to Review through
 * the scripted open dialog the e2e specs use. Each figure runs from the
 * click or key press to the first painted frame that shows the result.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const T = '2025-01-01T00:00:00.000Z';

export interface ReviewStepContext {
  browser: Browser;
  url: string;
  workload: AppWorkload;
  repeats: number;
  /** a figure of the whole app, or (part) of main's handler alone */
  record(metric: string, xs: number[], part?: boolean): void;
}

/** Relations between random span pairs of the base document, as the open step's document has. */
function relationsOf(doc: Document, count: number): Relation[] {
  const rand = mulberry32(7);
  const out: Relation[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const a = doc.spans[Math.floor(rand() * doc.spans.length)]!;
    const b = doc.spans[Math.floor(rand() * doc.spans.length)]!;
    const type = rand() < 0.5 ? 'source' : 'content';
    const key = `${type}:${a.id}:${b.id}`;
    if (a.id === b.id || seen.has(key)) continue;
    seen.add(key);
    out.push({ id: `r${out.length.toString(36)}`, type, from: a.id, to: b.id, annotator: 'bench', createdAt: T });
  }
  return out;
}

/**
 * Two annotators' versions of one document: 80% of the spans drawn alike;
 * 5% with another label and 5% with other bounds (one word more or less)
 * in the second copy; 5% drawn only by the first annotator, 5% only by the
 * second. Relations follow their spans, 5% of them in one copy only.
 */
export function annotatorVersions(base: Document, relations: readonly Relation[], seed: number): [Document, Document] {
  const rand = mulberry32(seed);
  const index = new OffsetIndex(base.text);
  const labels = DEFAULT_SCHEMA.labels.map((l) => l.name);
  const mine: [Span[], Span[]] = [[], []];
  const keys: [Set<string>, Set<string>] = [new Set(), new Set()];
  const idOf: [Map<string, string>, Map<string, string>] = [new Map(), new Map()];
  const put = (who: 0 | 1, s: Span, label: string, start: number, end: number): void => {
    const key = `${start}:${end}:${label}`;
    if (start >= end || keys[who].has(key)) return;
    keys[who].add(key);
    const id = `${who ? 'b' : 'a'}${mine[who].length.toString(36)}`;
    idOf[who].set(s.id, id);
    mine[who].push({ ...s, id, label, start, end, text: index.slice(start, end), annotator: who ? 'bob' : 'alice' });
  };
  /** the span's bounds with its last word dropped, or the next word added */
  const otherBounds = (s: Span): [number, number] => {
    const a = index.toUtf16(s.start);
    const b = index.toUtf16(s.end);
    const cut = base.text.lastIndexOf(' ', b - 1);
    if (cut > a && rand() < 0.5) return [s.start, index.toCodePoint(cut, 'end')];
    const next = /^\s*[^\s.,]+/u.exec(base.text.slice(b, b + 80));
    return next ? [s.start, index.toCodePoint(b + next[0].length, 'end')] : [s.start, s.end - 1];
  };
  for (const s of base.spans) {
    const r = rand();
    if (r < 0.8) {
      put(0, s, s.label, s.start, s.end);
      put(1, s, s.label, s.start, s.end);
    } else if (r < 0.85) {
      put(0, s, s.label, s.start, s.end);
      put(1, s, labels[(labels.indexOf(s.label) + 1) % labels.length]!, s.start, s.end);
    } else if (r < 0.9) {
      put(0, s, s.label, s.start, s.end);
      put(1, s, s.label, ...otherBounds(s));
    } else if (r < 0.95) put(0, s, s.label, s.start, s.end);
    else put(1, s, s.label, s.start, s.end);
  }
  const rels: [Relation[], Relation[]] = [[], []];
  for (const rel of relations) {
    const r = rand();
    for (const who of [0, 1] as const) {
      if ((who === 0 && r >= 0.95 && r < 0.975) || (who === 1 && r >= 0.975)) continue;
      const from = idOf[who].get(rel.from);
      const to = idOf[who].get(rel.to);
      if (from && to) rels[who].push({ ...rel, id: `${who ? 'b' : 'a'}${rels[who].length.toString(36)}`, from, to, annotator: who ? 'bob' : 'alice' });
    }
  }
  const version = (who: 0 | 1): Document => ({ ...base, status: 'done', spans: mine[who], relations: rels[who] });
  return [version(0), version(1)];
}

function corpusOf(documents: Document[]): Corpus {
  return { schemaVersion: SCHEMA_VERSION, id: 'c_review', name: 'Bench review', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents };
}

/** The copies as single-file exports (alice.json, bob.json), and the big document's two versions. */
async function writeCopies(dir: string, w: AppWorkload): Promise<{ files: string[]; big: [Document, Document] }> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const small = { ...generateDocument({ name: 'small', chars: 20_000, spans: 500 }, 3, 'small'), title: 'Small' };
  const bigBase = { ...generateDocument(w, 1, 'big'), title: 'Big' };
  const smallPair = annotatorVersions(small, relationsOf(small, 200), 11);
  const big = annotatorVersions(bigBase, relationsOf(bigBase, w.relations), 12);
  const files = [path.join(dir, 'alice.json'), path.join(dir, 'bob.json')];
  await writeFile(files[0]!, JSON.stringify(corpusOf([smallPair[0], big[0]])));
  await writeFile(files[1]!, JSON.stringify(corpusOf([smallPair[1], big[1]])));
  return { files, big };
}

/**
 * A reviewed gold version of the big document, written where Review puts
 * gold: every agreed span and relation, and the first reading of each
 * disagreement. Reopened, the document comes back with everything decided,
 * so Finalize can be timed without thousands of key presses first.
 */
async function writeReviewedGold(dir: string, big: [Document, Document]): Promise<void> {
  const adj = adjudicate([
    { annotator: 'alice', doc: big[0] },
    { annotator: 'bob', doc: big[1] },
  ]);
  const who = { annotator: 'rita', now: T };
  let gold = acceptAllAgreed(adj, startGold(adj, T), who);
  const settled = new Set<string>();
  for (const c of adj.candidates) {
    if (c.agreed || settled.has(c.key)) continue;
    settled.add(c.key);
    for (const x of adj.candidates) if (competes(c, x)) settled.add(x.key);
    gold = keep(adj, gold, c, who);
  }
  const store = await CorpusStore.create(path.join(dir, 'Bench review — gold'), { name: 'Bench review — gold', schema: DEFAULT_SCHEMA });
  try {
    await store.addDocuments([finalize(gold, who)]);
  } finally {
    await store.close();
  }
}

/** How long one figure may take before the step gives up (the page is then closed, busy or not). */
const LIMIT_MS = Number(process.env.BENCH_REVIEW_LIMIT_MS ?? 60_000);

class StepTimeout extends Error {}

type Probe =
  | { kind: 'listed'; key: string }
  | { kind: 'shown'; key: string }
  | { kind: 'decided'; key: string; status: string; before: string }
  | { kind: 'accepted'; before: string }
  | { kind: 'saved' };

/** What shows each review probe's result, checked in the page after every frame (shipped with `untilPainted`). */
function okFor(probe: Probe): () => boolean {
  const current = (): string | null => document.querySelector('[data-testid="candidate-row"][aria-current="true"]')?.getAttribute('data-candidate-id') ?? null;
  const painted = (key: string, cls = ''): boolean => !!document.querySelector(`[data-testid="review-text"] .sm-content [data-span-ids~="${CSS.escape(key)}"]${cls}`);
  return (): boolean => {
    switch (probe.kind) {
      case 'listed':
        return !!document.querySelector(`[data-testid="review-doc-row"][data-key="${probe.key}"] [data-testid="review-disputed-count"]`);
      case 'shown': {
        if (!document.querySelector(`[data-testid="review-document"][data-key="${probe.key}"]`)) return false;
        const key = current();
        return !!key && painted(key);
      }
      case 'decided': {
        // the count moved on, the next disagreement is the current one, and where the decided one shows, it shows decided
        // (whether the text also scrolled to the next one is checked apart: see `unshown`)
        if (document.querySelector('[data-testid="review-undecided"]')?.textContent === probe.before) return false;
        const next = current();
        if (!next || next === probe.key) return false;
        const row = document.querySelector(`[data-testid="candidate-row"][data-candidate-id="${CSS.escape(probe.key)}"]`);
        const runs = [...document.querySelectorAll(`[data-testid="review-text"] .sm-content [data-span-ids~="${CSS.escape(probe.key)}"]`)];
        return (!row || row.getAttribute('data-status') === probe.status) && runs.every((r) => r.classList.contains(`rv-${probe.status}`));
      }
      case 'accepted':
        // the count of undecided candidates moved on, and the agreed spans in the text show as kept
        return document.querySelector('[data-testid="review-undecided"]')?.textContent !== probe.before && !!document.querySelector('[data-testid="review-text"] .sm-content .rv-agreed-candidate.rv-kept');
      case 'saved':
        return !!document.querySelector('[data-testid="gold-saved"]');
    }
  };
}

async function timed(page: Page, probe: Probe, act: () => Promise<void>): Promise<number> {
  // the page's own limit stays past the step's budget, which reports first
  await armProbe(page, okFor, probe, Math.max(600_000, LIMIT_MS * 2));
  await act();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`no painted result within ${LIMIT_MS / 1000} s`)), LIMIT_MS);
  });
  try {
    return await Promise.race([page.evaluate(() => (window as unknown as { __probe: Promise<number> }).__probe), budget]);
  } catch (e) {
    const key = 'key' in probe ? probe.key : '';
    const shows = page.evaluate((key) => ({
      row: document.querySelector(`[data-testid="candidate-row"][data-candidate-id="${CSS.escape(key)}"]`)?.getAttribute('data-status'),
      runs: [...document.querySelectorAll(`[data-testid="review-text"] [data-span-ids~="${CSS.escape(key)}"]`)].map((e) => e.className).join(' | '),
      focus: document.activeElement?.outerHTML.slice(0, 120),
      current: document.querySelector('[data-testid="candidate-row"][aria-current="true"]')?.outerHTML.slice(0, 200),
      undecided: document.querySelector('[data-testid="review-undecided"]')?.textContent,
      notice: document.querySelector('.notice')?.textContent,
      next: document.querySelector('[data-testid="candidate-row"][aria-current="true"]')?.getAttribute('data-candidate-id'),
      nextRuns: document.querySelectorAll(`[data-testid="review-text"] [data-span-ids~="${CSS.escape(document.querySelector('[data-testid="candidate-row"][aria-current="true"]')?.getAttribute('data-candidate-id') ?? '')}"]`).length,
      rendered: [...document.querySelectorAll<HTMLElement>('[data-testid="review-text"] .sm-content [data-offset]')].map((e) => Number(e.dataset.offset)).filter((_, i, a) => i === 0 || i === a.length - 1),
    }), key);
    // a page still busy cannot say what it shows
    const state = await Promise.race([shows, new Promise((resolve) => setTimeout(() => resolve('(busy)'), 5000))]);
    const what = `${(e as Error).message} (${JSON.stringify(probe)}); the page showed ${JSON.stringify(state)}`;
    throw e instanceof StepTimeout ? new StepTimeout(what) : new Error(what);
  } finally {
    clearTimeout(timer);
  }
}

/** With BENCH_PROFILE set, a CPU profile of the page from now until the returned stop. */
async function profile(context: BrowserContext, page: Page, file: string): Promise<() => Promise<void>> {
  if (!process.env.BENCH_PROFILE) return async () => undefined;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    console.log(`  profile: ${file}`);
    await cdp.detach();
  };
}

const currentKey = (page: Page): Promise<string | null> => page.locator('[data-testid="candidate-row"][aria-current="true"]').getAttribute('data-candidate-id');

export async function reviewStep({ browser, url, workload: w, repeats, record }: ReviewStepContext): Promise<void> {
  // a data folder of its own: the reviewer has no corpus open, only the copies
  const dataDir = path.join(ROOT, 'bench', 'tmp', `review-${w.name.replace('/', '-')}`);
  const copiesDir = path.join(dataDir, 'copies');
  await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const { files, big } = await writeCopies(copiesDir, w);
  nodeSettings(dataDir).set({ annotator: 'rita', annotatorId: 'a_rita' });
  const session = new Session(dataDir);
  const dialogs = new ScriptedDialogs();
  const handlers = createHandlers({ session, settings: nodeSettings(dataDir), dialogs, host: 'browser', emit: () => undefined, openExternal: async () => undefined });
  const handlerMs: Record<string, number[]> = {};
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.exposeBinding('__spanmarkInvoke', bridgeBinding(handlers, (channel, ms) => (handlerMs[channel] ??= []).push(ms)));
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(BRIDGE);
    await page.goto(url);
    await page.getByTestId('view-review').click();
    await page.getByTestId('review-open').waitFor();
    await measure({ page, context, dialogs, files, big, copiesDir, dataDir, repeats, handlerMs, record }).catch((e: unknown) => {
      if (!(e instanceof StepTimeout)) throw e;
      console.log(`  ${w.name.padEnd(10)} review: ${e.message}; the figures after this one are left out`);
    });
  } finally {
    // a page still stuck in a step may not close when asked: the browser goes at the end of the bench anyway
    await Promise.race([context.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    await session.close();
  }
}

interface Run {
  page: Page;
  context: BrowserContext;
  dialogs: ScriptedDialogs;
  files: string[];
  big: [Document, Document];
  copiesDir: string;
  dataDir: string;
  repeats: number;
  /** main's time per handler call, by channel */
  handlerMs: Record<string, number[]>;
  record: ReviewStepContext['record'];
}

async function measure({ page, context, dialogs, files, big, copiesDir, dataDir, repeats, handlerMs, record }: Run): Promise<void> {
  const bigRow = page.locator('[data-testid="review-doc-row"][data-key="big"]');
  const smallRow = page.locator('[data-testid="review-doc-row"][data-key="small"]');
  const smallShown = page.locator('[data-testid="review-document"][data-key="small"] [data-testid="review-text"] .sm-content [data-span-ids]').first();
  // one run of these takes seconds on 1M characters
  const few = Math.min(3, repeats);

  // (a) open the copies: from the click to the list showing the big document
  const open: number[] = [];
  for (let i = 0; i < few; i++) {
    if (i > 0) {
      // a fresh Review tab each time, so the list from the run before cannot answer the probe
      await page.reload();
      await page.getByTestId('view-review').click();
    }
    dialogs.queue.push({ open: files });
    open.push(await timed(page, { kind: 'listed', key: 'big' }, () => page.getByTestId('review-open').click()));
    await smallShown.waitFor();
  }
  record('review: open two copies (list shown)', open);
  record('review:open handler (main: load, compare)', handlerMs['review:open'] ?? [], true);

  // (b) the big document from the review list, to its text with the current candidate painted
  const show: number[] = [];
  const stopShowProfile = await profile(context, page, path.join(dataDir, 'review-open-document.cpuprofile'));
  const showHandler: number[] = [];
  for (let i = 0; i < few; i++) {
    const calls = handlerMs['review:document']?.length ?? 0;
    show.push(await timed(page, { kind: 'shown', key: 'big' }, () => bigRow.click()));
    showHandler.push(handlerMs['review:document']![calls]!);
    await smallRow.click();
    await smallShown.waitFor();
  }
  await stopShowProfile();
  record('review: open the document from its list', show);
  record('review:document handler (main)', showHandler, true);

  // (c) decisions by key on the big document: keep this (1), and accept all agreed (a) then undo (u)
  await bigRow.click();
  await page.locator('[data-testid="review-document"][data-key="big"]').waitFor();
  const keepMs: number[] = [];
  const unshown: string[] = [];
  const stopKeepProfile = await profile(context, page, path.join(dataDir, 'review-keep.cpuprofile'));
  for (let i = 0; i < repeats; i++) {
    const key = await currentKey(page);
    if (!key) throw new Error('no current candidate to decide');
    const before = (await page.getByTestId('review-undecided').textContent())!;
    keepMs.push(await timed(page, { kind: 'decided', key, status: 'kept', before }, () => page.keyboard.press('1')));
    const next = (await currentKey(page))!;
    const shown = page.locator(`[data-testid="review-text"] .sm-content [data-span-ids~="${next.replace(/["\\]/g, '\\$&')}"]`).first();
    if (!(await shown.waitFor({ timeout: 2000 }).then(() => true, () => false))) unshown.push(next);
  }
  if (unshown.length) console.log(`  review: after ${unshown.length} of ${repeats} keeps the text did not show the next candidate within 2 s: ${unshown.join(', ')}`);
  await stopKeepProfile();
  record('review: keep this (1)', keepMs);
  const agreedCount = Number(/(\d+) agreed/.exec((await bigRow.getByTestId('review-agreed-count').textContent()) ?? '')?.[1]);
  const undecided = page.getByTestId('review-undecided');
  const before = (await undecided.textContent())!;
  const accept: number[] = [];
  const stopAcceptProfile = await profile(context, page, path.join(dataDir, 'review-accept-agreed.cpuprofile'));
  for (let i = 0; i < few; i++) {
    accept.push(await timed(page, { kind: 'accepted', before }, () => page.keyboard.press('a')));
    await page.keyboard.press('u');
    await undecided.filter({ hasText: new RegExp(`^${before}$`) }).waitFor();
  }
  await stopAcceptProfile();
  record(`review: accept ${agreedCount.toLocaleString('en')} agreed (a)`, accept);

  // (d) Finalize a document whose every candidate is decided (reopened from a reviewed gold), to "gold saved"
  await writeReviewedGold(copiesDir, big);
  dialogs.queue.push({ open: files });
  await page.getByTestId('review-open').click();
  await page.locator('[data-testid="review-doc-row"][data-key="big"][data-reviewed="true"]').waitFor();
  const fin: number[] = [];
  const stopFinalizeProfile = await profile(context, page, path.join(dataDir, 'review-finalize.cpuprofile'));
  for (let i = 0; i < few; i++) {
    await smallRow.click();
    await smallShown.waitFor();
    await bigRow.click();
    await page.locator('[data-testid="review-document"][data-key="big"]').waitFor();
    await page.getByTestId('review-undecided').filter({ hasText: 'all decided' }).waitFor();
    fin.push(await timed(page, { kind: 'saved' }, () => page.keyboard.press('Enter')));
  }
  await stopFinalizeProfile();
  record('review: finalize (Enter) to "gold saved"', fin);
  record('review:saveGold handler (main, write)', handlerMs['review:saveGold'] ?? [], true);
}
