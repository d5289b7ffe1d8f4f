#!/usr/bin/env node
// npm test: typecheck, lint, unit, e2e — in that order, stopping at the first failure,
// then one summary line with the counts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { requireNode } from './node-version.mjs';

requireNode('npm test');

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  // shared/ alone, without DOM or Node types
  ['typecheck shared', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.shared.json']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=reports/unit-results.json']],
  ['e2e', 'node', ['scripts/e2e.mjs']],
];

for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

const unit = JSON.parse(readFileSync('reports/unit-results.json', 'utf8'));
const e2e = JSON.parse(readFileSync('reports/e2e-results.json', 'utf8')).stats;
const passed = unit.numPassedTests + e2e.expected + e2e.flaky;
const failed = unit.numFailedTests + e2e.unexpected;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`\nunit: ${unit.numPassedTests} passed · e2e: ${e2e.expected + e2e.flaky} passed`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
