import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { OpenCorpus } from '../../shared/ipc/contract';
import { SAMPLE_GUIDELINES } from '../../shared/sample/articles';
import { sampleDocuments } from '../../shared/sample/build';
import { CorpusStore, MANIFEST } from './corpus-store';

export const SAMPLE_FOLDER = 'Sample corpus';

/**
 * The corpus this window is working on: opening, first-run sample creation,
 * and noticing when files change on disk behind our back.
 */
export class Session {
  private store: CorpusStore | null = null;
  private watcher: FSWatcher | null = null;
  private readonly closing: (() => Promise<void>)[] = [];

  constructor(
    readonly dataDir: string,
    private readonly onExternalChange: (change: { documentIds: string[]; meta: boolean }) => void = () => undefined,
  ) {}

  get current(): CorpusStore | null {
    return this.store;
  }

  require(): CorpusStore {
    if (!this.store) throw Object.assign(new Error('No corpus is open.'), { code: 'no_corpus' });
    return this.store;
  }

  describe(): OpenCorpus | null {
    const s = this.store;
    if (!s) return null;
    return {
      path: s.dir,
      meta: s.meta,
      documents: s.list(),
      readOnly: s.readOnly,
      ...(s.readOnlyReason ? { readOnlyReason: s.readOnlyReason } : {}),
      damaged: s.damaged,
    };
  }

  async open(dir: string): Promise<OpenCorpus> {
    const full = path.resolve(dir);
    // the same corpus again (reload): the old store lets go of the lock first, or the new one finds it
    // taken by us and opens read-only
    if (this.store && path.resolve(this.store.dir) === full) await this.close();
    // a lost lock turns the store read-only; the window hears of it as a change on disk, and reloading shows why
    const next: CorpusStore = await CorpusStore.open(full, {
      onReadOnly: () => {
        if (this.store === next) this.onExternalChange({ documentIds: [], meta: true });
      },
    });
    await this.close();
    this.store = next;
    this.startWatching(next);
    return this.describe()!;
  }

  /** Creates the built-in sample corpus in the data folder the first time, then opens it. */
  async openSample(): Promise<OpenCorpus> {
    const dir = path.join(this.dataDir, SAMPLE_FOLDER);
    if (!(await CorpusStore.isCorpus(dir))) {
      const store = await CorpusStore.create(dir, { name: 'Korvany strike — sample corpus', guidelines: SAMPLE_GUIDELINES, id: 'sample-corpus' });
      await store.addDocuments(sampleDocuments());
      await store.close();
    }
    return this.open(dir);
  }

  async reload(): Promise<OpenCorpus> {
    return this.open(this.require().dir);
  }

  private startWatching(store: CorpusStore): void {
    const names = new Set<string>();
    let timer: NodeJS.Timeout | null = null;
    // checked after a pause, so our own atomic writes have recorded their mtimes first
    const flush = async (): Promise<void> => {
      timer = null;
      const documentIds: string[] = [];
      let meta = false;
      const ours = async (full: string): Promise<boolean> => {
        const st = await stat(full).catch(() => null);
        return !!st && store.wroteLast(full, st.mtimeMs);
      };
      // names that arrive while this batch is checked wait for the next one
      const batch = [...names];
      names.clear();
      for (const name of batch) {
        const full = path.join(store.dir, name);
        if (await ours(full)) continue;
        // a write of ours can be caught between its rename and the moment it records its mtime
        // (autosaves follow each other while typing): look again before calling it someone else's
        await new Promise((r) => setTimeout(r, 300));
        if (await ours(full)) continue;
        if (path.basename(full) === MANIFEST) meta = true;
        else {
          const id = store.idForFile(path.basename(full));
          if (id) documentIds.push(id);
        }
      }
      if (this.store === store && (documentIds.length || meta)) this.onExternalChange({ documentIds, meta });
    };
    try {
      this.watcher = watch(store.dir, { recursive: true }, (_event, name) => {
        if (!name || name.includes('.spanmark') || !name.endsWith('.json')) return;
        names.add(name);
        if (!timer) timer = setTimeout(() => void flush(), 400);
      });
      this.watcher.on('error', () => undefined);
    } catch {
      // watching is a convenience; a platform without it still works
    }
  }

  /** Work to finish before the corpus is let go (the open document's last write). */
  beforeClose(fn: () => Promise<void>): void {
    this.closing.push(fn);
  }

  async close(): Promise<void> {
    for (const fn of this.closing) await fn();
    this.watcher?.close();
    this.watcher = null;
    await this.store?.close();
    this.store = null;
  }
}
