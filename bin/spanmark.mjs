#!/usr/bin/env node
// Runs the bundled CLI (npm run build:cli) when present, otherwise the
// TypeScript source through tsx, so `spanmark` works straight from a checkout.
// SPANMARK_CLI_SOURCE=1 forces the source (tests, and while editing).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/cli/index.mjs', import.meta.url));
const source = fileURLToPath(new URL('../main/cli/index.ts', import.meta.url));

let entry;
if (existsSync(built) && !process.env.SPANMARK_CLI_SOURCE) entry = built;
else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = source;
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv);
