import { applyOps, OpError, type Op } from '../../shared/model/operations';
import type { Document, DocumentSummary } from '../../shared/model/schema';
import { summarize } from '../../shared/model/summary';
import { documentProblems } from '../../shared/model/validate';
import type { CorpusStore } from './corpus-store';

/**
 * The document open in the window, held in main: the renderer sends batches
 * of operations (O(change)), this applies them and writes the document
 * through the store's write path (validation, .bak, atomic write, conflict
 * refusal). Writes are coalesced: one in flight, and the next one writes
 * whatever the document is by then, so a burst of keys costs a few writes.
 */

export class DocumentSessionError extends Error {
  constructor(
    readonly code: 'not_open' | 'stale' | 'invalid_ops' | 'read_only',
    message: string,
  ) {
    super(message);
  }
}

export interface ApplyResult {
  version: number;
  summary: DocumentSummary;
  /** null when the write failed; `notSaved` then says why */
  savedAt: string | null;
  notSaved?: { code: string; message: string };
}

interface Open {
  store: CorpusStore;
  doc: Document;
  /** bumped by every applied batch */
  version: number;
  savedVersion: number;
  summary: DocumentSummary | null;
  savedAt: string | null;
}

export class DocumentSession {
  private open: Open | null = null;
  private writing: Promise<void> | null = null;
  /** versions are unique across documents, so a batch built for one open can never apply to another */
  private clock = 0;

  constructor(
    private readonly currentStore: () => CorpusStore | null,
    /** after each write (the team sync sends it on) */
    private readonly onWritten: () => void = () => undefined,
  ) {}

  /** Opens `id` (after writing what the previous document still owes the disk) and returns it with its version. */
  async openDocument(id: string): Promise<{ document: Document; version: number }> {
    await this.flush().catch(() => undefined);
    const store = this.requireStore();
    const doc = await store.read(id);
    this.open = { store, doc, version: ++this.clock, savedVersion: this.clock, summary: null, savedAt: null };
    return { document: doc, version: this.open.version };
  }

  /**
   * Apply one batch built on `baseVersion`. Resolves once a write that
   * includes it is on disk. Refused batches (`stale`, `invalid_ops`…) reject
   * and change nothing. A batch applied here whose write failed (the file
   * changed on disk, a disk error) resolves with `notSaved`: it stays
   * applied, so the next write retries it, and the renderer keeps its place.
   */
  async apply(id: string, baseVersion: number, ops: readonly Op[]): Promise<ApplyResult> {
    const open = this.open;
    if (!open || open.doc.id !== id || open.store !== this.currentStore()) throw new DocumentSessionError('not_open', 'This document is no longer open here; it was reloaded.');
    if (open.store.readOnly) throw new DocumentSessionError('read_only', open.store.readOnlyReason ?? 'This corpus is open read-only.');
    if (baseVersion !== open.version) throw new DocumentSessionError('stale', `Edit built on version ${baseVersion}, but the document is at ${open.version}.`);
    let next: Document;
    try {
      next = applyOps(open.doc, ops);
    } catch (e) {
      if (e instanceof OpError) throw new DocumentSessionError('invalid_ops', `Not saved: ${e.message}`);
      throw e;
    }
    const problems = documentProblems(next, open.store.meta.schema);
    if (problems.length) throw new DocumentSessionError('invalid_ops', `Not saved: ${problems[0]!.message}`);
    open.doc = { ...next, updatedAt: new Date().toISOString() };
    open.version = ++this.clock;
    const version = open.version;
    try {
      await this.saved(open, version);
    } catch (e) {
      const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'write_failed';
      return { version, summary: summarize(open.doc), savedAt: null, notSaved: { code, message: (e as Error).message } };
    }
    return { version, summary: open.summary!, savedAt: open.savedAt! };
  }

  /** Waits until everything applied so far is on disk (switching documents, export, closing). */
  async flush(): Promise<void> {
    const open = this.open;
    if (open && open.savedVersion < open.version && open.store === this.currentStore()) await this.saved(open, open.version);
    else await this.writing;
  }

  /** Drop the in-memory document (its file was rewritten or removed by something else: schema change, restore, delete). */
  forget(id?: string): void {
    if (!id || this.open?.doc.id === id) this.open = null;
  }

  /** The title or source was changed outside the ops (the header's edit): the open copy follows, so its next write keeps them. */
  infoChanged(doc: Document): void {
    if (this.open?.doc.id === doc.id) this.open.doc = { ...this.open.doc, title: doc.title, source: doc.source };
  }

  /** The open document as main holds it (tests, and handlers that must see unsaved state). */
  current(): { document: Document; version: number } | null {
    return this.open ? { document: this.open.doc, version: this.open.version } : null;
  }

  private async saved(open: Open, version: number): Promise<void> {
    while (open.savedVersion < version) {
      this.writing ??= this.writeLatest(open).finally(() => {
        this.writing = null;
      });
      await this.writing;
    }
  }

  private async writeLatest(open: Open): Promise<void> {
    const version = open.version;
    const summary = await open.store.save(open.doc);
    open.summary = summary;
    open.savedAt = new Date().toISOString();
    open.savedVersion = Math.max(open.savedVersion, version);
    this.onWritten();
  }

  private requireStore(): CorpusStore {
    const store = this.currentStore();
    if (!store) throw Object.assign(new Error('No corpus is open.'), { code: 'no_corpus' });
    return store;
  }
}
