#!/usr/bin/env node
// `npm run launch`: build and open Spanmark in Electron when its binary is
// installed; otherwise explain how to get it, and offer the browser host.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';


const bin = electronBinary();
if (!bin) {
  console.error('The Electron binary is not installed (it is downloaded by `npm install` when the network allows).');
  console.error('Install it with `node node_modules/electron/install.js`, or try the same UI in Chromium with `npm run web`.');
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(bin, ['.'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
