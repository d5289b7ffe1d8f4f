#!/usr/bin/env node
// Builds the app for the host that can run here, runs the Playwright specs,
// prints the host and the counts, and fails when no spec ran.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { electronBinary } from './electron-binary.mjs';

const host = process.env.SPANMARK_E2E_HOST ?? (electronBinary() ? 'electron' : 'browser');
console.log(`[e2e] host: ${host}${host === 'browser' ? ' (no Electron binary here: built renderer in Chromium, window.api bridged to the real main-process handlers)' : ''}`);

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.env.SPANMARK_SKIP_BUILD) {
  if (host === 'electron') run('npx', ['electron-vite', 'build']);
  else run('npx', ['vite', 'build', '--config', 'renderer/vite.web.config.ts', '--logLevel', 'warn']);
}
const extra = process.argv.slice(2);
const r = spawnSync('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...extra], { stdio: 'inherit', env: { ...process.env, SPANMARK_E2E_HOST: host } });

let stats = { expected: 0, unexpected: 0, skipped: 0, flaky: 0 };
try {
  stats = JSON.parse(readFileSync('reports/e2e-results.json', 'utf8')).stats;
} catch {
  console.error('[e2e] no results file: Playwright did not run');
  process.exit(1);
}
const passed = stats.expected + stats.flaky;
console.log(`[e2e] host ${host}: ${passed} passed, ${stats.unexpected} failed, ${stats.skipped} skipped`);
if (passed + stats.unexpected === 0) {
  console.error('[e2e] zero e2e tests ran — failing on purpose');
  process.exit(1);
}
process.exit(r.status ?? 1);
