import { randomUUID, createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import PouchDB, { type Database, type Doc, type NewDoc, type ReplicateOptions } from 'pouchdb-node';
import type { TeamProgress } from '../../../shared/ipc/contract';
import { AnnotationSchemaSchema, DocumentSchema, type Document } from '../../../shared/model/schema';
import { documentProblems } from '../../../shared/model/validate';
import { CorpusStore } from '../corpus-store';
import { causeOf, whoAmI, type Credentials } from './couch-admin';
import { assignDocuments } from './assign';
import { FILTERS } from './design';
import { ids, parseId, roleIn, TeamError, USER_NAME, userDatabaseFor, type ParsedId } from './team-names';

/**
 * One corpus folder kept in step with its team's databases on the server:
 * an annotator pushes their copies to their own database and pulls the
 * lead's documents from the team database (and their copies back, for their
 * other machines); a lead pushes to the team database and pulls every
 * annotator's database (see team-names.ts for the layout).
 *
 * The corpus folder stays the source of truth: a round reads it through the
 * store, writes what changed into a local PouchDB mirror (in
 * `.spanmark/team/`), lets PouchDB replicate the mirror with the server
 * (checkpointed, batched; resumes where it stopped after a cut or a crash,
 * and document ids are fixed, so a resumed round never duplicates), then
 * writes what arrived back into the store. Saving a document never waits
 * for any of this.
 */

export interface TeamLink {
  server: string;
  /** the team database; each annotator's own one is named after it */
  database: string;
  user: string;
}

export interface ConflictNote {
  docId: string;
  kept: string;
  setAside: string[];
}

export interface SyncReport {
  role: 'lead' | 'annotator';
  staged: number;
  pushed: number;
  pulled: number;
  added: number;
  updated: number;
  conflicts: ConflictNote[];
  /** documents on the server that cannot be used, with the reason; they are left out, never written to the corpus */
  problems: string[];
  /** writes the server refused */
  refused: string[];
  /** local changes not yet on the server */
  pending: number;
  /** documents this round removed from the corpus folder (deleted on the user's other machine, or by the lead, while untouched here) */
  removed: number;
  /** the lead's schema or guidelines arrived and were written into the corpus */
  metaChanged: boolean;
  /** documents this round wrote into (or removed from) the corpus folder */
  changedIds: string[];
}

// the IPC contract owns this shape; main fills it
export type { TeamProgress };

export interface Progress {
  phase: 'stage' | 'push' | 'pull' | 'apply';
  docs: number;
}

export interface SyncOptions {
  credentials: Credentials;
  batchSize?: number;
  onProgress?: (p: Progress) => void;
}

type Mirror = Database;
type Stored = Doc;

const STAGED = '_local/spanmark-staged';
const APPLIED = '_local/spanmark-applied';
const PUSHED = '_local/spanmark-pushed';
const MACHINE = '_local/spanmark-machine';
/** documents deleted from this folder: never handed out to it again */
const DELETED = '_local/spanmark-deleted';
const BATCH = 250;
/**
 * Documents per replication request and per write into the folder. Each
 * request costs the server a session check and the folder a manifest
 * rewrite, so a first sync of 10,000 documents goes in ten requests, not forty.
 */
const BIG_BATCH = 1000;

export function mirrorDir(corpusDir: string, database: string): string {
  return path.join(corpusDir, '.spanmark', 'team', database);
}

function hashOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex');
}

/** PouchDB errors carry an HTTP status; a missing one means the request never got an answer. */
export function classify(e: unknown, server: string): TeamError {
  if (e instanceof TeamError) return e;
  const err = e as { status?: number; name?: string; message?: string; reason?: string };
  if (err.status === 401) return new TeamError('unauthorized', `${server}: wrong user name or password.`);
  if (err.status === 403) return new TeamError('forbidden', `${server}: ${err.reason ?? err.message ?? 'forbidden'}`);
  if (err.status === 404) return new TeamError('no_corpus', `${server}: no such team database (${err.reason ?? 'missing'}); run \`spanmark team init\` first.`);
  if (!err.status || err.status >= 500) return new TeamError('offline', `Cannot reach ${server}: ${causeOf(e)}`);
  return new TeamError('server', `${server}: ${err.reason ?? err.message ?? String(e)}`);
}

export class TeamSync {
  private role: 'lead' | 'annotator' | null = null;
  private closed = false;
  /** annotators' own databases, by name */
  private readonly userRemotes = new Map<string, Mirror>();

  private constructor(
    readonly store: CorpusStore,
    readonly link: TeamLink,
    private readonly mirror: Mirror,
    private readonly remote: Mirror,
    private readonly opts: SyncOptions,
  ) {}

