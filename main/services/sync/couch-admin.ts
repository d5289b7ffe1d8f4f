import PouchDB from 'pouchdb-node';
import { designDoc, securityObject, userDesignDoc, userSecurityObject } from './design';
import { corpusRole, ids, isUserDatabase, roleIn, TeamError, USER_NAME, userDatabaseFor, type TeamRole } from './team-names';

/**
 * The few administrative calls `team init` and `team add-user` make: create
 * a database, set its security object and design document, create or update
 * a user. Each is one idempotent REST request, the same on CouchDB 3.x and
 * the embedded server; replication itself goes through PouchDB (sync.ts).
 */

export interface Credentials {
  name: string;
  password: string;
}

export function authHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.name}:${c.password}`).toString('base64')}`;
}

/** One request; network failures and CouchDB errors become TeamErrors with the server's reason. */
export async function couchRequest<T = unknown>(server: string, method: string, path: string, auth: Credentials | null, body?: unknown): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(`${server}${path}`, {
      method,
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(auth ? { Authorization: authHeader(auth) } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    throw new TeamError('offline', `Cannot reach ${server}: ${causeOf(e)}`);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw new TeamError('server', `${server}${path} did not answer with JSON (HTTP ${res.status}); is this a CouchDB server?`);
  }
  return { status: res.status, body: json as T };
}

export function causeOf(e: unknown): string {
  const err = e as { cause?: { code?: string; message?: string }; message?: string };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

function failure(what: string, status: number, body: unknown): TeamError {
  const b = (body ?? {}) as { error?: string; reason?: string };
  const reason = `${what}: ${b.reason ?? b.error ?? `HTTP ${status}`}`;
  if (status === 401) return new TeamError('unauthorized', `${what}: wrong user name or password.`);
  if (status === 403) return new TeamError('forbidden', reason);
  return new TeamError('server', reason);
}

async function ok(server: string, method: string, path: string, auth: Credentials, body: unknown, what: string, allow: number[] = []): Promise<unknown> {
  const r = await couchRequest(server, method, path, auth, body);
  if (r.status >= 300 && !allow.includes(r.status)) throw failure(what, r.status, r.body);
  return r.body;
}

export interface InitResult {
  /** annotators whose own database this corpus now has */
  annotators: string[];
  /** copies moved out of the team database (servers set up before annotators had their own databases) */
  moved: number;
}

/**
 * Creates the team database (if missing), its security object and design
 * document, then every annotator's own database beside it (one per user
 * with the annotator role, and per user who left copies in the team
 * database), and moves copies an older Spanmark left in the team database
 * into their owner's database. Safe to run again.
 */
export async function initDatabase(server: string, database: string, admin: Credentials): Promise<InitResult> {
  await putDesign(server, database, admin, designDoc(database), securityObject(database));
  const left = await copiesInTeamDatabase(server, database, admin);
  const names = [...new Set([...(await annotatorUsers(server, database, admin)), ...left.keys()])].sort();
  for (const name of names) await initUserDatabase(server, database, name, admin);
  let moved = 0;
  for (const [user, docIds] of left) moved += await moveCopies(server, database, user, docIds, admin);
  if (moved) {
    // the moved copies' old revisions stay readable by id and rev until the database is compacted
    await ok(server, 'POST', `/${encodeURIComponent(database)}/_compact`, admin, {}, `Compacting ${database}`, [404]);
  }
  return { annotators: names, moved };
}

/** An annotator's own database for one corpus: only they write it, only they and leads read it; the lead is told it exists. */
export async function initUserDatabase(server: string, teamDatabase: string, user: string, admin: Credentials): Promise<void> {
  await putDesign(server, userDatabaseFor(teamDatabase, user), admin, userDesignDoc(user), userSecurityObject(user, teamDatabase));
  const path = `/${encodeURIComponent(teamDatabase)}/${encodeURIComponent(ids.annotators)}`;
  for (let attempt = 0; ; attempt++) {
    const current = await couchRequest<{ _rev?: string; names?: string[] }>(server, 'GET', path, admin);
    const have = current.status === 200 && Array.isArray(current.body.names) ? current.body.names : [];
    if (have.includes(user)) return;
    const r = await couchRequest(server, 'PUT', path, admin, { _id: ids.annotators, ...(current.body._rev ? { _rev: current.body._rev } : {}), names: [...have, user].sort() });
    if (r.status < 300) return;
    if (r.status !== 409 || attempt > 3) throw failure(`Listing ${user} in ${teamDatabase}`, r.status, r.body);
  }
}

async function putDesign(server: string, database: string, admin: Credentials, design: Record<string, unknown>, security: unknown): Promise<void> {
  const db = `/${encodeURIComponent(database)}`;
  await ok(server, 'PUT', db, admin, undefined, `Creating database ${database}`, [412]);
  await ok(server, 'PUT', `${db}/_security`, admin, security, `Setting the security of ${database}`);
  const current = await couchRequest<{ _rev?: string }>(server, 'GET', `${db}/_design/spanmark`, admin);
  const rev = current.status === 200 ? current.body._rev : undefined;
  await ok(server, 'PUT', `${db}/_design/spanmark`, admin, { ...design, ...(rev ? { _rev: rev } : {}) }, `Writing the validation rules of ${database}`);
}

/** Names of the server's users who annotate this corpus: everywhere, or here (admin only). */
async function annotatorUsers(server: string, database: string, admin: Credentials): Promise<string[]> {
  const range = `startkey=${encodeURIComponent('"org.couchdb.user:"')}&endkey=${encodeURIComponent('"org.couchdb.user:\ufff0"')}`;
  const r = await couchRequest<{ rows?: { doc?: { name?: string; roles?: string[] } }[] }>(server, 'GET', `/_users/_all_docs?include_docs=true&${range}`, admin);
  if (r.status === 404) return [];
  if (r.status >= 300) throw failure('Reading users', r.status, r.body);
  return (r.body.rows ?? []).filter((row) => roleIn(database, row.doc?.roles ?? []) === 'annotator' && typeof row.doc?.name === 'string').map((row) => row.doc!.name!);
}

/** copy: and conflict: documents in the team database, by user. */
async function copiesInTeamDatabase(server: string, database: string, admin: Credentials): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const prefix of ['copy:', 'conflict:']) {
    const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
    const r = await couchRequest<{ rows?: { id: string }[] }>(server, 'GET', `/${encodeURIComponent(database)}/_all_docs?${range}`, admin);
    if (r.status >= 300) throw failure(`Reading ${database}`, r.status, r.body);
    for (const { id } of r.body.rows ?? []) {
      const user = id.split(':')[1];
      if (!user || !USER_NAME.test(user)) continue;
      const list = out.get(user) ?? [];
      list.push(id);
      out.set(user, list);
    }
  }
  return out;
}

