import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary } from './electron-binary.mjs';
import { nodeVersionProblem } from './node-version.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Debian's own Node (20 here), the one a newcomer may have on PATH */
const OLD_NODE = '/usr/bin/node';
const oldNodeVersion = existsSync(OLD_NODE) ? spawnSync(OLD_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
const haveOldNode = !!oldNodeVersion && nodeVersionProblem(oldNodeVersion, 'x') !== null;

describe('the Node version check', () => {
  it('accepts 22.12 and newer, refuses older ones with what to do', () => {
    for (const ok of ['22.12.0', 'v22.12.1', '22.20.0', '23.0.0', '24.1.0']) expect(nodeVersionProblem(ok, 'npm test'), ok).toBeNull();
    for (const old of ['20.20.2', 'v22.11.0', '18.0.0', '22.2.0']) {
      const msg = nodeVersionProblem(old, 'npm test');
      expect(msg, old).toContain(`Spanmark needs Node 22.12.0 or newer; \`npm test\` is running on Node ${old}`);
      expect(msg).toContain('nvm install 22');
    }
  });

  // runs only where an older Node is installed beside ours (Debian's /usr/bin/node is 20 on this machine)
  it.skipIf(!haveOldNode)('npm test, npm start and npm run web stop at once on an older Node and say what to do', () => {
    for (const [script, args, task] of [
      ['scripts/test-all.mjs', [], 'npm test'],
      ['scripts/launch.mjs', [], 'npm start'],
      ['scripts/node-version.mjs', ['npm run web'], 'npm run web'],
    ] as const) {
      const started = Date.now();
      const r = spawnSync(OLD_NODE, [script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
      expect(r.status, script).toBe(1);
      expect(r.stderr).toContain(`Spanmark needs Node 22.12.0 or newer; \`${task}\` is running on Node ${oldNodeVersion.slice(1)}`);
      expect(r.stderr).toContain('nvm install 22');
      expect(r.stdout, 'nothing else ran first').not.toContain('===');
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });
});

describe('npm start without the Electron binary', () => {
  // where the binary is installed, `npm start` would open the app instead
  it.skipIf(!!electronBinary())('prints advice, not the downloader\'s stack, when Electron cannot be downloaded', () => {
    const r = spawnSync(process.execPath, ['scripts/launch.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      // a mirror on a closed local port fails the download the way a machine without internet does
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: mkdtempSync(path.join(os.tmpdir(), 'spanmark-ecache-')), ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The Electron binary is not installed and could not be downloaded here');
    expect(r.stderr).toContain('npm run web');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