  static async open(store: CorpusStore, link: TeamLink, opts: SyncOptions): Promise<TeamSync> {
    if (store.readOnly) throw new TeamError('invalid', `${store.dir} is open read-only (${store.readOnlyReason ?? ''}); sync it from the window or process that has it open.`);
    const dir = mirrorDir(store.dir, link.database);
    await mkdir(path.dirname(dir), { recursive: true });
    const mirror = new PouchDB(dir, { adapter: 'leveldb' });
    const remote = remoteDb(link.server, link.database, opts.credentials);
    return new TeamSync(store, link, mirror, remote, opts);
  }

  /** The server's lead:corpus document: how an annotator with no local copy starts one. */
  static async fetchCorpus(link: TeamLink, credentials: Credentials): Promise<{ corpusId: string; name: string; schema: unknown; guidelines: string }> {
    const remote = remoteDb(link.server, link.database, credentials);
    try {
      const doc = (await remote.get(ids.corpus)) as unknown as { corpusId: string; name: string; schema: unknown; guidelines: string };
      return doc;
    } catch (e) {
      const err = classify(e, `${link.server}/${link.database}`);
      if ((e as { status?: number }).status === 404) throw new TeamError('no_corpus', `${link.server}/${link.database} has no corpus yet: the lead runs \`spanmark team init\` first.`);
      throw err;
    } finally {
      await remote.close().catch(() => undefined);
    }
  }

  get mirrorDb(): Mirror {
    return this.mirror;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.remote.close().catch(() => undefined);
    for (const r of this.userRemotes.values()) await r.close().catch(() => undefined);
    await this.mirror.close().catch(() => undefined);
  }

  private progress(phase: Progress['phase'], docs: number): void {
    this.opts.onProgress?.({ phase, docs });
  }

  async whoAmI(): Promise<'lead' | 'annotator'> {
    if (!this.role) {
      const me = await whoAmI(this.link.server, this.opts.credentials);
      this.role = roleIn(this.link.database, me.roles) ?? 'annotator';
    }
    return this.role;
  }

  /** One push-and-pull round. Throws a TeamError when the server cannot be reached or refuses the user. */
  async round(): Promise<SyncReport> {
    const role = await this.whoAmI();
    const report: SyncReport = { role, staged: 0, pushed: 0, pulled: 0, added: 0, updated: 0, removed: 0, metaChanged: false, conflicts: [], problems: [], refused: [], pending: 0, changedIds: [] };
    report.staged = await this.stage(role);
    const seqBeforePush = (await this.mirror.info()).update_seq;
    const push = await this.push(role);
    report.pushed = push.written;
    report.refused.push(...push.failures);
    if (!push.failures.length) await this.setLocal(PUSHED, { seq: seqBeforePush });
    report.pulled = await this.pull(role, report);
    await this.apply(role, report);
    if (report.conflicts.length) {
      // the resolution wrote new revisions; send them now rather than next round
      const again = await this.push(role);
      report.refused.push(...again.failures);
    }
    // everything in the mirror now came from the server or was pushed to it
    if (!report.refused.length) await this.setLocal(PUSHED, { seq: (await this.mirror.info()).update_seq });
    report.pending = await this.pending(role);
    return report;
  }

  /** Local changes the server does not have yet: unstaged edits plus staged documents not yet pushed. */
  async pending(role?: 'lead' | 'annotator'): Promise<number> {
    const r = role ?? (await this.whoAmI().catch(() => 'annotator' as const));
    const unstaged = (await this.changedFiles()).size + (await this.goneLocally()).length;
    const pushed = await this.getLocal<{ seq: number | string }>(PUSHED);
    const since = pushed?.seq ?? 0;
    const changes = await this.mirror.changes({ since, filter: (d) => this.owns(r, d._id) });
    return unstaged + changes.results.length;
  }

  private owns(role: 'lead' | 'annotator', id: string): boolean {
    const p = parseId(id);
    if (role === 'lead') return p.kind === 'corpus' || p.kind === 'assignments' || p.kind === 'base' || p.kind === 'gold';
    return (p.kind === 'copy' || p.kind === 'conflict') && p.user === this.link.user;
  }

  // ---- stage: corpus folder → mirror ------------------------------------------------------

