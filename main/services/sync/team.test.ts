import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CorpusStore } from '../corpus-store';
import { couchRequest, initDatabase, putUser } from './couch-admin';
import { TeamSync } from './sync';
import { openTeamCorpus } from './team-link';
import { databaseFor, userDatabaseFor } from './team-names';
import { ADMIN, labelled, makeCorpus, teamServer, user } from './test-server';

/**
 * Team sync against the embedded server running as a real process on
 * 127.0.0.1 (no CouchDB mocks): real users, real _security, the real
 * validate_doc_update. `npm run test:couchdb` runs the same against a real
 * CouchDB 3 (user names then carry a suffix of the run: U).
 */

let tmp: string;
let server: { url: string; stop(): Promise<void> };
const PW = { alice: 'alice-pw', bob: 'bob-pw', lea: 'lea-pw' };
const U = { alice: user('alice'), bob: user('bob'), lea: user('lea') };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-team-'));
  server = await teamServer(path.join(tmp, 'server'));
  await putUser(server.url, ADMIN, U.alice, PW.alice, 'annotator');
  await putUser(server.url, ADMIN, U.bob, PW.bob, 'annotator');
  await putUser(server.url, ADMIN, U.lea, PW.lea, 'lead');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

async function leadCorpus(name: string, n: number): Promise<{ dir: string; url: string }> {
  const dir = path.join(tmp, name, 'lead');
  const store = await makeCorpus(dir, n, name);
  const database = databaseFor(store.meta.id);
  await store.close();
  await initDatabase(server.url, database, ADMIN);
  return { dir, url: `${server.url}/${database}` };
}

async function syncOnce(dir: string, url: string, user: keyof typeof PW) {
  const { store, sync } = await openTeamCorpus(dir, url, { name: U[user], password: PW[user] });
  try {
    return await sync.round();
  } finally {
    await sync.close();
    await store.close();
  }
}

async function withSync<T>(dir: string, url: string, user: keyof typeof PW, fn: (s: TeamSync, store: CorpusStore) => Promise<T>): Promise<T> {
  const { store, sync } = await openTeamCorpus(dir, url, { name: U[user], password: PW[user] });
  try {
    return await fn(sync, store);
  } finally {
    await sync.close();
    await store.close();
  }
}