/**
 * Moves one user's copies from the team database into theirs: replicated
 * with their whole revision history (so every machine's mirror sees the
 * same revisions and nothing is pushed or pulled twice), checked there, and
 * only then deleted from the team database. The team database's filters
 * never pass copies, so those deletions reach no one's mirror.
 */
async function moveCopies(server: string, teamDatabase: string, user: string, docIds: string[], admin: Credentials): Promise<number> {
  const target = userDatabaseFor(teamDatabase, user);
  const auth = { username: admin.name, password: admin.password };
  const from = new PouchDB(`${server}/${encodeURIComponent(teamDatabase)}`, { skip_setup: true, auth });
  const to = new PouchDB(`${server}/${encodeURIComponent(target)}`, { skip_setup: true, auth });
  try {
    const result = await PouchDB.replicate(from, to, { doc_ids: docIds, batch_size: 500 });
    if (result.doc_write_failures) throw new TeamError('server', `Moving ${user}'s copies into ${target}: ${result.doc_write_failures} refused.`);
    const here = await from.allDocs({ keys: docIds, include_docs: true, conflicts: true });
    const leaves: Record<string, string[]> = {};
    for (const row of here.rows) if (row.value && !row.value.deleted) leaves[row.id] = [row.value.rev, ...(row.doc?._conflicts ?? [])];
    // every revision the team database holds must be in theirs before anything is removed
    const diff = await ok(server, 'POST', `/${encodeURIComponent(target)}/_revs_diff`, admin, leaves, `Checking ${target}`);
    const missing = Object.keys((diff ?? {}) as Record<string, unknown>);
    if (missing.length) throw new TeamError('server', `Moving ${user}'s copies into ${target}: ${missing[0]} did not arrive; nothing was removed from ${teamDatabase}.`);
    // one leaf per request and id: the winning revisions first, then each conflicting branch
    const depth = Math.max(0, ...Object.values(leaves).map((revs) => revs.length));
    for (let k = 0; k < depth; k++) {
      const deletions = Object.entries(leaves).filter(([, revs]) => revs[k]).map(([_id, revs]) => ({ _id, _rev: revs[k]!, _deleted: true }));
      const res = await from.bulkDocs(deletions);
      const failed = res.find((r) => r.error);
      if (failed) throw new TeamError('server', `Removing moved copies from ${teamDatabase}: ${failed.id}: ${failed.reason ?? failed.error}`);
    }
    return Object.keys(leaves).length;
  } catch (e) {
    if (e instanceof TeamError) throw e;
    throw new TeamError('server', `Moving ${user}'s copies into ${target}: ${causeOf(e)}`);
  } finally {
    await from.close().catch(() => undefined);
    await to.close().catch(() => undefined);
  }
}

