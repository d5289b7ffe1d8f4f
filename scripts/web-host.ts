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
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), headless: !!process.env.HEADLESS });
const host = new BrowserHost(browser, dataDir, server.url);
await host.start();
console.log(`Spanmark (browser host) is running with data in ${dataDir}. Close the window or press Ctrl+C to quit.`);
host.page.on('close', () => void host.stop().then(() => browser.close()).then(() => server.close()).then(() => process.exit(0)));
