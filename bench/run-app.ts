import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runAppBench } from './app';

// `npm run bench` runs this after the view and corpus figures (BENCH_ONLY=app runs it alone)
const { figures, bridge, floor } = await runAppBench();
await writeFile(path.join(import.meta.dirname, 'results-app.json'), `${JSON.stringify({ figures, bridge, floor }, null, 2)}\n`);
console.log('Wrote bench/results-app.json');
