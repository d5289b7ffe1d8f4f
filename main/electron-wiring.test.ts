import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, MENU_COMMANDS } from '../shared/ipc/names';
import { CSP, WEB_PREFERENCES } from './window/security';

/**
 * The Electron binary cannot run here, so the built main bundle (out/main/index.js,
 * exactly what `npm start` launches) runs in plain Node against a recorded fake of
 * Electron's API (main/__wiring__). This proves the wiring that unit tests of the
 * parts cannot: that index.ts really registers every channel behind the sender
 * check, gives the window its security settings and CSP, loads files that exist,
 * and sends menu commands the renderer handles.
 */

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'out');
let dataDir = '';

interface Reply {
  ok: boolean;
  error?: { code: string };
}
interface MenuEntry {
  path: string[];
  role: string | null;
  accelerator: string | null;
  registerAccelerator: boolean;
  sent: { channel: string; payload: { command: string } }[];
}
interface Wiring {
  userData: string | null;
  singleInstanceLock: number;
  windows: number;
  options: { webPreferences: Record<string, unknown> & { preload: string } };
  loaded: { file?: string; url?: string };
  shown: number;
  focused: number;
  ipc: Record<string, { untrusted: Reply; noFrame: Reply; trusted: Reply }>;
  bootstrap: Reply & { value?: { host: string } };
  headers: Record<string, string[]> | null;
  navigation: { away: boolean; own: boolean };
  windowOpen: { action: string } | null;
  externalUrls: string[];
  permission: boolean | null;
  permissionCheck: boolean | null;
  menuSet: boolean;
  menu: MenuEntry[];
}
let wiring: Wiring;

beforeAll(() => {
  // the real build, as `npm start` makes it (about 10 s)
  const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dataDir = mkdtempSync(path.join(tmpdir(), 'spanmark-wiring-'));
  const run = spawnSync(
    process.execPath,
    ['--import', path.join(__dirname, '__wiring__', 'register.mjs'), path.join(__dirname, '__wiring__', 'run-main.mjs'), path.join(out, 'main', 'index.js')],
    { cwd: root, encoding: 'utf8', env: { ...process.env, SPANMARK_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' }, timeout: 60_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  wiring = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Wiring;
}, 120_000);

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the built Electron main process, against a recorded fake Electron', () => {
  it('starts once per machine, in the data folder it is given, with one window shown when ready', () => {
    expect(wiring.singleInstanceLock).toBe(1);
    expect(wiring.userData).toBe(dataDir);
    expect(wiring.windows).toBe(1);
    expect(wiring.shown).toBe(1);
    // a second launch focuses the open window instead of opening another writer
    expect(wiring.focused).toBe(1);
  });

  it('registers every contract channel, each refusing frames that are not the app’s page', () => {
    expect(Object.keys(wiring.ipc).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const [channel, r] of Object.entries(wiring.ipc)) {
      expect(r.untrusted, channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(r.noFrame, channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // the app's own page passes the check and reaches the contract's payload parser
      expect(r.trusted, channel).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(wiring.bootstrap).toMatchObject({ ok: true, value: { host: 'electron' } });
  });

  it('gives the window every security preference and a preload that exists in out/', () => {
    const { preload, ...prefs } = wiring.options.webPreferences;
    expect(prefs).toEqual(WEB_PREFERENCES);
    expect(path.relative(out, preload)).toBe(path.join('preload', 'index.cjs'));
    expect(existsSync(preload)).toBe(true);
    // a sandboxed preload must be CommonJS
    expect(readFileSync(preload, 'utf8')).toMatch(/require\("electron"\)/);
  });

  it('loads the built page, whose scripts and styles exist, and serves it with the CSP', () => {
    expect(wiring.loaded.url).toBeUndefined();
    const page = wiring.loaded.file!;
    expect(path.relative(out, page)).toBe(path.join('renderer', 'index.html'));
    const html = readFileSync(page, 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(existsSync(path.resolve(path.dirname(page), a)), a).toBe(true);
    expect(wiring.headers).toEqual({ 'X-Original': ['kept'], 'Content-Security-Policy': [CSP] });
  });

  it('hardens the page: no navigation away, no new windows, no permissions', () => {
    expect(wiring.navigation).toEqual({ away: true, own: false });
    expect(wiring.windowOpen).toEqual({ action: 'deny' });
    expect(wiring.externalUrls).toEqual(['https://example.org/a']);
    expect(wiring.permission).toBe(false);
    expect(wiring.permissionCheck).toBe(false);
  });

  it('has a menu whose every command reaches the renderer as an event it handles', () => {
    expect(wiring.menuSet).toBe(true);
    const commands = wiring.menu.filter((m) => m.role === null);
    expect(commands.length).toBeGreaterThan(0);
    for (const m of commands) {
      expect(m.sent, m.path.join(' › ')).toHaveLength(1);
      const [{ channel, payload }] = m.sent as [MenuEntry['sent'][number]];
      expect(EVENT_NAMES).toContain(channel);
      expect(channel).toBe('menu:command');
      expect(MENU_COMMANDS).toContain(payload.command);
    }
    // and every command the renderer handles is on the menu
    expect(new Set(commands.map((m) => m.sent[0]!.payload.command))).toEqual(new Set(MENU_COMMANDS));
    // role items (quit, copy, …) are Electron's own and send nothing
    for (const m of wiring.menu.filter((x) => x.role !== null)) expect(m.sent).toEqual([]);
  });

  it('shows the keymap’s shortcuts on Edit and View, leaving the keys to the page', () => {
    const byPath = new Map(wiring.menu.map((m) => [m.path.join(' › '), m]));
    expect(byPath.get('Edit › Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z' });
    expect(byPath.get('Edit › Redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z' });
    expect(byPath.get('Edit › Find in document…')).toMatchObject({ accelerator: 'CmdOrCtrl+F' });
    expect(byPath.get('View › Larger text')).toMatchObject({ accelerator: 'CmdOrCtrl+=' });
    expect(byPath.get('View › Smaller text')).toMatchObject({ accelerator: 'CmdOrCtrl+-' });
    expect(byPath.get('View › Default text size')).toMatchObject({ accelerator: 'CmdOrCtrl+0' });
    expect(byPath.get('View › Theme › Dark')?.sent[0]?.payload.command).toBe('theme-dark');
    expect(byPath.get('View › Side panel › Details')?.sent[0]?.payload.command).toBe('panel-details');
    expect(byPath.get('File › Import files…')).toMatchObject({ accelerator: 'CmdOrCtrl+I' });
    // a registered accelerator would take Ctrl+Z from a text field's own undo
    for (const m of wiring.menu.filter((x) => x.accelerator && x.role === null)) expect(m.registerAccelerator, m.path.join(' › ')).toBe(false);
  });
});
