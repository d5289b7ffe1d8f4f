/**
 * Every security setting of the window, in one place (Electron's security
 * checklist). Kept free of Electron imports so tests can hold them against
 * fakes; main/window/create-window.ts applies them.
 */

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const;

/** No eval, no remote scripts, no frames, no plugins. Inline styles are allowed for highlight colours. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the app's own page lives: the bundled file's URL, and the dev server in development. */
export interface AppPages {
  /** file URL of the bundled renderer/index.html (pathToFileURL) */
  page: string;
  devServerUrl?: string | undefined;
}

/** The app's own page: exactly the bundled file (any #route), or the dev server's origin in development. */
export function isAppUrl(url: string, app: AppPages): boolean {
  // compare parsed URLs, never string prefixes: "http://localhost:5173@evil.example" starts with the dev
  // server's address, and "file:///x?/renderer/index.html" ends with the app's page
  const u = URL.canParse(url) ? new URL(url) : null;
  if (!u) return false;
  const dev = app.devServerUrl && URL.canParse(app.devServerUrl) ? new URL(app.devServerUrl) : null;
  if (dev && /^https?:$/.test(dev.protocol) && u.origin === dev.origin) return true;
  const page = URL.canParse(app.page) ? new URL(app.page) : null;
  // the same file, not any ".../renderer/index.html": another copy in Downloads or on a UNC host (file://server/…) is not ours
  return !!page && page.protocol === 'file:' && u.protocol === 'file:' && u.host === page.host && u.pathname === page.pathname && u.search === '';
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The subset of WebContents we harden; Electron's object satisfies it. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: () => boolean): void;
  };
}

export function hardenContents(contents: HardenableContents, openExternal: (url: string) => void, app: AppPages): void {
  const block = (e: PreventableEvent, url: string): void => {
    if (!isAppUrl(url, app)) e.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // links leave the app only through the OS browser, after the URL check in openExternal
    openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for frames that show our own page. */
export function isTrustedSender(frameUrl: string | undefined, app: AppPages): boolean {
  return !!frameUrl && isAppUrl(frameUrl, app);
}
