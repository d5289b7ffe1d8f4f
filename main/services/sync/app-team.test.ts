import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { dispatch } from '../../ipc/dispatch';
import { createHandlers } from '../../ipc/handlers';
import { ScriptedDialogs } from '../dialogs';
import { Session } from '../session';
import { nodeSettings } from '../settings';
import { initDatabase, putUser } from './couch-admin';
import { credentialKey, keychainCredentials, type Keychain } from './credentials';
import { openTeamCorpus } from './team-link';
import { databaseFor } from './team-names';
import { ADMIN, labelled, makeCorpus, teamServer, user } from './test-server';

/**
 * The app's side of a team, through the same IPC handlers the window uses,
 * against the embedded server as a real process. Only the OS keychain is a
 * double (it seals with a reversible transform so the test can tell
 * ciphertext from the password).
 */

const fakeKeychain: Keychain = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (b) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
};

let tmp: string;
let server: { url: string; stop(): Promise<void> };
const LEA = user('lea');
const ANN = user('ann');

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-app-team-'));
  server = await teamServer(path.join(tmp, 'server'));
  await putUser(server.url, ADMIN, LEA, 'lea-pw', 'lead');
  await putUser(server.url, ADMIN, ANN, 'ann-pw', 'annotator');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function app(dataDir: string) {
  const session = new Session(dataDir);
  const events: { event: EventName; payload: unknown }[] = [];
  const credentials = keychainCredentials(path.join(dataDir, 'team-credentials.json'), fakeKeychain);
  const dialogs = new ScriptedDialogs();
  const handlers = createHandlers({
    session,
    settings: nodeSettings(dataDir),
    dialogs,
    host: 'node',
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void events.push({ event, payload }),
    openExternal: async () => undefined,
    credentials,
  });
  const call = async (channel: string, payload: unknown = {}) => {
    const r = await dispatch(handlers, channel, payload);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as never;
  };
  return { session, events, call, credentials, dialogs };
}

describe('team sync in the app', () => {
  it('connects a corpus, shows the sync state, and gives the lead progress and a review from the server', async () => {
    const leadDir = path.join(tmp, 'lead');
    const store = await makeCorpus(leadDir, 3);
    const database = databaseFor(store.meta.id);
    await store.close();
    await initDatabase(server.url, database, ADMIN);
    const leadData = path.join(tmp, 'lead-app');
    const lead = app(leadData);
    // the window opens a corpus the user picked (path capabilities: main/services/path-grants.ts)
    lead.dialogs.queue.push({ folder: leadDir });
    await lead.call('corpus:openDialog', {});

    // plain http to another machine is refused before anything is sent
    await expect(lead.call('team:connect', { server: 'http://team.example.org:5984', user: LEA, password: 'lea-pw' })).rejects.toMatchObject({ code: 'insecure_url' });
    await expect(lead.call('team:connect', { server: server.url, user: LEA, password: 'wrong' })).rejects.toMatchObject({ code: 'unauthorized' });
    const status = (await lead.call('team:connect', { server: server.url, user: LEA, password: 'lea-pw' })) as { state: string; role: string };
    expect(status).toMatchObject({ state: 'synced', role: 'lead' });
    // the password is sealed by the keychain, never written in the clear, never in settings
    const sealed = await readFile(path.join(leadData, 'team-credentials.json'), 'utf8');
    expect(sealed).not.toContain('lea-pw');
    expect(await lead.credentials.get(credentialKey(server.url, LEA))).toBe('lea-pw');
    expect(await readFile(path.join(leadData, 'settings.json'), 'utf8').catch(() => '')).not.toContain('lea-pw');
    expect(lead.events.some((e) => e.event === 'team:status')).toBe(true);

    // an annotator (here through the same sync code the CLI uses) labels one document
    const { store: annStore, sync } = await openTeamCorpus(path.join(tmp, 'ann'), `${server.url}/${database}`, { name: ANN, password: 'ann-pw' });
    await sync.round();
    await annStore.save(labelled(await annStore.read('d1'), 'ann'));
    await sync.round();
    await sync.close();
    await annStore.close();

    await lead.call('team:syncNow');
    const progress = (await lead.call('team:progress')) as { annotator: string; done: number; spans: number }[];
    expect(progress).toEqual([expect.objectContaining({ annotator: ANN, done: 1, spans: 1 })]);
    const review = (await lead.call('team:review')) as { annotators: string[]; documents: { key: string }[]; goldPath: string };
    expect(review.annotators).toEqual([ANN]);
    expect(review.documents.map((d) => d.key)).toEqual(['d1']);
    expect(review.goldPath).toBe(path.join(tmp, 'Team corpus — gold'));

    // a fresh start of the app resumes syncing with the remembered password
    await lead.session.close();
    const again = app(leadData);
    await again.call('corpus:open', { path: leadDir });
    await expect.poll(async () => ((await again.call('team:status')) as { state: string }).state, { timeout: 30_000 }).toBe('synced');
    await again.session.close();
  }, 120_000);
});
