import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dispatch } from '../main/ipc/dispatch';
import { createHandlers } from '../main/ipc/handlers';
import { ScriptedDialogs } from '../main/services/dialogs';
import { Session } from '../main/services/session';
import { nodeSettings } from '../main/services/settings';
import type { SpanmarkApi } from '../shared/ipc/contract';

/**
 * Test-only: `window.api` wired to the real main-process handlers over a
 * temporary data folder, as the browser host does, for component tests
 * under jsdom. `dataDir` may be given to make the handlers fail on purpose.
 */
export async function installRealApi(dataDir?: string): Promise<{ dataDir: string; session: Session; stop: () => Promise<void> }> {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'spanmark-component-')));
  const session = new Session(dir);
  const handlers = createHandlers({ session, settings: nodeSettings(dir), dialogs: new ScriptedDialogs(), host: 'node', emit: () => undefined, openExternal: async () => undefined });
  const api: SpanmarkApi = {
    invoke: (channel, request) => dispatch(handlers, channel, request) as never,
    on: () => () => undefined,
  };
  (window as unknown as { api: SpanmarkApi }).api = api;
  return {
    dataDir: dir,
    session,
    stop: async () => {
      await session.close();
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
