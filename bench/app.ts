import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BRIDGE, bridgeBinding } from '../scripts/host/browser-host';
import { serveStatic } from '../scripts/host/static-server';
import { createHandlers } from '../main/ipc/handlers';
import { CorpusStore } from '../main/services/corpus-store';
import { ScriptedDialogs } from '../main/services/dialogs';
import { Session } from '../main/services/session';
import { nodeSettings } from '../main/services/settings';
import { mulberry32 } from '../shared/random';
import type { Document, Relation } from '../shared/model/schema';
import { generateDocument, type Workload } from './generate';
import { reviewStep } from './app-review';

/**
 * The assembled app, timed as a user meets it: the built renderer with its
 * panels, window.api bridged to the real handlers (the browser host's way),
 * a real corpus folder. Each figure runs from the key press or click (the
 * event's timestamp) to the painted frame that shows the result. The
 * bridge (Playwright's exposeBinding: JSON over the DevTools protocol) is
 * timed on its own; Electron's IPC would replace it.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-frame-rate-limit', '--disable-gpu-vsync'];
const REPEATS = Number(process.env.BENCH_APP_REPEATS ?? 7);
/** BENCH_STEPS=edit,scroll runs only those steps (open, label, relation, scroll, edit), for quick before/after checks */
const want = (step: string): boolean => !process.env.BENCH_STEPS || process.env.BENCH_STEPS.split(',').includes(step);

export interface AppWorkload extends Workload {
  relations: number;
}

export const APP_WORKLOADS: readonly AppWorkload[] = [
  { name: '200k/5000', chars: 200_000, spans: 5_000, relations: 6_000 },
  { name: '1M/20000', chars: 1_000_000, spans: 20_000, relations: 6_000 },
];

export interface AppFigure {
  workload: string;
  metric: string;
  median: number;
  p95: number;
  n: number;
}

/** Relations between random span pairs, of the schema's types: the load on indexes and arcs is what matters. */
function withRelations(doc: Document, count: number): Document {
  const rand = mulberry32(7);
  const relations: Relation[] = [];
  const seen = new Set<string>();
  while (relations.length < count) {
    const a = doc.spans[Math.floor(rand() * doc.spans.length)]!;
    const b = doc.spans[Math.floor(rand() * doc.spans.length)]!;
    const type = rand() < 0.5 ? 'source' : 'content';
    const key = `${type}:${a.id}:${b.id}`;
    if (a.id === b.id || seen.has(key)) continue;
    seen.add(key);
    relations.push({ id: `r_${relations.length.toString(36)}`, type, from: a.id, to: b.id, annotator: 'bench', createdAt: doc.spans[0]!.createdAt });
  }
  return { ...doc, relations };
}

async function makeCorpus(dataDir: string, w: AppWorkload): Promise<string> {
  await rm(dataDir, { recursive: true, force: true });
  const dir = path.join(dataDir, 'Bench corpus');
  await mkdir(dataDir, { recursive: true });
  const store = await CorpusStore.create(dir, { name: 'Bench' });
  const small = { ...generateDocument({ name: 'small', chars: 20_000, spans: 500 }, 3, 'small'), title: 'Small' };
  const big = { ...withRelations(generateDocument(w, 1, 'big'), w.relations), title: 'Big' };
  await store.addDocuments([small, big]);
  await store.close();
  nodeSettings(dataDir).set({ lastCorpus: dir, recentCorpora: [dir], annotator: 'bench', annotatorId: 'a_bench' });
  return dir;
}

type Probe =
  | { kind: 'doc'; id: string }
  | { kind: 'spans'; count: number; label?: string }
  | { kind: 'relabelled'; id: string; label: string }
  | { kind: 'relations'; count: number }
  | { kind: 'frame' }
  /** a frame painted after the page's input event: the typed character is in it */
  | { kind: 'input' };

/**
 * Runs in the page (CSP-safe: no eval): arms a one-shot listener for the next
 * key or mouse press and resolves, after the first painted frame where `ok()`
 * holds, with the time since that event. Shared by every step's probes, which
 * ship it with their own predicate (see `armProbe`).
 */
