import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportResult } from '../../shared/formats/types';
import { parseUnitHere, type ParseJob } from './parse-unit';

/**
 * Import parsing in a worker thread (worker_threads), one file at a time.
 * The main thread stays free for the window and for the corpus lock's
 * refresh timer, which a long synchronous parse used to starve until
 * another process took the lock over. A file whose parse runs past the
 * time budget is stopped (the worker is terminated and a fresh one serves
 * the next file) and reported as refused.
 */

export const importLimits = {
  /** per file; a 50 MB CoNLL file parses in well under this */
  budgetMs: 120_000,
  /** an idle worker is let go after this, so a finished import holds no thread */
  idleMs: 10_000,
};

export class ParseTimeoutError extends Error {}

interface Live {
  worker: Worker;
  idle: NodeJS.Timeout | null;
}

let live: Live | null = null;
let queue: Promise<unknown> = Promise.resolve();
let seq = 0;
/** set when a worker cannot start here (for example a packaging that cannot load it): parse in-process instead */
let unavailable = false;

function workerEntry(): { file: string; execArgv: string[] } {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const name of ['import-worker.js', 'import-worker.mjs']) {
    const built = path.join(here, name);
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  // running from source (tests, the CLI through tsx, the browser host): the worker loads TypeScript through tsx
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
  return { file: path.join(here, 'import-worker.ts'), execArgv: ['--import', tsx] };
}

function start(): Live {
  const { file, execArgv } = workerEntry();
  const worker = new Worker(file, { execArgv });
  worker.unref(); // never keeps the CLI alive
  const l: Live = { worker, idle: null };
  worker.on('exit', () => {
    if (live === l) live = null;
  });
  worker.on('error', () => undefined);
  return l;
}

function stop(l: Live): void {
  if (live === l) live = null;
  if (l.idle) clearTimeout(l.idle);
  void l.worker.terminate();
}

async function run(job: ParseJob): Promise<ImportResult> {
  if (unavailable) return parseUnitHere(job);
  const l = live ?? (live = start());
  if (l.idle) clearTimeout(l.idle);
  l.idle = null;
  const id = ++seq;
  try {
    return await new Promise<ImportResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        stop(l);
        reject(new ParseTimeoutError(`not imported: reading it took longer than ${Math.round(importLimits.budgetMs / 1000)} s, so it was stopped`));
      }, importLimits.budgetMs);
      const onMessage = (m: { seq: number; result?: ImportResult; error?: string }) => {
        if (m.seq !== id) return;
        cleanup();
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.result!);
      };
      const onError = (e: Error) => {
        cleanup();
        stop(l);
        reject(Object.assign(e, { startup: true }));
      };
      const cleanup = () => {
        clearTimeout(timer);
        l.worker.off('message', onMessage);
        l.worker.off('error', onError);
      };
      l.worker.on('message', onMessage);
      l.worker.on('error', onError);
      l.worker.postMessage({ ...job, seq: id });
    });
  } catch (e) {
    if ((e as { startup?: boolean }).startup && !(e instanceof ParseTimeoutError)) {
      unavailable = true;
      return parseUnitHere(job);
    }
    throw e;
  } finally {
    if (live === l) l.idle = setTimeout(() => stop(l), importLimits.idleMs).unref();
  }
}

/** Parses one import unit in the worker; files are queued, one at a time. */
export function parseInWorker(job: ParseJob): Promise<ImportResult> {
  const next = queue.then(() => run(job));
  queue = next.catch(() => undefined);
  return next;
}
