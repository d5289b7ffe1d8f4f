#!/usr/bin/env node
// `npm start`: build and open Spanmark in Electron. If the Electron binary is
// missing (npm may skip electron's download script), fetch it once with
// electron's own installer; where that cannot reach the network, say so and
// point to the browser host.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronBinary } from './electron-binary.mjs';

let bin = electronBinary();
if (!bin && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Downloading the Electron binary (once)…');
  const installer = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
  spawnSync(process.execPath, [installer], { stdio: 'inherit' });
  bin = electronBinary();
}
if (!bin) {
  console.error('The Electron binary is not installed and could not be downloaded here.');
  console.error('Try the same app in Chromium with `npm run web` (the browser host).');
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync(bin, ['.'], { stdio: 'inherit' });
process.exit(r.status ?? 0);
