// Loads the built main bundle against the fake Electron (see register.mjs), plays
// what Electron and the page would do — start, IPC from trusted and untrusted frames,
// menu clicks — and prints what the app did as one JSON line.
import { pathToFileURL } from 'node:url';
import { fireReady, record } from './fake-electron.mjs';

const [mainBundle] = process.argv.slice(2);
await import(pathToFileURL(mainBundle).href);
fireReady();
const deadline = Date.now() + 20_000;
while (record.windows.length === 0 || record.applicationMenu === null) {
  if (Date.now() > deadline) throw new Error('the app opened no window within 20 s of ready');
  await new Promise((r) => setTimeout(r, 10));
}
const win = record.windows[0];
const pageUrl = win.loaded?.file ? pathToFileURL(win.loaded.file).href : win.loaded?.url;

const frame = (url) => ({ senderFrame: url === null ? null : { url }, sender: win.webContents });
const ipc = {};
for (const [channel, handle] of record.ipcHandlers) {
  ipc[channel] = {
    untrusted: await handle(frame('https://evil.example/renderer/index.html'), {}),
    noFrame: await handle(frame(null), {}),
    // a payload no channel accepts: a trusted frame gets past the sender check to the contract's parser
    trusted: await handle(frame(pageUrl), 42),
  };
}
const bootstrap = await record.ipcHandlers.get('app:bootstrap')?.(frame(pageUrl), {});

let headers = null;
win.webContents.session.headerHandler?.({ responseHeaders: { 'X-Original': ['kept'] } }, (r) => (headers = r.responseHeaders));
const navigate = (url) => {
  let prevented = false;
  win.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
  return prevented;
};
const navigation = { away: navigate('https://evil.example/'), own: navigate(pageUrl) };
const windowOpen = win.webContents.windowOpenHandler?.({ url: 'https://example.org/a' }) ?? null;
let permission = null;
win.webContents.session.permissionRequest?.({}, 'media', (granted) => (permission = granted));

win.emit('ready-to-show');
for (const fn of record.appListeners.get('second-instance') ?? []) fn();

const menu = [];
const walk = (items, path) => {
  for (const item of items) {
    const label = item.label ?? item.role ?? item.type;
    if (item.type === 'separator') continue;
    if (Array.isArray(item.submenu)) walk(item.submenu, [...path, label]);
    else {
      const before = win.webContents.sent.length;
      if (typeof item.click === 'function') item.click({}, win, {});
      menu.push({ path: [...path, label], role: item.role ?? null, accelerator: item.accelerator ?? null, registerAccelerator: item.registerAccelerator ?? true, sent: win.webContents.sent.slice(before) });
    }
  }
};
walk(record.menuTemplate ?? [], []);

for (const fn of record.appListeners.get('before-quit') ?? []) fn();
await new Promise((r) => setTimeout(r, 50));

process.stdout.write(
  JSON.stringify({
    userData: record.paths.get('userData') ?? null,
    singleInstanceLock: record.singleInstanceLock,
    windows: record.windows.length,
    options: win.options,
    loaded: win.loaded,
    pageUrl,
    shown: win.shown,
    focused: win.focused,
    ipc,
    bootstrap,
    headers,
    navigation,
    windowOpen,
    externalUrls: record.externalUrls,
    permission,
    permissionCheck: win.webContents.session.permissionCheck?.() ?? null,
    menuSet: record.applicationMenu !== null,
    menu,
  }) + '\n',
);
process.exit(0);
