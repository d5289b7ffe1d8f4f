import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { SpanmarkApi } from '../../shared/ipc/contract';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/names';

const channels = new Set<string>(CHANNEL_NAMES);
/** preload-private: never in the contract, so the page cannot call it */
const GRANT_DROPPED = 'path:grantDropped';
const events = new Set<string>(EVENT_NAMES);

/** The page gets invoke/on for the contract's names and nothing else; never ipcRenderer itself. */
const api: SpanmarkApi = {
  invoke: (channel, request) => {
    if (!channels.has(channel)) return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel ${channel}` } });
    return ipcRenderer.invoke(channel, request);
  },
  on: (event, listener) => {
    if (!events.has(event)) return () => undefined;
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
  // a dropped file's path becomes a capability token here, in the preload: only a real File from a drop has a
  // path, so page script cannot mint a token for a file it names (main/services/path-grants.ts)
  pathForFile: (file) => {
    const p = webUtils.getPathForFile(file);
    return p ? String(ipcRenderer.sendSync(GRANT_DROPPED, p)) : '';
  },
};

contextBridge.exposeInMainWorld('api', api);
