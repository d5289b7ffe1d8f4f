import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SpanmarkApi } from '../../shared/ipc/contract';
import { CHANNELS, EVENTS } from '../../shared/ipc/contract';

// capture what the preload hands to the page, with a fake ipcRenderer behind it
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  ipcRenderer: {
    invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
    on: vi.fn(),
    removeListener: vi.fn(),
    // main mints a capability token for a dropped path (main/index.ts); this fake hands the path back
    sendSync: vi.fn((_channel: string, p: string) => p),
  },
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
  ipcRenderer: electron.ipcRenderer,
  webUtils: { getPathForFile: (f: { fakePath: string }) => f.fakePath },
}));

let api: SpanmarkApi;
beforeAll(async () => {
  await import('./index');
  api = electron.exposed.get('api') as SpanmarkApi;
});

describe('preload', () => {
  it('exposes window.api with invoke, on and the dropped-file path lookup, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    // a dropped file's path comes from webUtils, the only way a sandboxed page can learn it
    expect(api.pathForFile!({ fakePath: '/home/a/report.txt' } as unknown as File)).toBe('/home/a/report.txt');
    expect(Object.values(api).some((v) => v === electron.ipcRenderer)).toBe(false);
  });

  it('refuses channels outside the contract without reaching the main process', async () => {
    const call = api.invoke as (channel: string, req: unknown) => Promise<unknown>;
    for (const channel of ['fs:readFile', 'ELECTRON_BROWSER_REQUIRE', '__proto__', 'constructor']) {
      expect(await call(channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('forwards every contract channel', async () => {
    for (const channel of CHANNELS) await api.invoke(channel, {} as never);
    expect(electron.ipcRenderer.invoke.mock.calls.map(([c]) => c)).toEqual([...CHANNELS]);
  });

  it('subscribes only to contract events, passes on the payload alone, and unsubscribes', () => {
    const listener = vi.fn();
    const off = (api.on as (e: string, l: () => void) => () => void)('ipc-internal', listener);
    off();
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();

    for (const event of EVENTS) {
      electron.ipcRenderer.on.mockClear();
      const seen = vi.fn();
      const unsubscribe = api.on(event, seen);
      const [[name, wrapped]] = electron.ipcRenderer.on.mock.calls as unknown as [[string, (e: unknown, p: unknown) => void]];
      expect(name).toBe(event);
      wrapped({ sender: 'the IpcRendererEvent must not leak' }, { command: 'x' });
      expect(seen).toHaveBeenCalledExactlyOnceWith({ command: 'x' });
      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenLastCalledWith(event, wrapped);
    }
  });
});
