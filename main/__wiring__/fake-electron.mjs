// A recorded stand-in for the parts of Electron's main-process API that Spanmark's
// main bundle and its dependencies (electron-store) touch. Everything the app
// does to it lands in `record`, which run-main.mjs inspects and reports.
import { EventEmitter } from 'node:events';

export const record = {
  paths: new Map(),
  appListeners: new Map(),
  singleInstanceLock: 0,
  quit: 0,
  ipcHandlers: new Map(),
  ipcOn: new Map(),
  windows: [],
  menuTemplate: null,
  applicationMenu: null,
  externalUrls: [],
};

class FakeSession {
  constructor() {
    this.headerHandler = null;
    this.permissionRequest = null;
    this.permissionCheck = null;
    this.webRequest = { onHeadersReceived: (fn) => void (this.headerHandler = fn) };
  }
  setPermissionRequestHandler(fn) {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn) {
    this.permissionCheck = fn;
  }
}

class FakeWebContents extends EventEmitter {
  constructor() {
    super();
    this.session = new FakeSession();
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return record.windows;
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.loaded = null;
    this.shown = 0;
    this.focused = 0;
    record.windows.push(this);
  }
  loadFile(file) {
    this.loaded = { file };
    return Promise.resolve();
  }
  loadURL(url) {
    this.loaded = { url };
    return Promise.resolve();
  }
  show() {
    this.shown++;
  }
  focus() {
    this.focused++;
  }
  isDestroyed() {
    return false;
  }
}

let resolveReady;
const ready = new Promise((r) => (resolveReady = r));

export const app = {
  setPath: (name, value) => void record.paths.set(name, value),
  getPath: (name) => {
    if (!record.paths.has(name)) throw new Error(`fake electron: app.getPath(${name}) before setPath`);
    return record.paths.get(name);
  },
  getVersion: () => '0.0.0-fake',
  getName: () => 'Spanmark',
  requestSingleInstanceLock: () => (record.singleInstanceLock++, true),
  quit: () => void record.quit++,
  on: (event, fn) => {
    const list = record.appListeners.get(event) ?? [];
    list.push(fn);
    record.appListeners.set(event, list);
    return app;
  },
  whenReady: () => ready,
  isPackaged: false,
};

export const ipcMain = {
  handle: (channel, fn) => {
    if (record.ipcHandlers.has(channel)) throw new Error(`fake electron: second handler for ${channel}`);
    record.ipcHandlers.set(channel, fn);
  },
  on: (channel, fn) => void record.ipcOn.set(channel, fn),
  removeHandler: (channel) => void record.ipcHandlers.delete(channel),
};

export const Menu = {
  buildFromTemplate: (template) => {
    record.menuTemplate = template;
    return { template };
  },
  setApplicationMenu: (menu) => void (record.applicationMenu = menu),
};

export const shell = { openExternal: (url) => (record.externalUrls.push(url), Promise.resolve()), openPath: () => Promise.resolve('') };

const canceled = () => Promise.resolve({ canceled: true, filePaths: [], filePath: undefined });
export const dialog = { showOpenDialog: canceled, showSaveDialog: canceled, showMessageBox: () => Promise.resolve({ response: 0 }) };

/** Lets the app's `whenReady().then(...)` run, as Electron does once it has started. */
export function fireReady() {
  resolveReady();
}

// no OS keychain here: the app must cope (team passwords are then not stored)
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('fake electron: no keychain');
  },
  decryptString: () => {
    throw new Error('fake electron: no keychain');
  },
};

const electron = { app, BrowserWindow, ipcMain, Menu, shell, dialog, safeStorage };
export default electron;
