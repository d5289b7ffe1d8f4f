import { createHash } from 'node:crypto';

/**
 * The names Spanmark uses on a CouchDB server: roles, the databases of a
 * corpus and the id of each replicated document. One writer per document
 * id, so replication never has to merge two people's work.
 *
 * The team database (`spanmark-<corpus id>`, every member reads it):
 *   lead:corpus            name, label schema, guidelines     (lead)
 *   lead:assignments       who annotates which document       (lead)
 *   lead:doc:<docId>       a document as the lead handed it out (lead)
 *   gold:<docId>           a finalized gold document          (lead)
 *   admin:annotators       whose databases the lead reads     (server admin)
 * Each annotator's own database (`spanmark-<corpus id>-u-<hex of name>`,
 * read by that annotator and leads only, so annotators work blind):
 *   copy:<user>:<docId>    one annotator's copy of a document (that user)
 *   conflict:<user>:<docId>:<rev>  a version of that copy set aside when the
 *                          same user edited it on two machines (that user)
 */

export const ROLES = ['annotator', 'lead'] as const;
export type TeamRole = (typeof ROLES)[number];

/**
 * A role for one corpus only: `<team database>:lead` or `:annotator`. The
 * plain roles hold for every Spanmark corpus on the server (the original
 * setup); a corpus-scoped one only where the team database names it.
 */
export function corpusRole(teamDatabase: string, role: TeamRole): string {
  return `${teamDatabase}:${role}`;
}

/** What a user with these server roles is in this team database, or null when they are neither. */
export function roleIn(teamDatabase: string, roles: readonly string[]): TeamRole | null {
  if (roles.includes('_admin') || roles.includes('lead') || roles.includes(corpusRole(teamDatabase, 'lead'))) return 'lead';
  if (roles.includes('annotator') || roles.includes(corpusRole(teamDatabase, 'annotator'))) return 'annotator';
  return null;
}

/** CouchDB user names we create: no ':' (it separates id parts), nothing a shell or URL mangles. */
export const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const ids = {
  corpus: 'lead:corpus',
  assignments: 'lead:assignments',
  annotators: 'admin:annotators',
  base: (docId: string) => `lead:doc:${docId}`,
  gold: (docId: string) => `gold:${docId}`,
  copy: (user: string, docId: string) => `copy:${user}:${docId}`,
  conflict: (user: string, docId: string, rev: string) => `conflict:${user}:${docId}:${rev}`,
};

export type ParsedId =
  | { kind: 'corpus' | 'assignments' | 'annotators' }
  | { kind: 'base' | 'gold'; docId: string }
  | { kind: 'copy'; user: string; docId: string }
  | { kind: 'conflict'; user: string; rest: string }
  | { kind: 'other' };

export function parseId(id: string): ParsedId {
  if (id === ids.corpus) return { kind: 'corpus' };
  if (id === ids.assignments) return { kind: 'assignments' };
  if (id === ids.annotators) return { kind: 'annotators' };
  if (id.startsWith('lead:doc:')) return { kind: 'base', docId: id.slice('lead:doc:'.length) };
  if (id.startsWith('gold:')) return { kind: 'gold', docId: id.slice('gold:'.length) };
  const m = /^(copy|conflict):([^:]+):(.+)$/s.exec(id);
  if (m?.[1] === 'copy') return { kind: 'copy', user: m[2]!, docId: m[3]! };
  if (m?.[1] === 'conflict') return { kind: 'conflict', user: m[2]!, rest: m[3]! };
  return { kind: 'other' };
}

/**
 * CouchDB database names allow only [a-z0-9_$()+/-] after a leading letter.
 * Ids that lose information on the way (upper case, other characters) get a
 * short hash of the original, so two corpora never share a database.
 */
export function databaseFor(corpusId: string): string {
  const slug = corpusId.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 100);
  const exact = slug === corpusId;
  return `spanmark-${slug}${exact ? '' : `-${createHash('sha1').update(corpusId).digest('hex').slice(0, 8)}`}`;
}

/** CouchDB's longest database name. */
const MAX_DB_NAME = 238;

/**
 * The annotator's own database beside the team database. User names may hold
 * "." (not allowed in database names), so the name is spelled in hex; one too
 * long for CouchDB is replaced by its SHA-1 ("h" marks it: hex has no "h").
 */
export function userDatabaseFor(teamDatabase: string, user: string): string {
  const name = `${teamDatabase}-u-${Buffer.from(user, 'utf8').toString('hex')}`;
  if (name.length <= MAX_DB_NAME) return name;
  return `${teamDatabase}-u-h${createHash('sha1').update(user).digest('hex')}`;
}

/** Whether a database name is an annotator's database (not a team database). */
export function isUserDatabase(database: string): boolean {
  return /-u-(?:[0-9a-f]{2})+$|-u-h[0-9a-f]{40}$/.test(database);
}

export class TeamError extends Error {
  constructor(
    readonly code: 'insecure_url' | 'bad_url' | 'unauthorized' | 'forbidden' | 'offline' | 'server' | 'invalid' | 'incomplete' | 'no_corpus',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Passwords travel with every request, so anything but this machine must be
 * HTTPS. Returns the URL without a trailing slash and without credentials
 * (credentials in a URL end up in logs and process lists).
 */
export function checkServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TeamError('bad_url', `"${raw}" is not a URL (expected e.g. https://couch.example.org or http://127.0.0.1:5984).`);
  }
  if (url.username || url.password) throw new TeamError('bad_url', 'Put the user and password in their own options, not in the server URL.');
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new TeamError('insecure_url', `Refusing ${url.protocol}//${url.host}: passwords may only be sent over HTTPS (plain http is allowed for localhost and 127.0.0.1 only).`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.hash = '';
  url.search = '';
  return url;
}

/**
 * `--server` names either the server (the database then follows from the
 * corpus id) or the team database itself (`…/spanmark-…`, as `team init`
 * prints it), which is how an annotator with no local corpus yet joins.
 */
export function splitServerUrl(raw: string): { server: string; database: string | null } {
  const url = checkServerUrl(raw);
  const parts = url.pathname.split('/').filter(Boolean);
  const last = parts.at(-1);
  if (last && last.startsWith('spanmark-')) {
    parts.pop();
    url.pathname = parts.length ? `/${parts.join('/')}` : '';
    return { server: url.toString().replace(/\/+$/, ''), database: decodeURIComponent(last) };
  }
  return { server: url.toString().replace(/\/+$/, ''), database: null };
}

export function parseUserPassword(value: string, what: string): { name: string; password: string } {
  const i = value.indexOf(':');
  if (i <= 0 || i === value.length - 1) throw new TeamError('invalid', `${what} must look like <user>:<password>.`);
  return { name: value.slice(0, i), password: value.slice(i + 1) };
}
