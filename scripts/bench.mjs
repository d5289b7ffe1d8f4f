#!/usr/bin/env node
// Builds the bench page (Spanmark's real document view, Recogito, a raw-DOM floor)
// and runs bench/run.ts: view figures in headless Chromium, corpus figures in Node.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!['corpus', 'sync', 'suggest'].includes(process.env.BENCH_ONLY)) run('npx', ['vite', 'build', '--config', 'bench/vite.bench.config.ts', '--logLevel', 'error']);
if (process.env.BENCH_ONLY !== 'sync') run('npx', ['tsx', 'bench/run.ts']); // view, corpus and suggestion figures
// team sync figures (issue 14): BENCH_ONLY=sync runs only these
if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sync') run('npx', ['tsx', 'bench/sync.ts']);
