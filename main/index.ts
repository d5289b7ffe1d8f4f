import { app, BrowserWindow, ipcMain, Menu, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from './ipc/dispatch';
import { createHandlers, safeExternalUrl } from './ipc/handlers';
import { CHANNELS } from '../shared/ipc/contract';
import { electronCredentials, electronDialogs, electronSettings } from './services/electron-adapters';
import { PathGrants } from './services/path-grants';
import { Session } from './services/session';
import { appPageUrl, createMainWindow } from './window/create-window';
import { buildMenu } from './window/menu';
import { isTrustedSender } from './window/security';

// wiring only: build services, register handlers, open the window
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appPages = { page: appPageUrl(outDir), devServerUrl };
if (process.env.SPANMARK_DATA_DIR) app.setPath('userData', process.env.SPANMARK_DATA_DIR);

let win: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // one window per app keeps one writer per corpus; the lock file covers other processes
  app.quit();
} else {
  app.on('second-instance', () => win?.focus());
  void app.whenReady().then(() => {
    const session = new Session(app.getPath('userData'), (change) => win?.webContents.send('corpus:changedOnDisk', change));
    const grants = new PathGrants();
    const handlers = createHandlers({
      grants,
      session,
      settings: electronSettings(),
      dialogs: electronDialogs(() => win),
      host: 'electron',
      emit: (event, payload) => win?.webContents.send(event, payload),
      openExternal: (url) => {
        const safe = safeExternalUrl(url);
        return safe ? shell.openExternal(safe) : Promise.resolve();
      },
      credentials: electronCredentials(),
    });
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, payload) => {
        if (!isTrustedSender(event.senderFrame?.url, appPages)) {
          return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame was refused.' } };
        }
        return dispatch(handlers, channel, payload);
      });
    }
    // the preload turns a dropped file's path into a token (main/preload/index.ts); nothing else reaches this
    ipcMain.on('path:grantDropped', (event, p: unknown) => {
      event.returnValue = isTrustedSender(event.senderFrame?.url, appPages) && typeof p === 'string' && p ? grants.mint(p, 'import') : '';
    });
    Menu.setApplicationMenu(buildMenu((command) => win?.webContents.send('menu:command', { command }), { devTools: !app.isPackaged }));
    win = createMainWindow(outDir, devServerUrl);
    app.on('before-quit', () => void session.close());
  });
  app.on('window-all-closed', () => app.quit());
}