export function untilPainted(ok: () => boolean, limitMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let t0: number | null = null;
    const start = (e: Event): void => {
      t0 ??= e.timeStamp;
    };
    window.addEventListener('keydown', start, { capture: true, once: true });
    window.addEventListener('mousedown', start, { capture: true, once: true });
    const began = performance.now();
    const frame = (): void => {
      requestAnimationFrame(() => {
        if (t0 === null || !ok()) {
          if (performance.now() - began > limitMs) reject(new Error(`timed out after ${limitMs} ms`));
          else frame();
          return;
        }
        // a message posted from a frame callback is handled after that frame is painted
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(performance.now() - t0!);
        ch.port2.postMessage(0);
      });
    };
    frame();
  });
}

/** Arms `untilPainted` in the page with the predicate `okFor(probe)` builds there; awaited before acting, so a key sent over CDP cannot overtake it. */
export async function armProbe<P>(page: Page, okFor: (probe: P) => () => boolean, probe: P, limitMs: number): Promise<void> {
  await page.evaluate(`void (window.__probe = (${untilPainted.toString()})((${okFor.toString()})(${JSON.stringify(probe)}), ${limitMs}))`);
}

/** What shows each probe's result, checked in the page after every frame. */
function okFor(probe: Probe): () => boolean {
  let typed = false;
  window.addEventListener(
    'input',
    () => {
      typed = true;
    },
    { capture: true, once: true },
  );
  const summary = () => document.querySelector('[data-testid="spans-panel"] .panel-summary')?.textContent ?? '';
  return (): boolean => {
    switch (probe.kind) {
      case 'doc':
        return !!document.querySelector(`[data-testid="document-view"][data-document-id="${probe.id}"] .sm-content [data-span-ids]`);
      case 'spans': {
        if (!summary().startsWith(`${probe.count} spans`)) return false;
        if (!probe.label) return true;
        const row = document.querySelector('[data-testid="span-row"][aria-selected="true"]');
        const id = row?.getAttribute('data-span-id');
        return !!id && row?.getAttribute('data-label') === probe.label && !!document.querySelector(`.sm-content [data-span-ids~="${id}"]`);
      }
      case 'relabelled':
        return !!document.querySelector(`.sm-content [data-span-ids~="${probe.id}"][data-labels~="${probe.label}"]`) && !!document.querySelector(`[data-testid="span-row"][data-span-id="${probe.id}"][data-label="${probe.label}"]`);
      case 'relations':
        return summary().includes(`· ${probe.count} relations`);
      case 'frame':
        return true;
      case 'input':
        return typed;
    }
  };
}

async function timed(page: Page, probe: Probe, act: () => Promise<void>): Promise<number> {
  await armProbe(page, okFor, probe, 60_000);
  await act();
  try {
    return await page.evaluate(() => (window as unknown as { __probe: Promise<number> }).__probe);
  } catch (e) {
    const state = await page.evaluate(() => ({
      summary: document.querySelector('[data-testid="spans-panel"] .panel-summary')?.textContent,
      focus: document.activeElement?.outerHTML.slice(0, 120),
      selectedRow: document.querySelector('[data-testid="span-row"][aria-selected="true"]')?.outerHTML.slice(0, 200),
    }));
    throw new Error(`${(e as Error).message} waiting for ${JSON.stringify(probe)}; the page showed ${JSON.stringify(state)}`);
  }
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const p95 = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? NaN;
};

