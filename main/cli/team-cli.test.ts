import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../services/corpus-store';
import { couchRequest } from '../services/sync/couch-admin';
import { ADMIN, labelled, makeCorpus, teamServer, user } from '../services/sync/test-server';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/spanmark.mjs');

function spanmark(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, SPANMARK_CLI_SOURCE: '1', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let tmp: string;
let server: { url: string; stop(): Promise<void> };
const [LEA, ANN, MAX] = [user('lea'), user('ann'), user('max')];
const admin = `${ADMIN.name}:${ADMIN.password}`;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-team-cli-'));
  server = await teamServer(path.join(tmp, 'server'));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('spanmark team and sync commands', () => {
  it('sets up a team, and an annotator joins, labels and syncs from the command line', async () => {
    const leadDir = path.join(tmp, 'lead');
    await (await makeCorpus(leadDir, 4)).close();
    for (const [name, role, pw] of [[LEA, 'lead', 'lea-pw'], [ANN, 'annotator', 'ann-pw']]) {
      const r = await spanmark(['team', 'add-user', name!, '--password', pw!, '--role', role!, '--server', server.url, '--admin', admin]);
      expect(r.code, r.stderr).toBe(0);
    }
    const init = await spanmark(['team', 'init', leadDir, '--server', server.url, '--admin', admin]);
    expect(init.code, init.stderr).toBe(0);
    const dbUrl = init.stdout.trim();
    expect(dbUrl).toMatch(new RegExp(`^${server.url}/spanmark-`));

    // the annotator has no corpus yet: the database URL creates it; the password comes from the environment
    const annDir = path.join(tmp, 'ann');
    const join = await spanmark(['sync', annDir, '--server', dbUrl, '--user', ANN], { SPANMARK_PASSWORD: 'ann-pw' });
    expect(join.code, join.stderr).toBe(0);
    expect(join.stdout.trim()).toBe('synced');
    const store = await CorpusStore.open(annDir);
    expect(store.list()).toHaveLength(4);
    await store.save(labelled(await store.read('d2'), 'ann'));
    await store.close();
    const push = await spanmark(['sync', annDir, '--server', server.url, '--user', ANN, '--password', 'ann-pw']);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/pushed 1\b/);

    // a lead of this corpus only: the role names its team database
    const carl = user('carl');
    const scoped = await spanmark(['team', 'add-user', carl, '--password', 'carl-pw', '--role', 'lead', '--corpus', dbUrl, '--server', server.url, '--admin', admin]);
    expect(scoped.code, scoped.stderr).toBe(0);
    const carlDoc = await couchRequest<{ roles: string[] }>(server.url, 'GET', `/_users/org.couchdb.user:${carl}`, ADMIN);
    expect(carlDoc.body.roles).toEqual([`${dbUrl.slice(server.url.length + 1)}:lead`]);
    const notTeam = await spanmark(['team', 'add-user', carl, '--password', 'carl-pw', '--role', 'lead', '--corpus', 'my-corpus', '--server', server.url, '--admin', admin]);
    expect([notTeam.code, notTeam.stderr]).toEqual([2, expect.stringMatching(/not a team database/)]);

    // an annotator added after `team init` gets their own database there too, and syncs
    const late = await spanmark(['team', 'add-user', MAX, '--password', 'max-pw', '--role', 'annotator', '--server', server.url, '--admin', admin]);
    expect(late.code, late.stderr).toBe(0);
    const maxJoin = await spanmark(['sync', path.join(tmp, 'max'), '--server', dbUrl, '--user', MAX, '--password', 'max-pw']);
    expect(maxJoin.code, maxJoin.stderr).toBe(0);
    const maxStore = await CorpusStore.open(path.join(tmp, 'max'));
    await maxStore.save(labelled(await maxStore.read('d1'), 'max'));
    await maxStore.close();
    const maxPush = await spanmark(['sync', path.join(tmp, 'max'), '--server', dbUrl, '--user', MAX, '--password', 'max-pw']);
    expect(maxPush.code, maxPush.stderr).toBe(0);
    expect(maxPush.stderr).toMatch(/pushed 1\b/);

    const wrong = await spanmark(['sync', annDir, '--server', server.url, '--user', ANN, '--password', 'nope']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong user name or password/);
  }, 120_000);

  it('refuses plain http to another machine, and a missing password', async () => {
    const r = await spanmark(['sync', path.join(tmp, 'x'), '--server', 'http://couch.example.org:5984', '--user', ANN, '--password', 'pw']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/only be sent over HTTPS/);
    const noPw = await spanmark(['sync', path.join(tmp, 'x'), '--server', server.url, '--user', ANN], { SPANMARK_PASSWORD: '' });
    expect(noPw.code).toBe(2);
    expect(noPw.stderr).toMatch(/--password or set SPANMARK_PASSWORD/);
  }, 60_000);
});
