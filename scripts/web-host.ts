// `npm run web`: the browser host for people without the Electron binary —
// the built renderer in Chromium, window.api bridged to the real handlers,
// data in ~/.spanmark-web (or SPANMARK_DATA_DIR).
import { chromium } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BrowserHost } from './host/browser-host';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './host/chromium';
import { serveStatic } from './host/static-server';

const dataDir = process.env.SPANMARK_DATA_DIR ?? path.join(os.homedir(), '.spanmark-web');
await mkdir(dataDir, { recursive: true });
const server = await serveStatic(path.join(ROOT, 'out', 'renderer'));
// a Linux machine without a display (ssh, a container) cannot open a window: run headless and say so, instead of crashing
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = !!process.env.HEADLESS || noDisplay;
if (noDisplay && !process.env.HEADLESS) {
  console.log('No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the browser runs headless: no window will open.');
  console.log('To see the app, run `npm run web` in a desktop session, or over ssh with X forwarding (ssh -X); set HEADLESS=1 to run headless on purpose.');
}
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), headless });
// a person is at this page: no scripted dialog answers, so the page shows its own file pickers, downloads and path prompts
const host = new BrowserHost(browser, dataDir, server.url, true);
await host.start();
console.log(`Spanmark (browser host) is running with data in ${dataDir}${headless ? ' (headless)' : ''}. ${headless ? 'Press Ctrl+C to quit.' : 'Close the window or press Ctrl+C to quit.'}`);
host.page.on('close', () => void host.stop().then(() => browser.close()).then(() => server.close()).then(() => process.exit(0)));