  /** Document files whose size or time differs from when they were last staged, by id. */
  private async changedFiles(): Promise<Map<string, string>> {
    const staged = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    const out = new Map<string, string>();
    const files = await this.store.documentFiles();
    const docs = path.join(this.store.dir, 'docs');
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(
        files.slice(i, i + BATCH).map(async (f) => {
          const id = this.store.idForFile(f);
          if (id === undefined) return;
          const st = await stat(path.join(docs, f)).catch(() => null);
          if (!st) return;
          const key = `${st.mtimeMs}:${st.size}`;
          if (staged[id] !== key) out.set(id, key);
        }),
      );
    }
    return out;
  }

  private async stage(role: 'lead' | 'annotator'): Promise<number> {
    const machine = await this.machineId();
    let written = 0;
    if (role === 'lead') {
      const m = this.store.meta;
      written += await this.upsert([{ _id: ids.corpus, type: 'corpus', corpusId: m.id, name: m.name, schema: m.schema, guidelines: m.guidelines, hash: hashOf([m.name, m.schema, m.guidelines]) }]);
      written += await this.stageGold();
    }
    written += await this.stageDeletions(role, await this.goneLocally());
    const changed = await this.changedFiles();
    const stagedState = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    const entries = [...changed];
    const damaged = new Set(this.store.damaged.map((d) => d.id));
    for (let i = 0; i < entries.length; i += BIG_BATCH) {
      const batch = entries.slice(i, i + BIG_BATCH).filter(([id]) => !damaged.has(id));
      const docs = await Promise.all(batch.map(([id]) => this.store.read(id).catch(() => null)));
      const out: NewDoc[] = [];
      if (role === 'lead') {
        for (const d of docs) if (d) out.push({ _id: ids.base(d.id), type: 'base', docId: d.id, hash: hashOf(d), document: d });
      } else {
        // an untouched document (still exactly what the lead handed out) is not a copy yet
        const baseHash = new Map<string, unknown>();
        for (const b of await this.getMany(docs.filter((d) => d !== null).map((d) => ids.base(d.id)))) if (b) baseHash.set(b._id, b.hash);
        for (const d of docs) {
          if (!d) continue;
          const hash = hashOf(d);
          const id = ids.copy(this.link.user, d.id);
          if (baseHash.get(ids.base(d.id)) === hash) {
            const existing = await this.mirror.get(id).catch(() => null);
            if (!existing) continue;
          }
          out.push({ _id: id, type: 'copy', annotator: this.link.user, docId: d.id, savedAt: new Date().toISOString(), machine, hash, document: d });
        }
      }
      written += await this.upsert(out);
      for (const [id, key] of batch) stagedState[id] = key;
      // the stat keys are recorded after the mirror holds the documents: a crash in between only re-reads them
      await this.setLocal(STAGED, { files: stagedState });
      this.progress('stage', written);
    }
    return written;
  }

  /** Documents staged before that the folder no longer has: deleted here since. */
  private async goneLocally(): Promise<string[]> {
    const staged = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    return Object.keys(staged).filter((id) => !this.store.has(id));
  }

  /**
   * A deletion replicates as a tombstone of the document this user writes
   * (the lead's handed-out document, or the annotator's copy), so the others
   * stop seeing it; this folder remembers the id so the document is not
   * handed to it again.
   */
  private async stageDeletions(role: 'lead' | 'annotator', gone: readonly string[]): Promise<number> {
    if (!gone.length) return 0;
    const mirrorIds = gone.map((id) => (role === 'lead' ? ids.base(id) : ids.copy(this.link.user, id)));
    const tombstones: NewDoc[] = (await this.getMany(mirrorIds)).filter((d) => d !== null).map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true }));
    if (tombstones.length) {
      const res = await this.mirror.bulkDocs(tombstones);
      const failed = res.find((r) => r.error);
      if (failed) throw new TeamError('server', `Could not record a deletion in the local sync mirror: ${JSON.stringify(failed)}`);
    }
    if (role === 'lead') {
      const a = (await this.mirror.get(ids.assignments).catch(() => null)) as (Stored & { documents?: Record<string, string[]>; overlap?: number }) | null;
      if (a?.documents && gone.some((id) => id in a.documents!)) {
        const documents = Object.fromEntries(Object.entries(a.documents).filter(([id]) => !gone.includes(id)));
        await this.mirror.put({ ...a, documents, hash: hashOf([a.overlap, documents]) });
      }
    } else {
      await this.rememberDeleted(gone, true);
    }
    const state = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    for (const id of gone) delete state[id];
    await this.setLocal(STAGED, { files: state });
    return tombstones.length;
  }

  private async deletedHere(): Promise<Set<string>> {
    return new Set((await this.getLocal<{ ids: string[] }>(DELETED))?.ids ?? []);
  }

  private async rememberDeleted(docIds: readonly string[], deleted: boolean): Promise<void> {
    const set = await this.deletedHere();
    for (const id of docIds) {
      if (deleted) set.add(id);
      else set.delete(id);
    }
    await this.setLocal(DELETED, { ids: [...set] });
  }

  private async stageGold(): Promise<number> {
    const dir = path.join(path.dirname(this.store.dir), `${this.store.meta.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim() || 'corpus'} — gold`);
    if (!(await CorpusStore.isCorpus(dir))) return 0;
    const gold = await CorpusStore.open(dir, { readOnly: true });
    try {
      const { documents } = await gold.readAll();
      return await this.upsert(documents.map((d) => ({ _id: ids.gold(d.id), type: 'gold', docId: d.id, hash: hashOf(d), document: d })));
    } finally {
      await gold.close();
    }
  }

  /** Writes documents whose hash differs from the mirror's; returns how many were written. */
  private async upsert(docs: NewDoc[]): Promise<number> {
    if (!docs.length) return 0;
    const current = await this.getMany(docs.map((d) => d._id));
    const writes: NewDoc[] = [];
    current.forEach((have, i) => {
      const next = docs[i]!;
      if (have && have.hash === next.hash) return;
      writes.push(have ? { ...next, _rev: have._rev } : next);
    });
    if (!writes.length) return 0;
    const res = await this.mirror.bulkDocs(writes);
    const failed = res.filter((r) => 'error' in r && r.error);
    if (failed.length) throw new TeamError('server', `Could not write to the local sync mirror: ${JSON.stringify(failed[0])}`);
    return writes.length;
  }

  // ---- replicate: mirror ⇄ server -----------------------------------------------------------

  /** A lead's documents go to the team database, an annotator's copies to their own. */
  private async push(role: 'lead' | 'annotator'): Promise<{ written: number; failures: string[] }> {
    const options: ReplicateOptions = { batch_size: this.batchSize, filter: (d) => this.owns(role, d._id) };
    if (role === 'lead') return this.replicate('push', this.remote, this.link.database, options);
    return this.ownDatabase(() => this.replicate('push', this.userRemote(this.link.user), this.ownDatabaseName, options));
  }

  /** Returns how many documents arrived. A lead skips (and reports) an annotator whose database cannot be read. */
  private async pull(role: 'lead' | 'annotator', report: SyncReport): Promise<number> {
    const batch_size = this.batchSize;
    if (role === 'annotator') {
      const team = await this.replicate('pull', this.remote, this.link.database, { batch_size, filter: FILTERS.annotator });
      // the user's copies from their other machines
      const own = await this.ownDatabase(() => this.replicate('pull', this.userRemote(this.link.user), this.ownDatabaseName, { batch_size, filter: FILTERS.copies }));
      return team.written + own.written;
    }
    let written = (await this.replicate('pull', this.remote, this.link.database, { batch_size, filter: FILTERS.lead })).written;
    for (const name of await this.annotatorNames()) {
      const database = userDatabaseFor(this.link.database, name);
      try {
        written += (await this.replicate('pull', this.userRemote(name), database, { batch_size, filter: FILTERS.copies })).written;
      } catch (e) {
        if (!(e instanceof TeamError) || (e.code !== 'no_corpus' && e.code !== 'forbidden')) throw e;
        report.problems.push(
          e.code === 'no_corpus'
            ? `${name} has no database for this corpus on the server yet (${database}): the server admin runs \`spanmark team add-user ${name} …\` or \`spanmark team init\` again`
            : `cannot read ${name}'s copies: ${e.message}`,
        );
      }
    }
    return written;
  }

  /** Whose databases a lead reads: everyone assigned documents, and the annotators the server admin listed. */
  private async annotatorNames(): Promise<string[]> {
    const names = new Set<string>();
    const assignments = (await this.mirror.get(ids.assignments).catch(() => null)) as (Stored & { documents?: Record<string, unknown> }) | null;
    for (const people of Object.values(assignments?.documents ?? {})) if (Array.isArray(people)) for (const p of people) if (typeof p === 'string') names.add(p);
    const listed = (await this.mirror.get(ids.annotators).catch(() => null)) as (Stored & { names?: unknown }) | null;
    if (Array.isArray(listed?.names)) for (const p of listed.names) if (typeof p === 'string') names.add(p);
    return [...names].filter((n) => USER_NAME.test(n)).sort();
  }

  private get batchSize(): number {
    return this.opts.batchSize ?? BIG_BATCH;
  }

  private get ownDatabaseName(): string {
    return userDatabaseFor(this.link.database, this.link.user);
  }

  /** Work on the user's own database; a missing one is the server admin's step, said plainly. */
  private async ownDatabase<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof TeamError && e.code === 'no_corpus') {
        throw new TeamError(
          'no_corpus',
          `${this.link.server} has no database for ${this.link.user}'s copies of this corpus yet (${this.ownDatabaseName}): the server admin runs \`spanmark team add-user ${this.link.user} …\`, or \`spanmark team init\` again on a server set up by an older Spanmark.`,
        );
      }
      throw e;
    }
  }

  private userRemote(name: string): Mirror {
    let r = this.userRemotes.get(name);
    if (!r) this.userRemotes.set(name, (r = remoteDb(this.link.server, userDatabaseFor(this.link.database, name), this.opts.credentials)));
    return r;
  }

  private async replicate(direction: 'push' | 'pull', remote: Mirror, database: string, options: ReplicateOptions): Promise<{ written: number; failures: string[] }> {
    const [source, target] = direction === 'push' ? [this.mirror, remote] : [remote, this.mirror];
    try {
      const rep = PouchDB.replicate(source, target, options);
      rep.on('change', (info) => this.progress(direction, info.docs_written));
      const result = await rep;
      const failures = (result.errors ?? []).map((e) => `${e.id ?? '?'}: ${e.reason ?? e.message ?? e.name ?? 'refused'}`);
      if (result.doc_write_failures && !failures.length) failures.push(`${result.doc_write_failures} document(s) refused by the server`);
      return { written: result.docs_written, failures };
    } catch (e) {
      throw classify(e, `${this.link.server}/${database}`);
    }
  }

  // ---- apply: mirror → corpus folder --------------------------------------------------------

  private async apply(role: 'lead' | 'annotator', report: SyncReport): Promise<void> {
    let since = (await this.getLocal<{ seq: number | string }>(APPLIED))?.seq ?? 0;
    const me = this.link.user;
    for (;;) {
      const changes = await this.mirror.changes({ since, limit: BIG_BATCH });
      if (!changes.results.length) break;
      const added: Document[] = [];
      const removedThere: string[] = [];
      const leadRemoved: string[] = [];
      const leadEdited: Stored[] = [];
      // bodies are read only for what this round uses: a first sync's 10,000 handed-out documents are read once, by addAssigned
      const wanted = changes.results.filter((c) => !c.deleted && this.uses(role, parseId(c.id))).map((c) => c.id);
      const bodies = new Map<string, Stored>();
      for (const d of await this.getMany(wanted, { conflicts: true })) if (d) bodies.set(d._id, d);
      for (const change of changes.results) {
        const p = parseId(change.id);
        if (change.deleted) {
          if (role === 'annotator' && p.kind === 'copy' && p.user === me) removedThere.push(p.docId);
          if (role === 'annotator' && p.kind === 'base') leadRemoved.push(p.docId);
          continue;
        }
        const doc = bodies.get(change.id);
        if (!doc) continue;
        if (p.kind === 'corpus' && role === 'annotator') await this.applyCorpus(doc, report);
        else if (p.kind === 'copy' && (p.user === me || role === 'lead')) {
          const problem = documentProblem(doc);
          if (problem) {
            report.problems.push(`${doc._id}: ${problem}`);
            continue;
          }
          if (p.user !== me) continue; // the lead reads teammates' copies from the mirror (teamCopies)
          const winner = doc._conflicts?.length ? await this.resolve(doc, report) : doc;
          const d = DocumentSchema.parse(winner.document);
          if (!this.store.has(d.id)) {
            added.push(d);
            await this.rememberDeleted([d.id], false);
          } else if (await this.replaceIfOlder(d, winner.hash as string)) {
            report.updated++;
            report.changedIds.push(d.id);
          }
        } else if (p.kind === 'base' && role === 'annotator' && this.store.has(p.docId)) leadEdited.push(doc);
      }
      if (added.length) {
        report.added += (await this.store.addDocuments(added)).length;
        await this.markStaged(added.map((d) => d.id));
        report.changedIds.push(...added.map((d) => d.id));
      }
      if (removedThere.length || leadRemoved.length || leadEdited.length) await this.applyLeadAndOtherMachine(removedThere, leadRemoved, leadEdited, report);
      since = changes.last_seq;
      await this.setLocal(APPLIED, { seq: since });
      this.progress('apply', report.added + report.updated);
    }
    if (role === 'annotator') report.added += await this.addAssigned(report);
  }

  /** Whether apply() needs this changed document's body. */
  private uses(role: 'lead' | 'annotator', p: ParsedId): boolean {
    if (role === 'lead') return p.kind === 'copy';
    return p.kind === 'corpus' || (p.kind === 'copy' && p.user === this.link.user) || (p.kind === 'base' && this.store.has(p.docId));
  }

  /**
   * What the lead changed in documents already here, and copies this user
   * deleted on another machine. A document this user has started (a copy
   * exists) or edited here since the last round is never touched: their work
   * wins over a later version from the lead, and nothing unsynced is lost.
   */
  private async applyLeadAndOtherMachine(removedThere: string[], leadRemoved: string[], leadEdited: Stored[], report: SyncReport): Promise<void> {
    const started = await this.liveCopies([...leadRemoved, ...leadEdited.map((d) => d.docId as string)]);
    const remove: string[] = [];
    for (const id of removedThere) if (this.store.has(id) && !(await this.editedHere(id))) remove.push(id);
    await this.removeLocally(remove, true, report);
    const leadGone: string[] = [];
    for (const id of leadRemoved) {
      if (!this.store.has(id)) continue;
      if (started.has(id) || (await this.editedHere(id))) report.problems.push(`${id}: the lead removed this document; your copy is kept`);
      else leadGone.push(id);
    }
    await this.removeLocally(leadGone, false, report);
    for (const base of leadEdited) {
      const id = base.docId as string;
      if (started.has(id) || (await this.editedHere(id))) continue;
      const problem = documentProblem(base);
      if (problem) {
        report.problems.push(`${base._id}: ${problem}`);
        continue;
      }
      const local = await this.store.read(id).catch(() => null);
      if (local && hashOf(local) === base.hash) continue;
      await this.store.save(DocumentSchema.parse(base.document));
      await this.markStaged([id]);
      report.updated++;
      report.changedIds.push(id);
    }
  }

  /** Which of these documents this user has a copy of (started on some machine). */
  private async liveCopies(docIds: readonly string[]): Promise<Set<string>> {
    if (!docIds.length) return new Set();
    const copies = await this.getMany(docIds.map((id) => ids.copy(this.link.user, id)));
    return new Set(docIds.filter((_, i) => copies[i]));
  }

  /** Removes documents from the folder for the team (the store keeps each file as `.deleted`); they do not count as deleted here. */
  private async removeLocally(docIds: readonly string[], remember: boolean, report: SyncReport): Promise<void> {
    if (!docIds.length) return;
    for (const id of docIds) await this.store.deleteDocument(id);
    const state = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    for (const id of docIds) delete state[id];
    await this.setLocal(STAGED, { files: state });
    if (remember) await this.rememberDeleted(docIds, true);
    report.removed += docIds.length;
    report.changedIds.push(...docIds);
  }

  private async applyCorpus(doc: Stored, report: SyncReport): Promise<void> {
    const schema = AnnotationSchemaSchema.safeParse(doc.schema);
    if (!schema.success) {
      report.problems.push(`${doc._id}: the label schema on the server is malformed (${schema.error.issues[0]?.message ?? ''}); kept yours`);
      return;
    }
    const m = this.store.meta;
    const guidelines = typeof doc.guidelines === 'string' ? doc.guidelines : m.guidelines;
    if (hashOf(m.schema) !== hashOf(schema.data) || m.guidelines !== guidelines) {
      await this.store.updateMeta({ schema: schema.data, guidelines });
      report.metaChanged = true;
    }
  }

  /**
   * The lead's documents assigned to this user (all of them when nothing is
   * assigned) that the folder lacks, minus those deleted here; and untouched
   * documents the lead has since assigned to someone else leave the folder.
   */
  private async addAssigned(report: SyncReport): Promise<number> {
    const assignments = (await this.mirror.get(ids.assignments).catch(() => null)) as (Stored & { documents?: Record<string, string[]> }) | null;
    let wanted: string[];
    if (assignments?.documents) {
      wanted = Object.entries(assignments.documents).filter(([, people]) => people.includes(this.link.user)).map(([id]) => id);
      await this.dropUnassigned(new Set(wanted), report);
    } else {
      const all = await this.mirror.allDocs({ startkey: 'lead:doc:', endkey: 'lead:doc:\uffff' });
      wanted = all.rows.map((r) => r.id.slice('lead:doc:'.length));
    }
    const deleted = await this.deletedHere();
    const missing = wanted.filter((id) => !this.store.has(id) && !deleted.has(id));
    let added = 0;
    for (let i = 0; i < missing.length; i += BIG_BATCH) {
      const docs: Document[] = [];
      for (const base of await this.getMany(missing.slice(i, i + BIG_BATCH).map(ids.base))) {
        if (!base) continue;
        const problem = documentProblem(base);
        if (problem) report.problems.push(`${base._id}: ${problem}`);
        else docs.push(DocumentSchema.parse(base.document));
      }
      if (docs.length) {
        added += (await this.store.addDocuments(docs)).length;
        await this.markStaged(docs.map((d) => d.id));
        report.changedIds.push(...docs.map((d) => d.id));
        this.progress('apply', report.added + added);
      }
    }
    return added;
  }

  /** Documents handed out by the lead that are no longer assigned to this user and that they never started. */
  private async dropUnassigned(wanted: ReadonlySet<string>, report: SyncReport): Promise<void> {
    const candidates = this.store.list().map((d) => d.id).filter((id) => !wanted.has(id));
    if (!candidates.length) return;
    const bases = await this.getMany(candidates.map(ids.base));
    const fromLead = candidates.filter((_, i) => bases[i]);
    const started = await this.liveCopies(fromLead);
    const drop: string[] = [];
    for (const id of fromLead) if (!started.has(id) && !(await this.editedHere(id))) drop.push(id);
    await this.removeLocally(drop, false, report);
  }

  /**
   * Our copy as it came back from the server (saved on another machine).
   * Written into the folder unless the folder holds a newer local edit,
   * which the next round pushes instead.
   */
  private async replaceIfOlder(d: Document, hash: string): Promise<boolean> {
    const local = await this.store.read(d.id).catch(() => null);
    if (local && hashOf(local) === hash) return false;
    if (await this.editedHere(d.id)) return false;
    await this.store.save(d);
    await this.markStaged([d.id]);
    return true;
  }

  /** Files this sync wrote from the server: remembered as staged, so they do not count as local edits. */
  private async markStaged(docIds: readonly string[]): Promise<void> {
    const state = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    await Promise.all(
      docIds.map(async (id) => {
        const key = await this.statKey(id);
        if (key) state[id] = key;
      }),
    );
    await this.setLocal(STAGED, { files: state });
  }

  private async statKey(docId: string): Promise<string | null> {
    const file = this.store.fileFor(docId);
    const st = file ? await stat(path.join(this.store.dir, 'docs', file)).catch(() => null) : null;
    return st ? `${st.mtimeMs}:${st.size}` : null;
  }

  /**
   * Whether the folder holds an edit of this document that no round has
   * staged yet. Asked right before the sync would overwrite or remove the
   * file, so a save made a moment ago is never replaced.
   */
  private async editedHere(docId: string): Promise<boolean> {
    const key = await this.statKey(docId);
    if (!key) return false;
    const staged = (await this.getLocal<{ files: Record<string, string> }>(STAGED))?.files ?? {};
    return staged[docId] !== key;
  }

  /**
   * The same user saved the same copy on two machines. Keeps the version
   * saved last as the copy; every other version is kept whole as a
   * `conflict:` document (recoverable, replicated like the rest), then its
   * branch is closed so CouchDB stops reporting the conflict.
   */
  private async resolve(doc: Stored, report: SyncReport): Promise<Stored> {
    const leaves = [doc, ...(await Promise.all((doc._conflicts ?? []).map((rev) => this.mirror.get(doc._id, { rev }))))] as Stored[];
    const newest = [...leaves].sort((a, b) => String(b.savedAt ?? '').localeCompare(String(a.savedAt ?? '')) || b._rev.localeCompare(a._rev))[0]!;
    const p = parseId(doc._id) as { user: string; docId: string };
    const setAside: string[] = [];
    for (const leaf of leaves) {
      if (leaf === newest) continue;
      const { _id, _rev, _conflicts, ...body } = leaf;
      const archiveId = ids.conflict(p.user, p.docId, _rev);
      await this.mirror.put({ ...body, _id: archiveId }).catch((e: { status?: number }) => {
        if (e.status !== 409) throw e; // already archived by our other machine
      });
      setAside.push(archiveId);
    }
    const { _rev: newestRev, _conflicts, ...content } = newest;
    // the newest content becomes a new revision on the winning branch; the other branches are closed
    const written = await this.mirror.put({ ...content, _id: doc._id, _rev: doc._rev });
    for (const leaf of leaves) if (leaf._rev !== doc._rev) await this.mirror.remove(doc._id, leaf._rev);
    report.conflicts.push({ docId: p.docId, kept: newestRev, setAside });
    return { ...content, _id: doc._id, _rev: written.rev } as Stored;
  }

  // ---- lead: assignments, progress and copies, read from what the server replicated ---------

  /** Hands the corpus's documents out (see assign.ts) and stages the assignment; returns documents per annotator. */
  async assign(annotators: readonly string[], overlap: number): Promise<Record<string, number>> {
    if ((await this.whoAmI()) !== 'lead') throw new TeamError('forbidden', `${this.link.user} is not a lead: only a lead assigns documents.`);
    const documents = assignDocuments(this.store.list().map((d) => d.id), annotators, overlap);
    await this.upsert([{ _id: ids.assignments, type: 'assignments', overlap, documents, hash: hashOf([overlap, documents]) }]);
    const counts: Record<string, number> = Object.fromEntries(annotators.map((a) => [a, 0]));
    for (const people of Object.values(documents)) for (const p of people) counts[p] = (counts[p] ?? 0) + 1;
    return counts;
  }

  /** Every annotator's copies as replicated into the mirror, newest revision of each, malformed ones left out. */
  async teamCopies(): Promise<Map<string, Document[]>> {
    const out = new Map<string, Document[]>();
    const rows = await this.mirror.allDocs({ startkey: 'copy:', endkey: 'copy:\uffff', include_docs: true });
    for (const r of rows.rows) {
      const p = parseId(r.id);
      if (p.kind !== 'copy' || !r.doc || documentProblem(r.doc)) continue;
      const list = out.get(p.user) ?? [];
      list.push(DocumentSchema.parse(r.doc.document));
      out.set(p.user, list);
    }
    return out;
  }

  /** Per annotator: documents assigned, copies started, copies done, spans, last save. */
  async teamProgress(): Promise<TeamProgress[]> {
    const assignments = (await this.mirror.get(ids.assignments).catch(() => null)) as (Doc & { documents?: Record<string, string[]> }) | null;
    const by = new Map<string, TeamProgress>();
    const entry = (name: string) => {
      let e = by.get(name);
      if (!e) by.set(name, (e = { annotator: name, assigned: 0, started: 0, done: 0, spans: 0, lastSavedAt: null }));
      return e;
    };
    for (const people of Object.values(assignments?.documents ?? {})) for (const p of people) entry(p).assigned++;
    const rows = await this.mirror.allDocs({ startkey: 'copy:', endkey: 'copy:\uffff', include_docs: true });
    for (const r of rows.rows) {
      const p = parseId(r.id);
      if (p.kind !== 'copy' || !r.doc) continue;
      const doc = r.doc.document as Partial<Document> | undefined;
      const e = entry(p.user);
      e.started++;
      if (doc?.status === 'done' || doc?.status === 'reviewed') e.done++;
      e.spans += Array.isArray(doc?.spans) ? doc.spans.length : 0;
      const saved = typeof r.doc.savedAt === 'string' ? r.doc.savedAt : null;
      if (saved && (!e.lastSavedAt || saved > e.lastSavedAt)) e.lastSavedAt = saved;
    }
    return [...by.values()].sort((a, b) => a.annotator.localeCompare(b.annotator));
  }

  // ---- small state kept in the mirror ---------------------------------------------------------

  /**
   * Mirror documents by id, null where missing or deleted. PouchDB's
   * allDocs({keys}) runs one range query per key; plain gets cost a
   * fraction of that, which adds up over a 10,000-document first sync.
   */
  private async getMany(docIds: readonly string[], opts: { conflicts?: boolean } = {}): Promise<(Stored | null)[]> {
    return Promise.all(
      docIds.map((id) =>
        this.mirror.get(id, opts).catch((e: { status?: number }) => {
          if (e.status === 404) return null;
          throw e;
        }),
      ),
    );
  }

  private async getLocal<T>(id: string): Promise<(T & { _rev: string }) | null> {
    return (await this.mirror.get(id).catch(() => null)) as (T & { _rev: string }) | null;
  }

  private async setLocal(id: string, body: Record<string, unknown>): Promise<void> {
    const current = await this.getLocal(id);
    await this.mirror.put({ ...body, _id: id, ...(current ? { _rev: current._rev } : {}) });
  }

  private async machineId(): Promise<string> {
    const m = await this.getLocal<{ id: string }>(MACHINE);
    if (m) return m.id;
    const id = randomUUID();
    await this.setLocal(MACHINE, { id });
    return id;
  }
}

function remoteDb(server: string, database: string, credentials: Credentials): Mirror {
  const db = new PouchDB(`${server}/${encodeURIComponent(database)}`, {
    skip_setup: true,
    auth: { username: credentials.name, password: credentials.password },
  });
  // PouchDB 9's replicator calls source.info() for progress bookkeeping and chains .then() on it without a
  // catch, so a server dying mid-pull surfaces as an unhandled rejection. The replicator is the only caller of
  // this remote's info(); it only needs update_seq for progress figures, and its next real request fails and
  // is reported as usual, so a failed info() answers with an empty figure instead.
  const info = db.info.bind(db);
  db.info = () => info().catch(() => ({ doc_count: 0, update_seq: 0 }));
  return db;
}

/** Why a replicated document cannot go into a corpus, or null when it can. */
export function documentProblem(doc: Record<string, unknown>): string | null {
  const parsed = DocumentSchema.safeParse(doc.document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `malformed document (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}); left out`;
  }
  const problems = documentProblems(parsed.data);
  return problems.length ? `${problems[0]!.message}; left out` : null;
}
