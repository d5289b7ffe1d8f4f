#!/usr/bin/env node
// Builds the bench page (Spanmark's real document view, Recogito, a raw-DOM floor)
// and runs bench/run.ts: view figures in headless Chromium, corpus figures in Node;
// bench/sync.ts: team sync figures; then builds the real renderer and runs
// bench/run-app.ts: the assembled app on the browser host.
// BENCH_ONLY=view|corpus|sync|app runs one part.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const only = process.env.BENCH_ONLY;
if (!['corpus', 'sync', 'suggest', 'app'].includes(only)) run('npx', ['vite', 'build', '--config', 'bench/vite.bench.config.ts', '--logLevel', 'error']);
if (!['sync', 'app'].includes(only)) run('npx', ['tsx', 'bench/run.ts']); // view, corpus and suggestion figures
// team sync figures (issue 14): BENCH_ONLY=sync runs only these
if (!only || only === 'sync') run('npx', ['tsx', 'bench/sync.ts']);
if (!only || only === 'app') {
  if (!process.env.SPANMARK_SKIP_BUILD) run('npx', ['vite', 'build', '--config', 'renderer/vite.web.config.ts', '--logLevel', 'error']);
  run('npx', ['tsx', 'bench/run-app.ts']);
}
