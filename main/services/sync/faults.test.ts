import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../corpus-store';
import { couchRequest, initDatabase, putUser } from './couch-admin';
import type { Progress } from './sync';
import { openTeamCorpus } from './team-link';
import { databaseFor, userDatabaseFor } from './team-names';
import { ADMIN, labelled, makeCorpus, startServer, type ServerProcess } from './test-server';

/**
 * The server dies (SIGKILL, no clean shutdown) in the middle of a push and
 * of a pull; after it comes back, the next round finishes the job: every
 * document arrives once, with one revision, and nothing saved is lost.
 */

const N = 300;
let tmp: string;
let server: ServerProcess;
let url: string;
let leadDir: string;
const alice = { name: 'alice', password: 'alice-pw' };
const lea = { name: 'lea', password: 'lea-pw' };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-faults-'));
  server = await startServer(path.join(tmp, 'server'));
  await putUser(server.url, ADMIN, alice.name, alice.password, 'annotator');
  await putUser(server.url, ADMIN, lea.name, lea.password, 'lead');
  leadDir = path.join(tmp, 'lead');
  const store = await makeCorpus(leadDir, N);
  const database = databaseFor(store.meta.id);
  await store.close();
  await initDatabase(server.url, database, ADMIN);
  url = `${server.url}/${database}`;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

/** One round that kills the server as soon as `phase` has written its first batch; resolves to the error it ended with. */
async function roundKilledDuring(dir: string, who: typeof alice, phase: Progress['phase']): Promise<unknown> {
  let killing: Promise<void> | null = null;
  const { store, sync } = await openTeamCorpus(dir, url, who, {
    // batches smaller than the corpus, so the server dies with part of the documents across
    batchSize: 100,
    onProgress: (p) => {
      if (p.phase === phase && p.docs > 0 && !killing) killing = server.kill();
    },
  });
  try {
    await sync.round();
    return null;
  } catch (e) {
    return e;
  } finally {
    await killing;
    await sync.close();
    await store.close();
  }
}

async function roundOk(dir: string, who: typeof alice) {
  const { store, sync } = await openTeamCorpus(dir, url, who);
  try {
    return await sync.round();
  } finally {
    await sync.close();
    await store.close();
  }
}

async function restart(): Promise<void> {
  server = await startServer(path.join(tmp, 'server'), server.port);
}

describe('team sync under faults', () => {
  it('resumes a push cut by a server crash, and a pull cut the same way, without loss or duplicates', async () => {
    await roundOk(leadDir, lea);
    const aliceDir = path.join(tmp, 'alice');
    expect((await roundOk(aliceDir, alice)).added).toBe(N);
    const store = await CorpusStore.open(aliceDir);
    for (const { id } of store.list()) await store.save(labelled(await store.read(id), 'alice'));
    await store.close();

    // mid-push: the server dies after the first batch of copies lands
    const pushError = await roundKilledDuring(aliceDir, alice, 'push');
    expect(pushError).toMatchObject({ code: 'offline' });
    await restart();
    const resumed = await roundOk(aliceDir, alice);
    expect(resumed.pending).toBe(0);
    expect(resumed.pushed).toBeGreaterThan(0);
    expect(resumed.pushed).toBeLessThan(N);

    // alice's copies, in her own database
    const db = `/${userDatabaseFor(url.slice(server.url.length + 1), 'alice')}`;
    const all = await couchRequest<{ rows: { id: string; doc: { _rev: string; document: { spans: unknown[] } } }[] }>(server.url, 'GET', `${db}/_all_docs?startkey=%22copy:%22&endkey=%22copy:%EF%BF%BF%22&include_docs=true&conflicts=true`, ADMIN);
    const copies = all.body.rows;
    expect(copies).toHaveLength(N);
    expect(new Set(copies.map((r) => r.id)).size).toBe(N);
    // one revision each: a resumed push re-sends nothing as a new edit
    expect(copies.every((r) => r.doc._rev.startsWith('1-') && r.doc.document.spans.length === 1)).toBe(true);

    // mid-pull: the lead's first pull of the copies is cut
    const pullError = await roundKilledDuring(leadDir, lea, 'pull');
    expect(pullError).toMatchObject({ code: 'offline' });
    await restart();
    const { progress } = await (async () => {
      const { store: s, sync } = await openTeamCorpus(leadDir, url, lea);
      try {
        await sync.round();
        return { progress: await sync.teamProgress() };
      } finally {
        await sync.close();
        await s.close();
      }
    })();
    expect(progress).toEqual([expect.objectContaining({ annotator: 'alice', started: N, done: N, spans: N })]);
  }, 240_000);

  it('says "offline" with the reason while the server is down, and loses no save made meanwhile', async () => {
    const aliceDir = path.join(tmp, 'alice-offline');
    await roundOk(aliceDir, alice);
    await server.kill();
    const store = await CorpusStore.open(aliceDir);
    await store.save(labelled(await store.read('d1'), 'alice', 'figure'));
    await store.close();
    await expect(roundOk(aliceDir, alice)).rejects.toMatchObject({ code: 'offline', message: expect.stringMatching(/Cannot reach .*ECONNREFUSED/) });
    await restart();
    const r = await roundOk(aliceDir, alice);
    expect(r.pending).toBe(0);
    const db = `/${userDatabaseFor(url.slice(server.url.length + 1), 'alice')}`;
    const copy = await couchRequest<{ document: { spans: { label: string }[] } }>(server.url, 'GET', `${db}/copy:alice:d1`, ADMIN);
    // this machine had received alice's claims from her other machine; the figure labelled while offline is added
    expect(copy.body.document.spans.map((s) => s.label)).toEqual(['claim', 'figure']);
  }, 120_000);
});
