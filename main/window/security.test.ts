import { describe, expect, it, vi } from 'vitest';
import { CSP, hardenContents, isAppUrl, isTrustedSender, WEB_PREFERENCES, type HardenableContents } from './security';

const APP = 'file:///opt/Spanmark/resources/app.asar/out/renderer/index.html';
const WIN_APP = 'file:///C:/Program%20Files/Spanmark/resources/app.asar/out/renderer/index.html#/doc/1';
const DEV = 'http://localhost:5173';
const PAGES = { page: APP };
const WIN_PAGES = { page: 'file:///C:/Program%20Files/Spanmark/resources/app.asar/out/renderer/index.html' };

/** A stand-in for Electron's WebContents that records what hardenContents installs. */
function fakeContents() {
  const listeners = new Map<string, (e: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
  let permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  let permissionCheck: (() => boolean) | undefined;
  const contents: HardenableContents = {
    on: ((event: string, fn: (e: { preventDefault(): void }, url?: string) => void) => listeners.set(event, fn)) as HardenableContents['on'],
    setWindowOpenHandler: (h) => void (openHandler = h),
    session: {
      setPermissionRequestHandler: (h) => void (permissionRequest = h),
      setPermissionCheckHandler: (h) => void (permissionCheck = h),
    },
  };
  /** true when the event was prevented */
  const fire = (event: string, url?: string): boolean => {
    const preventDefault = vi.fn();
    listeners.get(event)!({ preventDefault }, url);
    return preventDefault.mock.calls.length > 0;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }), permissionRequest: () => permissionRequest!, permissionCheck: () => permissionCheck! };
}

describe('window security settings', () => {
  it('isolates the page from Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP that allows only the app’s own scripts, no eval and no plugins', () => {
    const directives = new Map(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(CSP).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('hardenContents', () => {
  it('blocks navigation and redirects away from the app, but not to its own page', () => {
    const f = fakeContents();
    hardenContents(f.contents, () => undefined, PAGES);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', APP)).toBe(false);
    expect(f.fire('will-navigate', `${APP}#/review`)).toBe(false);
    expect(f.fire('will-navigate', WIN_APP)).toBe(true); // another install's page is not this app's
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('allows the dev server only by its exact origin', () => {
    const f = fakeContents();
    hardenContents(f.contents, () => undefined, { ...PAGES, devServerUrl: DEV });
    expect(f.fire('will-navigate', `${DEV}/`)).toBe(false);
    expect(f.fire('will-navigate', `${DEV}/index.html?x=1`)).toBe(false);
    expect(f.fire('will-navigate', `${DEV}@evil.example/`)).toBe(true);
    expect(f.fire('will-navigate', 'http://localhost:51730/')).toBe(true);
    expect(f.fire('will-navigate', 'https://localhost:5173/')).toBe(true);
  });

  it('never opens new windows; the URL, and only the URL, goes to openExternal', () => {
    const openExternal = vi.fn();
    const f = fakeContents();
    hardenContents(f.contents, openExternal, PAGES);
    expect(f.open('https://example.org/article')).toEqual({ action: 'deny' });
    expect(f.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.org/article'], ['javascript:alert(1)']]);
  });

  it('refuses every permission request and check', () => {
    const f = fakeContents();
    hardenContents(f.contents, () => undefined, PAGES);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      f.permissionRequest()({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(f.permissionCheck()()).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('answers IPC only from the app’s own page', () => {
    expect(isTrustedSender(APP, PAGES)).toBe(true);
    expect(isTrustedSender(`${APP}#/review`, PAGES)).toBe(true);
    expect(isTrustedSender(WIN_APP, WIN_PAGES)).toBe(true);
    expect(isTrustedSender(`${DEV}/`, { ...PAGES, devServerUrl: DEV })).toBe(true);
    for (const url of [
      undefined,
      '',
      'https://evil.example/renderer/index.html',
      'file:///home/me/Downloads/page.html',
      'file:///etc/passwd?/renderer/index.html',
      'file:///tmp/x.html#/renderer/index.html',
      'about:blank',
      'not a url',
      `${DEV}/`, // the dev server is trusted only in development
      // any other copy of a Spanmark page: a download, another install, a UNC host, a query
      'file:///home/me/Downloads/out/renderer/index.html',
      'file://evil-host/share/out/renderer/index.html',
      'file://evil-host/opt/Spanmark/resources/app.asar/out/renderer/index.html',
      `${APP}?x=1`,
      WIN_APP,
    ]) {
      expect(isTrustedSender(url, PAGES), String(url)).toBe(false);
    }
    expect(isTrustedSender(`${DEV}@evil.example/`, { ...PAGES, devServerUrl: DEV })).toBe(false);
    // a file URL as "dev server" must not make every file trusted
    expect(isAppUrl('file:///tmp/evil.html', { page: APP, devServerUrl: 'file:///tmp/' })).toBe(false);
  });
});
