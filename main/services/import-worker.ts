/**
 * Worker thread entry: parses one import unit (a file, or a brat pair) and
 * posts the result back. Parsing runs here, off the main thread, so a slow
 * or hostile file cannot stall the window or the corpus lock's refresh
 * timer; main/services/parse-in-worker.ts stops it when over its time budget.
 */
import { parentPort } from 'node:worker_threads';
import { parseUnitHere, type ParseJob } from './parse-unit';

parentPort?.on('message', (job: ParseJob & { seq: number }) => {
  parseUnitHere(job).then(
    (result) => parentPort!.postMessage({ seq: job.seq, result }),
    (e: unknown) => parentPort!.postMessage({ seq: job.seq, error: e instanceof Error ? e.message : String(e) }),
  );
});
