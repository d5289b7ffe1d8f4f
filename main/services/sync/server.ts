import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-node';
import { writeAtomic } from '../atomic-write';

/**
 * The embedded team server behind `spanmark serve`: express-pouchdb (the
 * HTTP layer of pouchdb-server) over PouchDB's LevelDB adapter, so databases
 * live on disk under `dataDir`. Its "fullCouchDB" mode brings what a team
 * needs from CouchDB: the _users database with roles, per-database
 * _security, and design-document validate_doc_update on every write.
 * leveldown ships prebuilt N-API binaries inside its npm package, so
 * nothing is downloaded or compiled at install time.
 */

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  admin: { name: string; password: string };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startTeamServer(opts: ServeOptions): Promise<RunningServer> {
  const dir = path.resolve(opts.dataDir);
  await mkdir(dir, { recursive: true });
  const Pouch = PouchDB.defaults({ prefix: `${dir}${path.sep}` });
  const app = expressPouchDB(Pouch, {
    // express-pouchdb's own config file is rewritten by concurrent unsynchronised writes at start-up
    // (a restart can fail with ENOENT); the little that must persist is kept in identity() instead
    inMemoryConfig: true,
    logPath: path.join(dir, 'log.txt'),
    mode: 'fullCouchDB',
    // the Fauxton web UI is a large static bundle nobody here needs
    overrideMode: { exclude: ['routes/fauxton'] },
  });
  app.dbWrapper.registerWrapper((_name, db, next) => {
    keepRevisionHistory(db as BulkDocsHost);
    next();
  });
  const id = await identity(dir);
  const set = (section: string, key: string, value: string) =>
    new Promise<void>((resolve, reject) => app.couchConfig.set(section, key, value, (e) => (e ? reject(e as Error) : resolve())));
  // the server uuid is part of PouchDB's replication ids: it must survive a restart, or every checkpoint is lost
  await set('couchdb', 'uuid', id.uuid);
  await set('couch_httpd_auth', 'secret', id.secret);
  await set('admins', opts.admin.name, opts.admin.password);
  const server: Server = createServer((req, res) => {
    forbidNonMembers(req, res);
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${host}:${port}`;
  await waitUntilAnswers(url);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        // live _changes feeds never end by themselves
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * pouchdb-security answers 401 to a signed-in user who is not a member of a
 * database; CouchDB answers 403 (401 means "who are you?"). Clients rely on
 * the difference: a 401 makes Spanmark say the password is wrong. A 401 to a
 * request whose user express-pouchdb has signed in can only be that refusal,
 * so it goes out as CouchDB's 403.
 */
function forbidNonMembers(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const signedIn = (req as IncomingMessage & { couchSession?: { userCtx?: { name?: string | null } } }).couchSession?.userCtx?.name;
    if (status === 401 && signedIn) {
      res.removeHeader('WWW-Authenticate');
      res.statusMessage = 'Forbidden';
      return writeHead(403, ...rest);
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
}

/** The server's uuid and cookie secret, made once per data folder. */
async function identity(dir: string): Promise<{ uuid: string; secret: string }> {
  const file = path.join(dir, 'spanmark-server.json');
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as { uuid?: unknown; secret?: unknown };
    if (typeof v.uuid === 'string' && typeof v.secret === 'string') return { uuid: v.uuid, secret: v.secret };
  } catch {
    // first start, or a damaged file: make a new identity (clients then replicate from scratch, without duplicates)
  }
  const fresh = { uuid: randomUUID().replace(/-/g, ''), secret: randomBytes(16).toString('hex') };
  await writeAtomic(file, JSON.stringify(fresh));
  return fresh;
}

interface BulkDocsHost {
  bulkDocs(docs: unknown, opts?: unknown, cb?: unknown): Promise<unknown>;
}

/**
 * pouchdb-validation 4.2 replaces an incoming document's `_revisions` with
 * the stored document's before validating, and that object is then written.
 * For replicated writes (new_edits: false) `_revisions` is the revision
 * history, so a replicated update or a conflicting branch would be silently
 * dropped. Pin each replicated document's own history so the validator's
 * assignment is ignored (an accessor, since the validator runs in strict mode).
 */
function keepRevisionHistory(db: BulkDocsHost): void {
  const inner = db.bulkDocs.bind(db);
  db.bulkDocs = (arg: unknown, opts?: unknown, cb?: unknown) => {
    const body = Array.isArray(arg) ? { docs: arg } : (arg as { docs?: unknown[]; new_edits?: boolean });
    const newEdits = (body as { new_edits?: boolean }).new_edits ?? (opts as { new_edits?: boolean } | undefined)?.new_edits;
    if (newEdits === false) {
      for (const doc of body.docs ?? []) {
        if (!doc || typeof doc !== 'object') continue;
        const own = (doc as { _revisions?: unknown })._revisions;
        Object.defineProperty(doc, '_revisions', { get: () => own, set: () => undefined, enumerable: own !== undefined, configurable: true });
      }
    }
    return inner(arg, opts, cb);
  };
}

/** "prints its URL once it answers": the databases open lazily, so ask once before saying so. */
async function waitUntilAnswers(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/`);
      if (res.ok) return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    if (Date.now() > deadline) throw new Error(`The server at ${url} does not answer.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
