import { BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { safeExternalUrl } from '../ipc/handlers';
import { CSP, hardenContents, WEB_PREFERENCES } from './security';

/** The bundled page's file URL, which alone is trusted (security.ts isAppUrl). */
export function appPageUrl(outDir: string): string {
  return pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;
}

export function createMainWindow(outDir: string, devServerUrl?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Spanmark',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: path.join(outDir, 'preload', 'index.cjs') },
  });
  win.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  hardenContents(win.webContents, (url) => {
    const safe = safeExternalUrl(url);
    if (safe) void shell.openExternal(safe);
  }, { page: appPageUrl(outDir), devServerUrl });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(path.join(outDir, 'renderer', 'index.html'));
  return win;
}
