// Where the Electron binary is, or null. Reads electron's path.txt rather than
// require('electron'), which tries to download a missing binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function electronBinary() {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const bin = path.join(path.dirname(pkg), 'dist', readFileSync(path.join(path.dirname(pkg), 'path.txt'), 'utf8').trim());
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}
