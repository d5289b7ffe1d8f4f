import { chromium, type Browser } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '../scripts/host/static-server';
import { runCorpusBench } from './corpus';
import { runSuggestBench } from './suggest';
import { WORKLOADS } from './generate';

/**
 * Runs the view benchmark in headless Chromium (one fresh page per contender
 * and run) and the corpus benchmark in Node, prints a table with ratios and
 * writes bench/results.json. BENCH_RUNS overrides the number of runs;
 * BENCH_ONLY=view|corpus|suggest runs one part; BENCH_WORKLOADS=20k/500,… picks workloads.
 */

type Contender = 'spanmark' | 'recogito' | 'floor';
const CONTENDERS: Contender[] = ['spanmark', 'recogito', 'floor'];

export interface ResultRecord {
  workload: string;
  metric: string;
  spanmark: number | null;
  recogito: number | null;
  floor: number | null;
  unit: string;
}

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // frames as fast as the page can make them, so a frame's length is its cost, not the 60 Hz tick
  '--disable-frame-rate-limit',
  '--disable-gpu-vsync',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
];

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Recogito on the largest workload takes minutes per run; one run says enough. */
const runsFor = (workload: string, c: Contender): number => (c === 'recogito' && workload === '1M/20000' ? 1 : RUNS);
const MOUNT_TIMEOUT = 120_000;

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface ViewRun {
  mount: number;
  add: number;
  relabel: number;
  p50: number;
  p95: number;
  heap: number | null;
  counts: { total: number; model: number; dom: number; expectedInDom: number; note: string };
  reachedEnd: boolean;
}

async function oneRun(browser: Browser, url: string, workload: string, c: Contender): Promise<ViewRun> {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await ctx.newPage();
  try {
    page.setDefaultTimeout(MOUNT_TIMEOUT + 60_000);
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window);
    type B = { bench: Record<string, (...a: unknown[]) => unknown> };
    await page.evaluate(([w, k]) => (window as unknown as B).bench.prepare!(w, k), [workload, c] as const);
    const mount = (await page.evaluate(() => (window as unknown as B).bench.mount!())) as number;
    const counts = (await page.evaluate(() => (window as unknown as B).bench.count!())) as ViewRun['counts'];
    const add = (await page.evaluate(() => (window as unknown as B).bench.add!())) as number;
    const relabel = (await page.evaluate(() => (window as unknown as B).bench.relabel!())) as number;
    const scroll = (await page.evaluate(() => (window as unknown as B).bench.scroll!())) as { p50: number; p95: number; reachedEnd: boolean };
    const heap = (await page.evaluate(() => (window as unknown as B).bench.heap!())) as number | null;
    return { mount, add, relabel, p50: scroll.p50, p95: scroll.p95, heap, counts, reachedEnd: scroll.reachedEnd };
  } finally {
    await ctx.close();
  }
}

async function viewBench(records: ResultRecord[]): Promise<string[]> {
  const server = await serveStatic(path.join(ROOT, 'bench', 'tmp', 'page'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  const notes: string[] = [];
  try {
    const pickW = process.env.BENCH_WORKLOADS?.split(',');
    for (const w of WORKLOADS.filter((x) => !pickW || pickW.includes(x.name))) {
      const runs: Record<Contender, ViewRun[]> = { spanmark: [], recogito: [], floor: [] };
      for (const c of CONTENDERS) {
        for (let i = 0; i < runsFor(w.name, c); i++) {
          const t0 = Date.now();
          try {
            runs[c].push(await oneRun(browser, server.url, w.name, c));
          } catch (e) {
            notes.push(`${w.name} ${c}: run ${i + 1} failed: ${(e as Error).message.split('\n')[0]}`);
            break;
          }
          process.stderr.write(`[bench] ${w.name} ${c} run ${i + 1}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
        }
        const last = runs[c][runs[c].length - 1];
        if (last) {
          const k = last.counts;
          const short = k.model < k.total || k.dom < k.expectedInDom;
          notes.push(
            `${w.name} ${c}: ${k.model}/${k.total} spans in its model, ${k.dom} highlighted in the DOM (${k.expectedInDom} expected there; ${k.note})${short ? ' — RENDERS FEWER THAN EXPECTED' : ''}${last.reachedEnd ? '' : ' — scroll did not reach the end'}`,
          );
        }
      }
      const m = (c: Contender, f: (r: ViewRun) => number | null): number | null => median(runs[c].map(f).filter((x): x is number => x !== null));
      const metric = (name: string, unit: string, f: (r: ViewRun) => number | null): void => {
        records.push({ workload: w.name, metric: name, spanmark: m('spanmark', f), recogito: m('recogito', f), floor: m('floor', f), unit });
      };
      metric('first paint', 'ms', (r) => r.mount);
      metric('add span', 'ms', (r) => r.add);
      metric('relabel span', 'ms', (r) => r.relabel);
      metric('scroll frame p50', 'ms', (r) => r.p50);
      metric('scroll frame p95', 'ms', (r) => r.p95);
      metric('JS heap', 'MB', (r) => r.heap);
      metric('highlights in DOM', 'spans', (r) => r.counts.dom);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return notes;
}

const fmt = (x: number | null, unit: string): string => (x === null ? '—' : unit === 'spans' ? String(Math.round(x)) : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (a: number | null, b: number | null): string => (a === null || b === null || b === 0 ? '—' : `${(a / b).toFixed(2)}×`);

function printTable(records: ResultRecord[]): void {
  const rows = [['workload', 'metric', 'spanmark', 'recogito', 'floor', 'unit', 'S÷R', 'S÷floor']];
  for (const r of records) rows.push([r.workload, r.metric, fmt(r.spanmark, r.unit), fmt(r.recogito, r.unit), fmt(r.floor, r.unit), r.unit, ratio(r.spanmark, r.recogito), ratio(r.spanmark, r.floor)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [n, r] of rows.entries()) {
    console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const records: ResultRecord[] = [];
  const notes: string[] = [];
  const t0 = Date.now();
  if (!only || only === 'view') notes.push(...(await viewBench(records)));
  if (!only || only === 'corpus') records.push(...(await runCorpusBench(RUNS)));
  if (!only || only === 'suggest') records.push(...(await runSuggestBench(RUNS)));
  console.log('');
  printTable(records);
  console.log('\nWhat each contender renders:');
  for (const n of notes) console.log(`  ${n}`);
  await writeFile(path.join(ROOT, 'bench', 'results.json'), JSON.stringify(records, null, 2) + '\n');
  console.log(`\nbench/results.json written; ${((Date.now() - t0) / 1000).toFixed(0)} s in all, medians of ${RUNS} runs.`);
}

await main();
