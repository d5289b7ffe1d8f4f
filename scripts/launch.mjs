#!/usr/bin/env node
// `npm start`: build and open Spanmark in Electron. If the Electron binary is
// missing (npm may skip electron's download script), fetch it once with
// electron's own installer; where that cannot reach the network, say so in
// plain words (not the installer's stack) and point to the browser host.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';
import { requireNode } from './node-version.mjs';

requireNode('npm start');

let bin = electronBinary();
let failure = '';
if (!bin && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Downloading the Electron binary (once)…');
  const installer = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  const r = spawnSync(process.execPath, [installer], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  // the installer's error is a stack trace; keep only its message line for the advice below
  failure = (r.stderr ?? '').split('\n').map((l) => l.trim()).find((l) => /error|fail/i.test(l) && !l.startsWith('at ')) ?? '';
  bin = electronBinary();
}
if (!bin) {
  console.error('The Electron binary is not installed and could not be downloaded here' + (failure ? ` (${failure.replace(/^\w*Error:\s*/, '')}).` : '.'));
  console.error('Either:');
  console.error('  - connect to the internet and run `npm start` again (it downloads Electron once), or');
  console.error('  - run the same app in Chromium: `npm run web` (the browser host; see "Without Electron" in the README).');
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(bin, ['.'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
