import { designDoc, securityObject } from './design';
import { TeamError, USER_NAME, type TeamRole } from './team-names';

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

/** Creates the team database (if missing), its security object and design document. */
export async function initDatabase(server: string, database: string, admin: Credentials): Promise<void> {
  const db = `/${encodeURIComponent(database)}`;
  await ok(server, 'PUT', db, admin, undefined, `Creating database ${database}`, [412]);
  await ok(server, 'PUT', `${db}/_security`, admin, securityObject(), `Setting the security of ${database}`);
  const current = await couchRequest<{ _rev?: string }>(server, 'GET', `${db}/_design/spanmark`, admin);
  const rev = current.status === 200 ? current.body._rev : undefined;
  await ok(server, 'PUT', `${db}/_design/spanmark`, admin, { ...designDoc, ...(rev ? { _rev: rev } : {}) }, 'Writing the validation rules');
}

/** Creates the user, or updates their password and role when they exist. */
export async function putUser(server: string, admin: Credentials, name: string, password: string, role: TeamRole): Promise<'created' | 'updated'> {
  if (!USER_NAME.test(name)) throw new TeamError('invalid', `"${name}" is not a usable user name: lower-case letters, digits, ".", "_" and "-", starting with a letter or digit.`);
  if (!password) throw new TeamError('invalid', 'The password must not be empty.');
  const path = `/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  const current = await couchRequest<{ _rev?: string; roles?: string[] }>(server, 'GET', path, admin);
  if (current.status === 401 || current.status === 403) throw failure('Reading users', current.status, current.body);
  const rev = current.status === 200 ? current.body._rev : undefined;
  // CouchDB hashes `password` on write and never returns it
  await ok(server, 'PUT', path, admin, { _id: `org.couchdb.user:${name}`, ...(rev ? { _rev: rev } : {}), name, type: 'user', roles: [role], password }, `Saving user ${name}`);
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
