import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CorpusStore } from '../corpus-store';
import type { Document } from '../../../shared/model/schema';
import { couchRequest, type Credentials } from './couch-admin';
import { checkServerUrl, isUserDatabase, userDatabaseFor } from './team-names';

/**
 * Test support: the embedded team server as a real child process (started
 * through the CLI exactly as a lead would, on a free port of 127.0.0.1), so
 * tests can kill it mid-replication and start it again on the same data.
 *
 * With SPANMARK_COUCHDB_URL=http(s)://admin:pw@host:5984 (`npm run
 * test:couchdb`), teamServer() is that CouchDB instead: user names get a
 * suffix unique to the run (user()), corpora ids a prefix (makeCorpus), and
 * stop() removes the run's databases and users again.
 */

const repo = path.resolve(import.meta.dirname, '../../..');

function couchFromEnv(): { url: string; admin: Credentials } | null {
  const raw = process.env.SPANMARK_COUCHDB_URL;
  if (!raw) return null;
  const u = new URL(raw);
  const admin = { name: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
  if (!admin.name || !admin.password) throw new Error('SPANMARK_COUCHDB_URL must carry the admin: http(s)://<admin>:<password>@host:5984');
  u.username = '';
  u.password = '';
  return { url: checkServerUrl(u.toString()).toString().replace(/\/+$/, ''), admin };
}

const couch = couchFromEnv();
/** This test run, on a shared CouchDB: in every user name and corpus id it creates. */
const RUN = randomBytes(3).toString('hex');
export const ADMIN: Credentials = couch?.admin ?? { name: 'admin', password: 'admin-secret' };
export const onCouchDB = couch !== null;

/** A user name of this run: the name itself on the embedded server, suffixed on a shared CouchDB. */
export function user(name: string): string {
  return couch ? `${name}-t${RUN}` : name;
}

/** The server the team tests that never kill it run against. */
export async function teamServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (!couch) return startServer(dataDir);
  const who = await couchRequest<{ userCtx?: { roles?: string[] } }>(couch.url, 'GET', '/_session', ADMIN);
  if (!who.body.userCtx?.roles?.includes('_admin')) throw new Error(`${couch.url}: the user in SPANMARK_COUCHDB_URL is not a server admin`);
  return { url: couch.url, stop: () => removeRun(couch.url) };
}

/** Deletes this run's databases and users, and takes its users off every team's list. */
async function removeRun(url: string): Promise<void> {
  const suffix = `-t${RUN}`;
  const users = await couchRequest<{ rows: { id: string; value: { rev: string } }[] }>(url, 'GET', `/_users/_all_docs?startkey=${encodeURIComponent('"org.couchdb.user:"')}&endkey=${encodeURIComponent('"org.couchdb.user:\ufff0"')}`, ADMIN);
  const ours = users.body.rows.filter((r) => r.id.endsWith(suffix));
  const names = ours.map((r) => r.id.slice('org.couchdb.user:'.length));
  const dbs = (await couchRequest<string[]>(url, 'GET', '/_all_dbs', ADMIN)).body.filter((d) => d.startsWith('spanmark-'));
  for (const db of dbs) {
    if (db.startsWith(`spanmark-c_t${RUN}`) || names.some((n) => db.endsWith(userDatabaseFor('', n)))) {
      await couchRequest(url, 'DELETE', `/${encodeURIComponent(db)}`, ADMIN);
    } else if (!isUserDatabase(db)) {
      const list = await couchRequest<{ _rev?: string; names?: string[] }>(url, 'GET', `/${encodeURIComponent(db)}/admin:annotators`, ADMIN);
      const kept = (list.body.names ?? []).filter((n) => !names.includes(n));
      if (list.status === 200 && kept.length !== list.body.names?.length) await couchRequest(url, 'PUT', `/${encodeURIComponent(db)}/admin:annotators`, ADMIN, { ...list.body, names: kept });
    }
  }
  for (const r of ours) await couchRequest(url, 'DELETE', `/_users/${encodeURIComponent(r.id)}?rev=${r.value.rev}`, ADMIN);
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no clean shutdown, as a crash or a pulled plug */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function startServer(dataDir: string, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(repo, 'bin/spanmark.mjs'), 'serve', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1', '--admin', `${ADMIN.name}:${ADMIN.password}`], {
    cwd: repo,
    env: { ...process.env, SPANMARK_CLI_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (!m) return;
      const url = m[1]!;
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

const T = '2026-03-01T10:00:00.000Z';

/** A small corpus of `n` documents, each "Doc i says the minister claimed 40 people left." */
export async function makeCorpus(dir: string, n: number, name = 'Team corpus'): Promise<CorpusStore> {
  const id = couch ? `c_t${RUN}_${randomBytes(4).toString('hex')}` : undefined;
  const store = await CorpusStore.create(dir, { name, guidelines: 'Label every claim.', ...(id ? { id } : {}) });
  const docs: Document[] = [];
  for (let i = 0; i < n; i++) {
    docs.push({ id: `d${i}`, title: `Document ${i}`, source: {}, text: `Doc ${i} says the minister claimed 40 people left.`, status: 'todo', spans: [], relations: [] });
  }
  await store.addDocuments(docs);
  return store;
}

/** Adds a claim span (by `who`) over "40 people left" and marks the document done. */
export function labelled(doc: Document, who: string, label = 'claim'): Document {
  const start = doc.text.indexOf('40 people left');
  return {
    ...doc,
    status: 'done',
    spans: [...doc.spans, { id: `s_${who}_${doc.spans.length}`, label, start, end: start + '40 people left'.length, text: '40 people left', annotator: who, createdAt: T, updatedAt: T }],
  };
}