/** With BENCH_PROFILE set, a CPU profile of the page from now until the returned stop (open it in Chrome's DevTools). */
async function profile(context: BrowserContext, page: Page, file: string): Promise<() => Promise<void>> {
  if (process.env.BENCH_TRACE) {
    // a DevTools performance trace instead (style, layout, paint beside script): open it in the Performance panel
    const browser = context.browser()!;
    const traceFile = file.replace(/\.cpuprofile$/, '.trace.json');
    await browser.startTracing(page, { path: traceFile, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'] });
    return async () => {
      await browser.stopTracing();
      console.log(`  trace: ${traceFile}`);
    };
  }
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

async function spanCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="spans-panel"] .panel-summary').textContent()) ?? '';
  return Number(/^(\d+) spans/.exec(text)?.[1]);
}

/** Select the UTF-16 range [a, b) of the text through the runs' data-offset, as a mouse drag would. */
async function selectRange(page: Page, a: number, b: number): Promise<void> {
  await page.evaluate(
    ([a, b]) => {
      const runs = [...document.querySelectorAll<HTMLElement>('.sm-content [data-offset]')];
      const locate = (at: number): [Node, number] => {
        for (const r of runs) {
          const off = Number(r.dataset.offset);
          const len = r.textContent?.length ?? 0;
          if (at >= off && at <= off + len) return [r.firstChild ?? r, at - off];
        }
        throw new Error(`offset ${at} is not rendered`);
      };
      const range = document.createRange();
      range.setStart(...locate(a!));
      range.setEnd(...locate(b!));
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
      document.querySelector<HTMLElement>('[data-testid="document-view"]')?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    [a, b],
  );
}

/** Words on screen that no span covers, as UTF-16 ranges, for labelling. */
async function freeWords(page: Page, n: number): Promise<[number, number][]> {
  return page.evaluate((n) => {
    const out: [number, number][] = [];
    for (const r of document.querySelectorAll<HTMLElement>('.sm-content [data-offset]:not([data-span-ids])')) {
      const rect = r.getBoundingClientRect();
      if (rect.top < 80 || rect.bottom > window.innerHeight - 40) continue;
      const text = r.textContent ?? '';
      const off = Number(r.dataset.offset);
      for (const m of text.matchAll(/[A-Za-z]{4,}/g)) {
        out.push([off + m.index, off + m.index + m[0].length]);
        if (out.length >= n) return out;
      }
    }
    return out;
  }, n);
}

/**
 * What this browser on this machine takes with no app at all, so every figure
 * above can be read against it: a key on a blank page to its painted frame,
 * and the frame interval while a long plain page scrolls one step per frame.
 */
async function blankPageFloor(browser: Browser, record: (metric: string, xs: number[]) => void): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.setContent(`<main tabindex="0" style="height:900px;overflow:auto"><p>${'Plain text, no app. '.repeat(20000)}</p></main>`);
  await page.evaluate('window.__name = (fn) => fn;');
  await page.locator('main').focus();
  const key: number[] = [];
  for (let i = 0; i < REPEATS * 2; i++) key.push(await timed(page, { kind: 'frame' }, () => page.keyboard.press('Shift')));
  record('a key on a blank page, to its frame', key);
  record('scroll frame on a plain page', await scrollFrames(page, 'main'));
  await context.close();
}

/** Frame times while `selector` scrolls through its whole height one step per frame. */
async function scrollFrames(page: Page, selector: string): Promise<number[]> {
  return page.evaluate(async (selector) => {
    const scroller = document.querySelector<HTMLElement>(selector)!;
    const times: number[] = [];
    const steps = 200;
    const stride = (scroller.scrollHeight - scroller.clientHeight) / steps;
    let last = performance.now();
    for (let i = 1; i <= steps; i++) {
      await new Promise<void>((r) =>
        requestAnimationFrame(() => {
          scroller.scrollTop = i * stride;
          r();
        }),
      );
      const now = performance.now();
      times.push(now - last);
      last = now;
    }
    return times.slice(1);
  }, selector);
}

export async function runAppBench(): Promise<{ figures: AppFigure[]; bridge: AppFigure[]; floor: AppFigure[] }> {
  const server = await serveStatic(path.join(ROOT, 'out', 'renderer'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const figures: AppFigure[] = [];
  const bridge: AppFigure[] = [];
  const floor: AppFigure[] = [];
  const record = (workload: string, metric: string, xs: number[], into = figures) => {
    into.push({ workload, metric, median: median(xs), p95: p95(xs), n: xs.length });
    console.log(`  ${workload.padEnd(10)} ${metric.padEnd(34)} median ${median(xs).toFixed(1).padStart(8)} ms   p95 ${p95(xs).toFixed(1).padStart(8)} ms   (n=${xs.length})`);
  };
  try {
    if (want('floor')) await blankPageFloor(browser, (metric, xs) => record('blank', metric, xs, floor));
    for (const w of APP_WORKLOADS.filter((x) => !process.env.BENCH_WORKLOADS || process.env.BENCH_WORKLOADS.split(',').includes(x.name))) {
      const dataDir = path.join(ROOT, 'bench', 'tmp', `app-${w.name.replace('/', '-')}`);
      await makeCorpus(dataDir, w);
      const session = new Session(dataDir);
      const handlers = createHandlers({ session, settings: nodeSettings(dataDir), dialogs: new ScriptedDialogs(), host: 'browser', emit: () => undefined, openExternal: async () => undefined });
      const handlerMs: Record<string, number[]> = {};
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.exposeBinding('__spanmarkInvoke', bridgeBinding(handlers, (channel, ms) => (handlerMs[channel] ??= []).push(ms)));
      // tsx compiles this file with esbuild's keepNames, which wraps the functions
      // page.evaluate ships to the page in a __name helper the page does not have
      await page.addInitScript('window.__name = (fn) => fn;');
      await page.addInitScript(BRIDGE);
      await page.goto(server.url);
      await page.getByTestId('document-row').first().waitFor();
      await page.locator('[data-testid="document-view"][data-document-id="small"] [data-span-ids]').first().waitFor();
      console.log(`${w.name}: ${w.chars.toLocaleString('en')} characters, ${w.spans.toLocaleString('en')} spans, ${w.relations.toLocaleString('en')} relations (full app, browser host)`);

      // open from the list, and switch back to a small document
      if (want('open')) {
        const open: number[] = [];
        const sw: number[] = [];
        const stopOpenProfile = await profile(context, page, path.join(dataDir, 'open.cpuprofile'));
        for (let i = 0; i < 3; i++) {
          open.push(await timed(page, { kind: 'doc', id: 'big' }, () => page.locator('[data-testid="document-row"][data-document-id="big"]').click()));
          sw.push(await timed(page, { kind: 'doc', id: 'small' }, () => page.locator('[data-testid="document-row"][data-document-id="small"]').click()));
        }
        await stopOpenProfile();
        record(w.name, 'open a document from the list', open);
        record(w.name, 'switch documents (to 20k/500)', sw);
      }
      await page.locator('[data-testid="document-row"][data-document-id="big"]').click();
      await page.locator('[data-testid="document-view"][data-document-id="big"] [data-span-ids]').first().waitFor();

      if (want('label')) {
        // label by key, relabel by key, delete, undo
        const label: number[] = [];
        const relabel: number[] = [];
        const del: number[] = [];
        const undo: number[] = [];
        const words = await freeWords(page, REPEATS);
        const stopProfile = await profile(context, page, path.join(dataDir, 'label-relabel-delete-undo.cpuprofile'));
        for (const [a, b] of words) {
          const n = await spanCount(page);
          await selectRange(page, a, b);
          label.push(await timed(page, { kind: 'spans', count: n + 1, label: 'actor' }, () => page.keyboard.press('2')));
          const id = (await page.locator('[data-testid="span-row"][aria-selected="true"]').getAttribute('data-span-id'))!;
          await page.keyboard.press('r');
          relabel.push(await timed(page, { kind: 'relabelled', id, label: 'figure' }, () => page.keyboard.press('3')));
          del.push(await timed(page, { kind: 'spans', count: n }, () => page.keyboard.press('Delete')));
          undo.push(await timed(page, { kind: 'spans', count: n + 1 }, () => page.keyboard.press('Control+z')));
        }
        await stopProfile();
        record(w.name, 'label by key', label);
        record(w.name, 'relabel by key (r, 3)', relabel);
        record(w.name, 'delete (Del)', del);
        record(w.name, 'undo (Ctrl+Z)', undo);
      }

      if (want('relation')) {
        // add a relation: an attribution labelled, then s, then Enter on an actor reached with Tab
        const rel: number[] = [];
        const more = await freeWords(page, REPEATS * 2 + 2);
        const stopRelationProfile = await profile(context, page, path.join(dataDir, 'relation.cpuprofile'));
        for (let i = 0; i + 1 < more.length && rel.length < REPEATS; i += 2) {
          await selectRange(page, more[i]![0], more[i]![1]);
          await page.keyboard.press('4');
          const attribution = (await page.locator('[data-testid="span-row"][aria-selected="true"]').getAttribute('data-span-id'))!;
          await selectRange(page, more[i + 1]![0], more[i + 1]![1]);
          await page.keyboard.press('2');
          const actor = (await page.locator('[data-testid="span-row"][aria-selected="true"]').getAttribute('data-span-id'))!;
          await page.locator(`[data-testid="span-row"][data-span-id="${attribution}"]`).click();
          await page.keyboard.press('s');
          const count = Number(/· (\d+) relations/.exec((await page.locator('[data-testid="spans-panel"] .panel-summary').textContent()) ?? '')?.[1]);
          rel.push(await timed(page, { kind: 'relations', count: count + 1 }, () => page.locator(`[data-testid="span-row"][data-span-id="${actor}"]`).click()));
        }
        await stopRelationProfile();
        record(w.name, 'add a relation (click the target)', rel);
      }

      if (want('scroll')) {
        // scroll with the side panel open: frame times while the document scrolls one step per frame
        const frames = await scrollFrames(page, '[data-testid="document-view"]');
        record(w.name, 'scroll frame (side panel open)', frames);
      }

      if (want('floor')) {
        // a key that changes nothing, in the app: what its key handlers cost before any step's own work
        const idle: number[] = [];
        for (let i = 0; i < REPEATS * 2; i++) idle.push(await timed(page, { kind: 'frame' }, () => page.keyboard.press('Shift')));
        record(w.name, 'a key that changes nothing', idle, floor);
      }

      if (want('edit')) {
        // one keystroke in edit mode
        await page.keyboard.press('Control+e');
        await page.locator('[data-testid="document-view"][data-mode="edit"]').waitFor();
        const edit: number[] = [];
        const stopEditProfile = await profile(context, page, path.join(dataDir, 'edit.cpuprofile'));
        for (let i = 0; i < REPEATS; i++) {
          await page.evaluate(() => {
            const run = document.querySelector<HTMLElement>('.sm-content [data-offset]');
            const range = document.createRange();
            range.setStart(run!.firstChild!, 1);
            range.collapse(true);
            window.getSelection()!.removeAllRanges();
            window.getSelection()!.addRange(range);
          });
          edit.push(await timed(page, { kind: 'input' }, () => page.keyboard.press('x')));
        }
        await stopEditProfile();
        record(w.name, 'edit-mode keystroke (to next frame)', edit);
        // typing a sentence: the model, panels and save follow each key after its frame; at a fast typist's
        // pace that work must not hold up the next key's frame
        for (const [pace, delay] of [['10 keys/s', 100], ['20 keys/s', 50]] as const) {
          await page.evaluate(() => {
            const w = window as unknown as { __typed: number[] };
            w.__typed = [];
            const stop = ((w as unknown as { __stopTyping?: AbortController }).__stopTyping = new AbortController());
            let t0 = 0;
            window.addEventListener(
              'keydown',
              (e) => {
                t0 = e.timeStamp;
              },
              { capture: true, signal: stop.signal },
            );
            // from the key to the first frame painted after its input event, so the frame holds the character
            window.addEventListener(
              'input',
              () => {
                const from = t0;
                requestAnimationFrame(() => {
                  const ch = new MessageChannel();
                  ch.port1.onmessage = () => w.__typed.push(performance.now() - from);
                  ch.port2.postMessage(0);
                });
              },
              { capture: true, signal: stop.signal },
            );
          });
          await page.keyboard.type('Officials said the convoy reached the northern crossing before noon. ', { delay });
          await page.waitForTimeout(300);
          const typed = await page.evaluate(() => {
            const w = window as unknown as { __typed: number[]; __stopTyping: AbortController };
            w.__stopTyping.abort();
            return w.__typed;
          });
          record(w.name, `edit-mode typing at ${pace} (each key)`, typed);
        }
        await page.keyboard.press('Control+e');
      }

      if (want('review')) {
        // Review on its own page and data folder: two annotators' copies of this document (bench/app-review.ts)
        await reviewStep({ browser, url: server.url, workload: w, repeats: REPEATS, record: (metric, xs, part) => record(w.name, metric, xs, part ? bridge : figures) });
      }

      // the bridge alone: a request that does nothing, page → Node → page
      const rt = await page.evaluate(async () => {
        const out: number[] = [];
        for (let i = 0; i < 20; i++) {
          const t = performance.now();
          await window.api.invoke('settings:get', {});
          out.push(performance.now() - t);
        }
        return out;
      });
      record(w.name, 'bridge round trip (settings:get)', rt, bridge);
      const openBridge = await page.evaluate(async () => {
        const t = performance.now();
        await window.api.invoke('document:open', { id: 'big' });
        return performance.now() - t;
      });
      const openHandler = handlerMs['document:open']!.at(-1)!;
      record(w.name, 'document:open: bridge (not handler)', [openBridge - openHandler], bridge);
      record(w.name, 'document:apply handler (main, write)', handlerMs['document:apply'] ?? [], bridge);
      await context.close();
      await session.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { figures, bridge, floor };
}
