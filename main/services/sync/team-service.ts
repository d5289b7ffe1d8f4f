import path from 'node:path';
import type { TeamStatus } from '../../../shared/ipc/contract';
import type { CorpusStore } from '../corpus-store';
import type { LoadedCopy } from '../copies';
import { whoAmI } from './couch-admin';
import { credentialKey, type CredentialStore } from './credentials';
import { TeamSync, type SyncReport, type TeamProgress } from './sync';

export type { TeamStatus };
import { readLink, writeLink } from './team-link';
import { databaseFor, splitServerUrl, TeamError } from './team-names';

/**
 * Background sync for the corpus open in the window. Nothing runs until the
 * user connects the corpus to a server; after that a round runs shortly
 * after each save and every half minute, and after a failure with growing
 * pauses. Saves never wait for it: they go to the folder, and the next
 * round picks them up.
 */


const PERIOD = 30_000;
const AFTER_SAVE = 2_000;

export class TeamService {
  private sync: TeamSync | null = null;
  private syncStore: CorpusStore | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  private status: TeamStatus = { state: 'off', server: null, user: null, role: null, pending: 0, message: null, lastSyncAt: null };

  constructor(
    private readonly current: () => CorpusStore | null,
    private readonly credentials: CredentialStore,
    private readonly onStatus: (s: TeamStatus) => void,
    private readonly onChanged: (documentIds: string[], meta: boolean) => void,
  ) {}

  get(): TeamStatus {
    return this.status;
  }

  /** Checks the server and the password, remembers both (password in the keychain), then syncs. */
  async connect(serverUrl: string, user: string, password: string): Promise<TeamStatus> {
    const store = this.require();
    const { server, database } = splitServerUrl(serverUrl);
    const expected = databaseFor(store.meta.id);
    if (database && database !== expected) throw new TeamError('invalid', `This corpus syncs with ${expected}, not ${database}.`);
    await whoAmI(server, { name: user, password });
    await this.credentials.set(credentialKey(server, user), password);
    await writeLink(store.dir, { server, database: expected, user });
    await this.stop();
    return this.syncNow();
  }

  /** Starts background sync for the open corpus when it was connected before and its password is known. */
  async resume(): Promise<TeamStatus> {
    const store = this.current();
    const link = store && (await readLink(store.dir));
    if (!store || !link?.user) {
      await this.stop();
      this.set({ state: 'off', server: null, user: null, role: null, pending: 0, message: null, lastSyncAt: null });
      return this.status;
    }
    return this.syncNow();
  }

  async syncNow(): Promise<TeamStatus> {
    if (this.running) await this.running;
    this.running = this.round().finally(() => (this.running = null));
    await this.running;
    return this.status;
  }

  /** A document was saved: sync soon, without holding up the save. */
  nudge(): void {
    if (this.status.state === 'off') return;
    this.schedule(AFTER_SAVE);
  }

  /** The lead hands the documents out, then syncs so annotators get them on their next round. */
  async assign(annotators: readonly string[], overlap: number): Promise<Record<string, number>> {
    const sync = await this.ensure();
    let counts: Record<string, number>;
    try {
      counts = await sync.assign(annotators, overlap);
    } catch (e) {
      throw e instanceof TeamError ? e : new TeamError('invalid', (e as Error).message);
    }
    await this.syncNow();
    return counts;
  }

  async progress(): Promise<TeamProgress[]> {
    const sync = await this.ensure();
    return sync.teamProgress();
  }

  /** Every annotator's copies from the server (as last replicated), and where their gold goes. */
  async copiesForReview(): Promise<{ copies: LoadedCopy[]; goldDir: string }> {
    const sync = await this.ensure();
    const store = this.require();
    if (this.status.role !== 'lead') throw new TeamError('forbidden', 'Only a lead reviews the team’s copies.');
    const byAnnotator = await sync.teamCopies();
    const meta = store.meta;
    const copies: LoadedCopy[] = [...byAnnotator].map(([annotator, documents]) => ({ annotator, path: `${this.status.server}#${annotator}`, corpus: { ...meta, documents } }));
    const name = meta.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim() || 'corpus';
    return { copies, goldDir: path.join(path.dirname(store.dir), `${name} — gold`) };
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
    await this.sync?.close();
    this.sync = null;
    this.syncStore = null;
  }

  private require(): CorpusStore {
    const store = this.current();
    if (!store) throw new TeamError('invalid', 'Open a corpus first.');
    return store;
  }

  private async ensure(): Promise<TeamSync> {
    const store = this.require();
    if (this.sync && this.syncStore === store) return this.sync;
    await this.sync?.close();
    this.sync = null;
    const link = await readLink(store.dir);
    if (!link?.user) throw new TeamError('invalid', 'This corpus is not connected to a team server.');
    const password = await this.credentials.get(credentialKey(link.server, link.user));
    if (!password) throw new TeamError('unauthorized', `Enter the password for ${link.user} on ${link.server} again.`);
    this.sync = await TeamSync.open(store, link, { credentials: { name: link.user, password } });
    this.syncStore = store;
    return this.sync;
  }

  private async round(): Promise<void> {
    let sync: TeamSync;
    try {
      sync = await this.ensure();
    } catch (e) {
      this.set({ ...this.status, state: 'error', message: (e as Error).message });
      return;
    }
    this.set({ ...this.status, state: 'syncing', server: sync.link.server, user: sync.link.user });
    try {
      const report: SyncReport = await sync.round();
      this.failures = 0;
      const notes = [...report.refused.map((r) => `refused: ${r}`), ...report.problems, ...report.conflicts.map((c) => `conflict in ${c.docId} resolved: the newer version is shown, the other kept as ${c.setAside.join(', ')}`)];
      this.set({
        ...this.status,
        role: report.role,
        state: report.refused.length ? 'error' : report.pending ? 'pending' : 'synced',
        pending: report.pending,
        message: notes.length ? notes.join('\n') : null,
        lastSyncAt: new Date().toISOString(),
      });
      if (report.changedIds.length || report.metaChanged) this.onChanged(report.changedIds, report.metaChanged);
    } catch (e) {
      this.failures++;
      const err = e instanceof TeamError ? e : new TeamError('server', (e as Error).message);
      const pending = await sync.pending().catch(() => this.status.pending);
      this.set({ ...this.status, state: err.code === 'offline' ? 'offline' : 'error', pending, message: err.message });
    }
    this.schedule(Math.min(PERIOD * 2 ** Math.max(0, this.failures - 1), 5 * 60_000));
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delay);
    this.timer.unref?.();
  }

  private set(next: TeamStatus): void {
    this.status = next;
    this.onStatus(next);
  }
}