describe('team sync', () => {
  it('runs a round: the lead assigns with overlap, two annotators label offline and sync, the lead sees progress and copies', async () => {
    const { dir: leadDir, url } = await leadCorpus('round', 10);
    const counts = await withSync(leadDir, url, 'lea', async (s) => {
      const c = await s.assign([U.alice, U.bob], 0.2);
      await s.round();
      return c;
    });
    // 10 documents, 2 of them to both: 12 assignments, 6 each
    expect(counts).toEqual({ [U.alice]: 6, [U.bob]: 6 });

    const aliceDir = path.join(tmp, 'round', 'alice');
    const bobDir = path.join(tmp, 'round', 'bob');
    const first = await syncOnce(aliceDir, url, 'alice');
    expect(first.added).toBe(6);
    await syncOnce(bobDir, url, 'bob');

    // each labels their documents with the network unused: saves go to the folder only
    for (const [dir, who] of [[aliceDir, 'alice'], [bobDir, 'bob']] as const) {
      const store = await CorpusStore.open(dir);
      expect(store.meta.guidelines).toBe('Label every claim.');
      for (const { id } of store.list()) await store.save(labelled(await store.read(id), who));
      await store.close();
    }
    const a = await syncOnce(aliceDir, url, 'alice');
    expect(a.pushed).toBe(6);
    expect(a.pending).toBe(0);
    await syncOnce(bobDir, url, 'bob');

    const { progress, copies } = await withSync(leadDir, url, 'lea', async (s) => {
      await s.round();
      return { progress: await s.teamProgress(), copies: await s.teamCopies() };
    });
    expect(progress.map((p) => [p.annotator, p.assigned, p.done, p.spans])).toEqual([
      [U.alice, 6, 6, 6],
      [U.bob, 6, 6, 6],
    ]);
    const overlap = copies.get(U.alice)!.map((d) => d.id).filter((id) => copies.get(U.bob)!.some((d) => d.id === id));
    expect(overlap).toHaveLength(2);
    expect(copies.get(U.alice)![0]!.spans[0]!.annotator).toBe('alice');
  }, 120_000);

  it('refuses a write to another annotator’s copy on the server', async () => {
    const { url } = await leadCorpus('refuse', 1);
    const db = url.slice(server.url.length);
    const alice = { name: U.alice, password: PW.alice };
    const body = { annotator: U.alice, document: { id: 'd0', text: 'x' } };
    // not in bob's database (she is no member of it), not in her own, not in the team database
    const intoBobs = await couchRequest<{ error: string; reason: string }>(server.url, 'PUT', `/${userDatabaseFor(db.slice(1), U.bob)}/copy:${U.bob}:d0`, alice, body);
    expect(intoBobs.status).toBe(403);
    const intoHers = await couchRequest<{ error: string; reason: string }>(server.url, 'PUT', `/${userDatabaseFor(db.slice(1), U.alice)}/copy:${U.bob}:d0`, alice, body);
    expect(intoHers.status).toBe(403);
    expect(intoHers.body.reason).toMatch(`Only ${U.alice}'s copies belong here`);
    const put = await couchRequest<{ error: string; reason: string }>(server.url, 'PUT', `${db}/copy:${U.bob}:d0`, alice, body);
    expect(put.status).toBe(403);
    expect(put.body.reason).toMatch(/own database/);
    // and an annotator cannot change the schema
    const lead = await couchRequest(server.url, 'PUT', `${db}/lead:corpus`, { name: U.alice, password: PW.alice }, { name: 'mine' });
    expect(lead.status).toBe(403);
    // a wrong password is a clear error, not a hang
    const wrong = openTeamCorpus(path.join(tmp, 'refuse', 'lead'), url, { name: U.bob, password: 'nope' }).then(async ({ store, sync }) => {
      try {
        return await sync.round();
      } finally {
        await sync.close();
        await store.close();
      }
    });
    await expect(wrong).rejects.toMatchObject({ code: 'unauthorized' });
  }, 60_000);

  it('resolves the same annotator’s edits on two machines without losing either', async () => {
    const { dir: leadDir, url } = await leadCorpus('twice', 2);
    await syncOnce(leadDir, url, 'lea');
    const m1 = path.join(tmp, 'twice', 'alice-laptop');
    const m2 = path.join(tmp, 'twice', 'alice-desktop');
    await syncOnce(m1, url, 'alice');
    await syncOnce(m2, url, 'alice');
    // both machines edit d0 while offline; the desktop saves later
    const s1 = await CorpusStore.open(m1);
    await s1.save(labelled(await s1.read('d0'), 'alice', 'claim'));
    await s1.close();
    await new Promise((r) => setTimeout(r, 20));
    await syncOnce(m1, url, 'alice');
    const s2 = await CorpusStore.open(m2);
    await s2.save(labelled(await s2.read('d0'), 'alice', 'figure'));
    await s2.close();
    const r2 = await syncOnce(m2, url, 'alice');
    // the desktop staged its copy after the laptop's: it is the newer and is kept; the laptop's is set aside
    expect(r2.conflicts).toHaveLength(1);
    expect(r2.conflicts[0]!.setAside[0]).toMatch(new RegExp(`^conflict:${U.alice}:d0:`));
    const r1 = await syncOnce(m1, url, 'alice');
    expect(r1.updated).toBe(1);
    for (const dir of [m1, m2]) {
      const s = await CorpusStore.open(dir);
      expect((await s.read('d0')).spans.map((x) => x.label)).toEqual(['figure']);
      await s.close();
    }
    // the laptop's version is on the server, whole, in alice's database
    const db = `/${userDatabaseFor(url.slice(server.url.length + 1), U.alice)}`;
    const archived = await couchRequest<{ document: { spans: { label: string }[] } }>(server.url, 'GET', `${db}/${encodeURIComponent(r2.conflicts[0]!.setAside[0]!)}`, ADMIN);
    expect(archived.body.document.spans.map((x) => x.label)).toEqual(['claim']);
    // and the copy itself carries no conflict any more
    const copy = await couchRequest<{ _conflicts?: string[] }>(server.url, 'GET', `${db}/copy:${U.alice}:d0?conflicts=true`, ADMIN);
    expect(copy.body._conflicts ?? []).toEqual([]);
  }, 120_000);

  it('replicates an annotator’s deletion: the lead stops seeing that copy, her other machine drops it, and it is not handed back', async () => {
    const { dir: leadDir, url } = await leadCorpus('deleted', 3);
    await syncOnce(leadDir, url, 'lea');
    const laptop = path.join(tmp, 'deleted', 'alice-laptop');
    const desktop = path.join(tmp, 'deleted', 'alice-desktop');
    await syncOnce(laptop, url, 'alice');
    await withSync(laptop, url, 'alice', async (s, store) => {
      for (const id of ['d0', 'd1']) await store.save(labelled(await store.read(id), 'alice'));
      await s.round();
    });
    await syncOnce(desktop, url, 'alice');
    const copiesBefore = await withSync(leadDir, url, 'lea', async (s) => (await s.round(), await s.teamCopies()));
    expect(copiesBefore.get(U.alice)!.map((d) => d.id).sort()).toEqual(['d0', 'd1']);

    // alice deletes d1 on her laptop while offline, then syncs
    const store = await CorpusStore.open(laptop);
    await store.deleteDocument('d1');
    await store.close();
    const r = await syncOnce(laptop, url, 'alice');
    expect(r.pending).toBe(0);
    expect(r.refused).toEqual([]);

    const { copies, progress } = await withSync(leadDir, url, 'lea', async (s) => (await s.round(), { copies: await s.teamCopies(), progress: await s.teamProgress() }));
    expect(copies.get(U.alice)!.map((d) => d.id)).toEqual(['d0']);
    expect(progress).toEqual([expect.objectContaining({ annotator: U.alice, started: 1, done: 1 })]);
    // on the server the copy is a tombstone, not a document
    const db = `/${userDatabaseFor(url.slice(server.url.length + 1), U.alice)}`;
    const gone = await couchRequest<{ rows: { value?: { deleted?: boolean } }[] }>(server.url, 'POST', `${db}/_all_docs`, ADMIN, { keys: [`copy:${U.alice}:d1`, `copy:${U.alice}:d0`] });
    expect(gone.body.rows.map((row) => row.value?.deleted ?? false)).toEqual([true, false]);

    // the desktop had d1 untouched since its last sync: it goes there too
    const onDesktop = await syncOnce(desktop, url, 'alice');
    expect(onDesktop.removed).toBe(1);
    // and neither machine gets it handed back by later rounds
    await syncOnce(laptop, url, 'alice');
    await syncOnce(desktop, url, 'alice');
    for (const dir of [laptop, desktop]) {
      const s = await CorpusStore.open(dir);
      expect(s.list().map((d) => d.id).sort()).toEqual(['d0', 'd2']);
      await s.close();
    }
  }, 120_000);

  it('brings the lead’s later edits to annotators on their next sync: schema, guidelines, assignments, documents', async () => {
    const { dir: leadDir, url } = await leadCorpus('later', 4);
    await withSync(leadDir, url, 'lea', async (s) => {
      await s.assign([U.alice, U.bob], 0);
      await s.round();
    });
    const aliceDir = path.join(tmp, 'later', 'alice');
    await syncOnce(aliceDir, url, 'alice');
    const first = await CorpusStore.open(aliceDir);
    expect(first.list().map((d) => d.id)).toEqual(['d0', 'd2']);
    await first.save(labelled(await first.read('d0'), 'alice'));
    await first.close();
    await syncOnce(aliceDir, url, 'alice');

    // the lead adds a label, rewrites the guidelines and corrects the titles of both of alice's documents
    await withSync(leadDir, url, 'lea', async (s, store) => {
      const m = store.meta;
      await store.updateMeta({ schema: { ...m.schema, labels: [...m.schema.labels, { name: 'date', color: '#123456', description: 'A date.', examples: [] }] }, guidelines: 'Label every claim and every date.' });
      for (const id of ['d0', 'd2']) await store.save({ ...(await store.read(id)), title: `Corrected ${id}` });
      await s.round();
    });
    const r = await syncOnce(aliceDir, url, 'alice');
    expect(r.metaChanged).toBe(true);
    let s = await CorpusStore.open(aliceDir);
    expect(s.meta.schema.labels.map((l) => l.name)).toContain('date');
    expect(s.meta.guidelines).toBe('Label every claim and every date.');
    // d2 was untouched: it takes the lead's correction; d0 is her labelled copy, which the lead's edit never overwrites
    expect((await s.read('d2')).title).toBe('Corrected d2');
    const d0 = await s.read('d0');
    expect([d0.title, d0.spans.length]).toEqual(['Document 0', 1]);
    await s.close();

    // the lead hands the documents out again the other way round
    await withSync(leadDir, url, 'lea', async (sync) => {
      await sync.assign([U.bob, U.alice], 0);
      await sync.round();
    });
    const again = await syncOnce(aliceDir, url, 'alice');
    expect(again.removed).toBe(1);
    s = await CorpusStore.open(aliceDir);
    // d1 and d3 are hers now; d2 (never started) left her folder; d0, which she labelled, stays with her work
    expect(s.list().map((d) => d.id).sort()).toEqual(['d0', 'd1', 'd3']);
    expect((await s.read('d0')).spans).toHaveLength(1);
    await s.close();

    // the lead deletes d3 from the corpus: alice never started it, so it leaves her folder too
    await withSync(leadDir, url, 'lea', async (sync, store) => {
      await store.deleteDocument('d3');
      await sync.round();
    });
    const last = await syncOnce(aliceDir, url, 'alice');
    expect(last.removed).toBe(1);
    s = await CorpusStore.open(aliceDir);
    expect(s.list().map((d) => d.id).sort()).toEqual(['d0', 'd1']);
    await s.close();
  }, 120_000);

  it('reports a malformed document on the server and keeps syncing the rest', async () => {
    const { dir: leadDir, url } = await leadCorpus('malformed', 3);
    await syncOnce(leadDir, url, 'lea');
    const db = url.slice(server.url.length);
    // an admin (bypassing validation) writes a base document whose span lies outside its text
    const bad = { type: 'base', docId: 'd9', document: { id: 'd9', title: 'Broken', text: 'short', spans: [{ id: 's1', label: 'claim', start: 2, end: 99, text: 'ort', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z' }] } };
    expect((await couchRequest(server.url, 'PUT', `${db}/lead:doc:d9`, ADMIN, bad)).status).toBe(201);
    const aliceDir = path.join(tmp, 'malformed', 'alice');
    const r = await syncOnce(aliceDir, url, 'alice');
    expect(r.problems.join('\n')).toMatch(/lead:doc:d9: .*left out/);
    expect(r.added).toBe(3);
    const s = await CorpusStore.open(aliceDir);
    expect(s.has('d9')).toBe(false);
    await s.close();
  }, 60_000);

  it('keeps annotators blind to each other: bob cannot read alice’s copies over HTTP, the lead can, and bob’s sync brings only his own', async () => {
    const { dir: leadDir, url } = await leadCorpus('blind', 4);
    await withSync(leadDir, url, 'lea', async (s) => {
      await s.assign([U.alice, U.bob], 1);
      await s.round();
    });
    const aliceDir = path.join(tmp, 'blind', 'alice');
    const bobDir = path.join(tmp, 'blind', 'bob');
    await syncOnce(aliceDir, url, 'alice');
    await withSync(aliceDir, url, 'alice', async (s, store) => {
      await store.save(labelled(await store.read('d0'), 'alice'));
      expect((await s.round()).pushed).toBe(1);
    });
    const team = url.slice(server.url.length + 1);
    const alicesDb = `/${userDatabaseFor(team, U.alice)}`;
    const bob = { name: U.bob, password: PW.bob };
    // bob, signed in with his own password, is refused her copy, her database's listing and its changes feed
    for (const p of [`${alicesDb}/copy:${U.alice}:d0`, `${alicesDb}/_all_docs`, `${alicesDb}/_changes`]) {
      const r = await couchRequest<{ error: string }>(server.url, 'GET', p, bob);
      expect([p, r.status]).toEqual([p, 403]);
      expect(JSON.stringify(r.body)).not.toContain('40 people left');
    }
    // and the team database he reads holds no copies at all
    const teamDocs = await couchRequest<{ rows: { id: string }[] }>(server.url, 'GET', `/${team}/_all_docs`, bob);
    expect(teamDocs.status).toBe(200);
    expect(teamDocs.body.rows.filter((r) => /^(copy|conflict):/.test(r.id))).toEqual([]);
    // the lead reads it
    const lead = await couchRequest<{ document: { spans: unknown[] } }>(server.url, 'GET', `${alicesDb}/copy:${U.alice}:d0`, { name: U.lea, password: PW.lea });
    expect(lead.status).toBe(200);
    expect(lead.body.document.spans).toHaveLength(1);

    // bob's sync works and never brings alice's copy, though both have d0
    const r = await syncOnce(bobDir, url, 'bob');
    expect(r.added).toBe(4);
    const bobsCopy = await withSync(bobDir, url, 'bob', async (s, store) => {
      const mirrored = await s.mirrorDb.allDocs({ startkey: 'copy:', endkey: 'copy:\uffff' });
      expect(mirrored.rows).toEqual([]);
      return store.read('d0');
    });
    expect(bobsCopy.spans).toEqual([]);
    const progress = await withSync(leadDir, url, 'lea', async (s) => (await s.round(), await s.teamProgress()));
    expect(progress.map((p) => [p.annotator, p.started, p.spans])).toEqual([
      [U.alice, 1, 1],
      [U.bob, 0, 0],
    ]);
  }, 120_000);

  it('moves copies an older Spanmark left in the team database into their owners’ databases when `team init` runs again', async () => {
    const { dir: leadDir, url } = await leadCorpus('migrate', 3);
    await syncOnce(leadDir, url, 'lea');
    const aliceDir = path.join(tmp, 'migrate', 'alice');
    await syncOnce(aliceDir, url, 'alice');
    await withSync(aliceDir, url, 'alice', async (s, store) => {
      for (const id of ['d0', 'd1']) await store.save(labelled(await store.read(id), 'alice'));
      await s.round();
    });
    await syncOnce(leadDir, url, 'lea');
    // the server as an older Spanmark left it: the copies (same revisions) in the team database, no database of her own
    const team = url.slice(server.url.length + 1);
    const hers = userDatabaseFor(team, U.alice);
    const rev = async (db: string, id: string) => (await couchRequest<{ _rev?: string }>(server.url, 'GET', `/${db}/${id}`, ADMIN)).body._rev;
    const revBefore = await rev(hers, `copy:${U.alice}:d0`);
    const auth = { username: ADMIN.name, password: ADMIN.password };
    const [from, to] = [new PouchDB(`${server.url}/${hers}`, { auth }), new PouchDB(`${server.url}/${team}`, { auth })];
    await PouchDB.replicate(from, to, { filter: (d) => d._id.startsWith('copy:') });
    await Promise.all([from.close(), to.close()]);
    expect(await rev(team, `copy:${U.alice}:d0`)).toBe(revBefore);
    expect((await couchRequest(server.url, 'DELETE', `/${hers}`, ADMIN)).status).toBe(200);

    // her new Spanmark says what is missing instead of failing obscurely, and loses nothing
    await withSync(aliceDir, url, 'alice', async (_s, store) => store.save(labelled(await store.read('d2'), 'alice')));
    await expect(syncOnce(aliceDir, url, 'alice')).rejects.toMatchObject({ code: 'no_corpus', message: expect.stringMatching(/team init/) });

    const result = await initDatabase(server.url, team, ADMIN);
    expect(result.moved).toBe(2);
    expect(result.annotators).toEqual(expect.arrayContaining([U.alice, U.bob]));
    expect(await rev(hers, `copy:${U.alice}:d0`)).toBe(revBefore);
    const left = await couchRequest<{ rows: { id: string }[] }>(server.url, 'GET', `/${team}/_all_docs`, ADMIN);
    expect(left.body.rows.map((r) => r.id).filter((id) => id.startsWith('copy:'))).toEqual([]);
    // nor do their old revisions stay readable (CouchDB compacts in the background: wait for it)
    await expect.poll(async () => (await couchRequest(server.url, 'GET', `/${team}/copy:${U.alice}:d0?rev=${revBefore!}`, { name: U.bob, password: PW.bob })).status, { timeout: 30_000 }).toBe(404);

    // the next rounds carry on: her offline edit goes up, nothing is pushed twice, the lead counts three copies
    const a = await syncOnce(aliceDir, url, 'alice');
    expect([a.pushed, a.pending, a.refused]).toEqual([1, 0, []]);
    const progress = await withSync(leadDir, url, 'lea', async (s) => (await s.round(), await s.teamProgress()));
    expect(progress).toEqual([expect.objectContaining({ annotator: U.alice, started: 3, done: 3, spans: 3 })]);
    expect(await rev(hers, `copy:${U.alice}:d0`)).toBe(revBefore);
  }, 120_000);

  it('scopes a role to one corpus: a lead and an annotator of one corpus cannot read or write another', async () => {
    const x = await leadCorpus('scoped-x', 2);
    const y = await leadCorpus('scoped-y', 2);
    const [dbX, dbY] = [x.url, y.url].map((u) => u.slice(server.url.length + 1)) as [string, string];
    const carl = { name: user('carl'), password: 'carl-pw' };
    const dana = { name: user('dana'), password: 'dana-pw' };
    await putUser(server.url, ADMIN, carl.name, carl.password, 'lead', dbX);
    await putUser(server.url, ADMIN, dana.name, dana.password, 'annotator', dbX);

    await syncOnce(x.dir, x.url, 'lea');
    // dana annotates x as usual
    const danaDir = path.join(tmp, 'scoped-x', 'dana');
    const joined = await openTeamCorpus(danaDir, x.url, dana);
    try {
      expect((await joined.sync.round()).added).toBe(2);
      await joined.store.save(labelled(await joined.store.read('d0'), 'dana'));
      expect((await joined.sync.round()).pushed).toBe(1);
    } finally {
      await joined.sync.close();
      await joined.store.close();
    }
    // carl leads x: he reads dana's work and writes x's assignments
    const lead = await openTeamCorpus(x.dir, x.url, carl);
    try {
      expect(await lead.sync.whoAmI()).toBe('lead');
      await lead.sync.assign([dana.name], 0);
      const r = await lead.sync.round();
      expect([r.refused, r.pending]).toEqual([[], 0]);
      expect(await lead.sync.teamProgress()).toEqual([expect.objectContaining({ annotator: dana.name, assigned: 2, started: 1, spans: 1 })]);
    } finally {
      await lead.sync.close();
      await lead.store.close();
    }
    // but y is closed to both: its team database, its annotators' copies, its lead documents
    expect((await couchRequest(server.url, 'GET', `/${dbY}/_all_docs`, dana)).status).toBe(403);
    expect((await couchRequest(server.url, 'GET', `/${dbY}/_all_docs`, carl)).status).toBe(403);
    expect((await couchRequest(server.url, 'GET', `/${userDatabaseFor(dbY, U.alice)}/_all_docs`, carl)).status).toBe(403);
    expect((await couchRequest(server.url, 'PUT', `/${dbY}/lead:assignments`, carl, { documents: {} })).status).toBe(403);
    // and dana has no database in y
    expect((await couchRequest(server.url, 'GET', `/${userDatabaseFor(dbY, dana.name)}`, ADMIN)).status).toBe(404);
    // the server-wide lead still leads both
    expect((await couchRequest(server.url, 'GET', `/${userDatabaseFor(dbX, dana.name)}/copy:${dana.name}:d0`, { name: U.lea, password: PW.lea })).status).toBe(200);
  }, 120_000);
});