/** The server's team databases (admin only: CouchDB 3 lists databases to admins). */
async function teamDatabases(server: string, admin: Credentials): Promise<string[]> {
  const r = await couchRequest<string[]>(server, 'GET', '/_all_dbs', admin);
  if (r.status >= 300) throw failure('Listing databases', r.status, r.body);
  const out: string[] = [];
  for (const name of r.body.filter((n) => n.startsWith('spanmark-') && !isUserDatabase(n))) {
    const design = await couchRequest<{ validate_doc_update?: string }>(server, 'GET', `/${encodeURIComponent(name)}/_design/spanmark`, admin);
    if (design.status === 200 && design.body.validate_doc_update) out.push(name);
  }
  return out;
}

/**
 * Creates the user, or updates their password and role when they exist.
 * Without `teamDatabase` the role holds for every corpus on the server (and
 * replaces their server-wide role); with it, for that corpus only (their
 * roles elsewhere are kept).
 */
export async function putUser(server: string, admin: Credentials, name: string, password: string, role: TeamRole, teamDatabase?: string): Promise<'created' | 'updated'> {
  if (!USER_NAME.test(name)) throw new TeamError('invalid', `"${name}" is not a usable user name: lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  if (!password) throw new TeamError('invalid', 'The password must not be empty.');
  const path = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  const current = await couchRequest<{ _rev?: string; roles?: string[] }>(server, 'GET', path, admin);
  if (current.status === 401 || current.status === 403) throw failure('Reading users', current.status, current.body);
  const rev = current.status === 200 ? current.body._rev : undefined;
  const had = current.status === 200 && Array.isArray(current.body.roles) ? current.body.roles : [];
  let roles: string[];
  if (teamDatabase) {
    const scoped = [corpusRole(teamDatabase, 'annotator'), corpusRole(teamDatabase, 'lead')];
    roles = [...had.filter((r) => !scoped.includes(r)), corpusRole(teamDatabase, role)];
  } else {
    roles = [role, ...had.filter((r) => r.includes(':'))];
  }
  // CouchDB hashes `password` on write and never returns it
  await ok(server, 'PUT', path, admin, { _id: `org.couchdb.user:${name}`, ...(rev ? { _rev: rev } : {}), name, type: 'user', roles, password }, `Saving user ${name}`);
  // an annotator needs their own database in every corpus they annotate: a lead cannot create databases when assigning
  if (role === 'annotator') {
    const where = teamDatabase ? [teamDatabase] : await teamDatabases(server, admin);
    for (const database of where) await initUserDatabase(server, database, name, admin);
  }
  return rev ? 'updated' : 'created';
}

/** Who the server says these credentials are; a wrong password or an unreachable server is a clear error. */
export async function whoAmI(server: string, user: Credentials): Promise<{ name: string; roles: string[] }> {
  const r = await couchRequest<{ userCtx?: { name: string | null; roles: string[] } }>(server, 'GET', '/_session', user);
  if (r.status >= 300) throw failure(`Signing in to ${server} as ${user.name}`, r.status, r.body);
  const ctx = r.body.userCtx;
  if (!ctx?.name) throw new TeamError('unauthorized', `Signing in to ${server} as ${user.name}: wrong user name or password.`);
  return { name: ctx.name, roles: ctx.roles };
}
