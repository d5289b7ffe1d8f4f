import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import { newId } from '../../shared/model/ids';
import {
  CorpusMetaSchema,
  DocumentSchema,
  DocumentSummarySchema,
  SCHEMA_VERSION,
  type AnnotationSchema,
  type Corpus,
  type CorpusMeta,
  type Document,
  type DocumentSummary,
} from '../../shared/model/schema';
import { summarize } from '../../shared/model/summary';
import { documentProblems } from '../../shared/model/validate';
import type { DamagedDocument } from '../../shared/ipc/contract';
import { CorpusFs, fileKey, isDeviceName, isPlainDocFile, isPortableName, UnsafePathError, type CorpusFsOptions } from './corpus-fs';
import { checkVersion, migrate } from './migrations';

/**
 * A corpus is a folder: `corpus.json` (meta + document order) and one file
 * per document under `docs/`, so a save writes one document, whatever the
 * corpus size. The previous version of each document is kept as
 * `docs/<id>.json.bak`. A summary cache in `.spanmark/index.json` keeps
 * listing fast; it is checked against file sizes and times on open, so a
 * stale cache only costs a re-read, never wrong data.
 *
 * A shared corpus is untrusted input: every path below goes through
 * CorpusFs (inside the folder, no symbolic links followed), manifest file
 * names must be plain names inside docs/, and file names stay distinct on
 * case-insensitive disks. Each file keeps its document's id, which is
 * checked on every read.
 */

export const MANIFEST = 'corpus.json';
const DOCS = 'docs';
const CACHE_DIR = '.spanmark';
const CACHE = `${CACHE_DIR}/index.json`;
const LOCK = '.spanmark.lock';
const docRel = (file: string) => `${DOCS}/${file}`;
/** files read or stat'ed at once: enough to keep the disk busy, few enough to stay under open-file limits */
const READ_BATCH = 256;
/** Files written at once by addDocuments: each still fsyncs, but the disk gets to group the flushes. */
const WRITE_PARALLEL = 8;

const ManifestSchema = CorpusMetaSchema.extend({ documents: z.array(z.object({ id: z.string(), file: z.string() })) });
type Manifest = z.infer<typeof ManifestSchema>;

const CacheSchema = z.object({
  entries: z.record(z.string(), z.object({ mtimeMs: z.number(), size: z.number(), summary: DocumentSummarySchema })),
});
type CacheEntry = z.infer<typeof CacheSchema>['entries'][string];

export class StoreError extends Error {
  constructor(
    readonly code: 'not_found' | 'read_only' | 'invalid' | 'locked' | 'newer_version' | 'exists' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export interface OpenOptions extends CorpusFsOptions {
  readOnly?: boolean;
  /** lock timings (tests shorten them): the lock counts as abandoned after `staleMs` without a refresh */
  lock?: { staleMs: number; updateMs: number };
  /** called when this store stops being writable while open (its lock was taken or deleted) */
  onReadOnly?: (reason: string) => void;
}

const LOCK_TIMINGS = { staleMs: 15_000, updateMs: 5_000 };

/**
 * A file name for a new document: portable characters, never a Windows
 * device name, and distinct from every name in `taken` (fileKey) so two ids
 * that differ only in case or Unicode form never share a file on macOS or
 * Windows. The id itself is kept inside the file.
 */
function fileNameFor(id: string, taken: ReadonlySet<string>): string {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  let name = safe === id ? `${id}.json` : `${safe}-${Buffer.from(id).toString('hex').slice(0, 16)}.json`;
  if (isDeviceName(name)) name = `_${name}`;
  while (taken.has(fileKey(name))) name = `${newId('f_')}.json`;
  return name;
}

function errCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

export class CorpusStore {
  private manifest: Manifest;
  private readonly summaries = new Map<string, CacheEntry>();
  private damagedDocs: DamagedDocument[] = [];
  private release: (() => Promise<void>) | null = null;
  /** a read-only store of an older corpus upgrades each document as it reads it */
  private upgradeDocsFrom: number | null = null;
  private cacheTimer: NodeJS.Timeout | null = null;
  private cacheFlush: Promise<void> = Promise.resolve();
  /** the cache differs from what is on disk; opening and closing an unchanged corpus must not rewrite it */
  private cacheDirty = false;
  /** sizes+mtimes of files this process wrote, to tell our writes from outside changes */
  private readonly ownWrites = new Map<string, number>();
  /** id and file lookups for the manifest they were built from (the manifest is replaced, never changed in place) */
  private lookup: { of: Manifest; byId: Map<string, Manifest['documents'][number]>; idByFile: Map<string, string> } | null = null;

  readonly dir: string;

  private constructor(
    private readonly fs: CorpusFs,
    manifest: Manifest,
    private ro: boolean,
    private roReason: string | undefined,
    private readonly opts: OpenOptions = {},
  ) {
    this.dir = fs.root;
    this.manifest = manifest;
  }

  get readOnly(): boolean {
    return this.ro;
  }

  get readOnlyReason(): string | undefined {
    return this.roReason;
  }

  static async create(dir: string, init: { name: string; schema?: AnnotationSchema; guidelines?: string; id?: string }, opts: OpenOptions = {}): Promise<CorpusStore> {
    const fs = new CorpusFs(dir, opts);
    await mkdir(fs.root, { recursive: true });
    await fs.mkdir(DOCS);
    if (await fs.lstat(MANIFEST)) throw new StoreError('exists', `${dir} already holds a corpus.`);
    const now = new Date().toISOString();
    const manifest: Manifest = {
      schemaVersion: SCHEMA_VERSION,
      id: init.id ?? newId('c_'),
      name: init.name,
      schema: init.schema ?? DEFAULT_SCHEMA,
      guidelines: init.guidelines ?? '',
      createdAt: now,
      updatedAt: now,
      documents: [],
    };
    await fs.write(MANIFEST, JSON.stringify(manifest, null, 2));
    return CorpusStore.open(dir, opts);
  }

  static async isCorpus(dir: string): Promise<boolean> {
    return stat(path.join(dir, MANIFEST)).then((s) => s.isFile(), () => false);
  }

  static async open(dir: string, opts: OpenOptions = {}): Promise<CorpusStore> {
    const fs = new CorpusFs(dir, opts);
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readText(MANIFEST));
    } catch (e) {
      if (errCode(e) === 'ENOENT') throw new StoreError('not_found', `No corpus at ${dir} (missing ${MANIFEST}).`);
      if (e instanceof UnsafePathError) throw new StoreError('invalid', `Not opened: ${e.message}`);
      throw new StoreError('invalid', `${path.join(dir, MANIFEST)} is not valid JSON: ${(e as Error).message}`);
    }
    const verdict = checkVersion(raw);
    let upgradeDocsFrom: number | null = null;
    let readOnly = opts.readOnly ?? false;
    let reason: string | undefined = readOnly ? 'Opened read-only.' : undefined;
    const links = await linksIn(fs);
    if (links.length && !readOnly) {
      readOnly = true;
      reason = `This corpus contains symbolic links (${links.join(', ')}); Spanmark never follows links inside a corpus, so it is open read-only. Replace the links with plain files or folders to edit it.`;
    }
    if (verdict.kind === 'newer') {
      readOnly = true;
      reason = `This corpus was written by a newer Spanmark (schema version ${verdict.version}; this app knows ${SCHEMA_VERSION}). It is open read-only so nothing is lost.`;
      (raw as Record<string, unknown>).schemaVersion = SCHEMA_VERSION;
    } else if (verdict.kind === 'invalid') {
      throw new StoreError('invalid', `${MANIFEST} has no valid schemaVersion.`);
    } else if (verdict.kind === 'migrate') {
      // a read-only copy (an annotator's returned copy) is upgraded in memory; its documents as they are read
      if (readOnly) {
        raw = { ...(raw as Record<string, unknown>) };
        migrate(raw as Record<string, unknown>, []);
        upgradeDocsFrom = verdict.from;
      } else raw = await migrateOnDisk(fs, raw as Record<string, unknown>);
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) throw new StoreError('invalid', `${MANIFEST} is malformed: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    const store = new CorpusStore(fs, parsed.data, readOnly, reason, opts);
    store.upgradeDocsFrom = upgradeDocsFrom;
    if (!readOnly) {
      const locked = await store.lock();
      if (locked !== true) {
        const ro = new CorpusStore(fs, parsed.data, true, locked, opts);
        await ro.loadSummaries();
        return ro;
      }
    }
    if (!store.readOnly) {
      await store.sweepTempFiles();
      await store.renameUnportableFiles();
    }
    await store.loadSummaries();
    return store;
  }

  /** Temp files a crash left behind (`x.json.<hash>`, `x.json.bak-tmp`); never documents. */
  private async sweepTempFiles(): Promise<void> {
    const names = await this.fs.list(DOCS);
    await Promise.all(names.filter((n) => /\.json\.\d+$|\.json\.[0-9a-f]{6,}$|\.(bak|damaged|deleted)-tmp$/.test(n)).map((n) => this.fs.remove(docRel(n))));
  }

  /** true, or why the corpus is open read-only instead */
  private async lock(): Promise<true | string> {
    const { staleMs, updateMs } = this.opts.lock ?? LOCK_TIMINGS;
    try {
      this.release = await lockfile.lock(this.dir, {
        lockfilePath: path.join(this.dir, LOCK),
        stale: staleMs,
        update: updateMs,
        realpath: false,
        // proper-lockfile throws this from a timer (an uncaught exception) unless handled here
        onCompromised: (e) => this.lockLost(e),
      });
      return true;
    } catch (e) {
      if (errCode(e) === 'ELOCKED') return 'Another Spanmark window or process is editing this corpus; it is open read-only.';
      if (['EROFS', 'EACCES', 'EPERM'].includes(errCode(e) ?? '')) return 'This folder cannot be written (a read-only disk or no permission); the corpus is open read-only.';
      throw e;
    }
  }

  /**
   * The lock was taken by another process (ours looked abandoned) or its
   * folder was deleted (`git clean -fdx`): another writer may be at work, so
   * from now on this store writes nothing, and says why.
   */
  private lockLost(e: Error): void {
    if (this.ro) return;
    this.ro = true;
    this.release = null;
    this.roReason = `Spanmark lost its lock on this corpus (${e.message.replace(/\.$/, '')}); another program may be editing it, so it is now read-only. Reload it to continue; nothing on disk was overwritten.`;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = null;
    this.opts.onReadOnly?.(this.roReason);
  }

  /**
   * A corpus written on Linux may hold names that are one file on macOS or
   * Windows ("Report.json" and "report.json") or that Windows cannot open
   * ("CON.json"). Each such file gets a fresh name here, once, on a writable
   * open; its id stays inside it, so nothing else changes.
   */
  private async renameUnportableFiles(): Promise<void> {
    const seen = new Set<string>();
    const moves = new Map<string, string>();
    for (const e of this.manifest.documents) {
      if (!isPlainDocFile(e.file)) continue;
      const key = fileKey(e.file);
      if (!seen.has(key) && isPortableName(e.file)) {
        seen.add(key);
        continue;
      }
      // only a file that really is this document moves; on a case-insensitive disk it is the other one
      const doc = await this.readFile(e.file, e.id).catch(() => null);
      if (!doc) continue;
      const file = fileNameFor(e.id, seen);
      seen.add(fileKey(file));
      await this.fs.write(docRel(file), JSON.stringify(doc));
      moves.set(e.id, file);
    }
    if (!moves.size) return;
    const old = this.manifest.documents.filter((d) => moves.has(d.id)).map((d) => d.file);
    await this.updateManifest((m) => ({ ...m, documents: m.documents.map((d) => (moves.has(d.id) ? { ...d, file: moves.get(d.id)! } : d)) }));
    // after the manifest, so a crash leaves at worst a stray copy, never an entry without its file
    for (const f of old) await this.fs.remove(docRel(f));
  }

  get meta(): CorpusMeta {
    const { documents: _docs, ...meta } = this.manifest;
    return meta;
  }

  get damaged(): DamagedDocument[] {
    return this.damagedDocs;
  }

  list(): DocumentSummary[] {
    const out: DocumentSummary[] = [];
    for (const { id } of this.manifest.documents) {
      const e = this.summaries.get(id);
      if (e) out.push(e.summary);
    }
    return out;
  }

  has(id: string): boolean {
    return this.index().byId.has(id);
  }

  /** Lookups by id and by file, so a 10,000-document corpus is not scanned once per document. */
  private index(): NonNullable<CorpusStore['lookup']> {
    if (this.lookup?.of !== this.manifest) {
      const byId = new Map<string, Manifest['documents'][number]>();
      const idByFile = new Map<string, string>();
      // the first entry wins, as a scan from the top found it
      for (const e of this.manifest.documents) {
        if (!byId.has(e.id)) byId.set(e.id, e);
        if (!idByFile.has(e.file)) idByFile.set(e.file, e.id);
      }
      this.lookup = { of: this.manifest, byId, idByFile };
    }
    return this.lookup;
  }

  /** The document's file name in docs/; refuses a manifest entry that is not a plain name there. */
  private docFile(id: string): string {
    const entry = this.index().byId.get(id);
    if (!entry) throw new StoreError('not_found', `No document "${id}" in this corpus.`);
    if (!isPlainDocFile(entry.file)) throw new StoreError('invalid', unsafeFileMessage(id, entry.file));
    return entry.file;
  }

  async read(id: string): Promise<Document> {
    return this.readFile(this.docFile(id), id);
  }

  /** Reads docs/<file> (or a backup beside it) and checks it holds document `id`. */
  private async readFile(file: string, id: string): Promise<Document> {
    let raw: unknown;
    try {
      raw = JSON.parse(await this.fs.readText(docRel(file)));
    } catch (e) {
      throw new StoreError('invalid', `Document ${id} (${file}) cannot be read: ${(e as Error).message}`);
    }
    if (this.upgradeDocsFrom !== null && raw && typeof raw === 'object') migrate({ schemaVersion: this.upgradeDocsFrom }, [raw as Record<string, unknown>]);
    const parsed = DocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError('invalid', `Document ${id} (${file}) is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
    }
    if (parsed.data.id !== id) {
      // on a case-insensitive disk two names can be one file: the other document's text is in it
      throw new StoreError('invalid', `Document ${id} (${file}) holds document "${parsed.data.id}" instead; its file name collides with another document's (for example on a case-insensitive disk).`);
    }
    const problems = documentProblems(parsed.data);
    if (problems.length) throw new StoreError('invalid', `Document ${id} (${file}): ${problems[0]!.message}`);
    return parsed.data;
  }

  /** Every readable document, in corpus order; reads run in parallel batches since file I/O dominates. */
  async readAll(): Promise<Corpus> {
    const damaged = new Set(this.damagedDocs.map((d) => d.id));
    const entries = this.manifest.documents.filter((d) => !damaged.has(d.id) && this.summaries.has(d.id));
    const documents: Document[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i += READ_BATCH) {
      const batch = entries.slice(i, i + READ_BATCH);
      const docs = await Promise.all(batch.map((e) => this.readFile(this.docFile(e.id), e.id)));
      docs.forEach((d, k) => (documents[i + k] = d));
    }
    return { ...this.meta, documents };
  }

  private assertWritable(): void {
    if (this.readOnly) throw new StoreError('read_only', this.readOnlyReason ?? 'This corpus is open read-only.');
  }

  /** Validates, keeps the previous version as .bak, then writes atomically. */
  async save(doc: Document): Promise<DocumentSummary> {
    this.assertWritable();
    const checked = DocumentSchema.parse(doc);
    // labels and relation types must be in the schema, so a stale editor cannot write back a renamed label
    const problems = documentProblems(checked, this.manifest.schema);
    if (problems.length) throw new StoreError('invalid', `Not saved: ${problems[0]!.message}`);
    const file = this.docFile(checked.id);
    await this.assertUnchangedOnDisk(checked.id, file);
    await this.guard(async () => {
      // copy, then rename into place: a crash mid-copy must not leave an empty .bak where the last good one was
      if (!this.damagedDocs.some((d) => d.id === checked.id)) await this.fs.copy(docRel(file), docRel(`${file}.bak`));
      await this.fs.write(docRel(file), JSON.stringify(checked));
    });
    return this.remember(file, checked);
  }

  /** Turns a refused path (a link, a name outside the corpus) into a clear "not saved". */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof UnsafePathError) throw new StoreError('invalid', `Not saved: ${e.message}`);
      throw e;
    }
  }

  /**
   * Refuse to overwrite a document that another program (git, a sync tool,
   * a colleague) rewrote since this store last read or wrote it.
   */
  private async assertUnchangedOnDisk(id: string, file: string): Promise<void> {
    const known = this.summaries.get(id);
    if (!known || this.damagedDocs.some((d) => d.id === id)) return;
    const st = await this.fs.lstat(docRel(file)).catch(() => null);
    if (st && (st.mtimeMs !== known.mtimeMs || st.size !== known.size)) {
      throw new StoreError('conflict', `Not saved: ${file} was changed on disk by another program. Reload from disk to see it; your last change is still on screen.`);
    }
  }

  private async remember(file: string, doc: Document): Promise<DocumentSummary> {
    const st = await stat(this.fs.resolve(docRel(file)));
    this.ownWrites.set(this.fs.resolve(docRel(file)), st.mtimeMs);
    const summary = summarize(doc);
    this.summaries.set(doc.id, { mtimeMs: st.mtimeMs, size: st.size, summary });
    this.damagedDocs = this.damagedDocs.filter((d) => d.id !== doc.id);
    this.scheduleCacheWrite();
    return summary;
  }

  async addDocuments(docs: Document[]): Promise<DocumentSummary[]> {
    this.assertWritable();
    const out: DocumentSummary[] = [];
    const onDisk = await this.readManifestFromDisk();
    const known = [...this.manifest.documents, ...(onDisk?.documents ?? [])];
    const taken = new Set(known.map((d) => d.id));
    // names as a case-insensitive disk compares them, and every name already in docs/ (orphans too)
    const files = new Set([...known.map((d) => fileKey(d.file)), ...(await this.fs.list(DOCS)).map(fileKey)]);
    const added: Manifest['documents'] = [];
    const checked: Document[] = [];
    // every document is checked and named before any is written: a bad one adds nothing
    for (const input of docs) {
      let doc = DocumentSchema.parse(input);
      if (taken.has(doc.id)) doc = { ...doc, id: newId('d_') };
      const problems = documentProblems(doc);
      if (problems.length) throw new StoreError('invalid', `Document "${doc.title}": ${problems[0]!.message}`);
      const file = fileNameFor(doc.id, files);
      taken.add(doc.id);
      files.add(fileKey(file));
      added.push({ id: doc.id, file });
      checked.push(doc);
    }
    for (let i = 0; i < checked.length; i += WRITE_PARALLEL) {
      const part = checked.slice(i, i + WRITE_PARALLEL);
      await Promise.all(part.map((doc, k) => this.guard(() => this.fs.write(docRel(added[i + k]!.file), JSON.stringify(doc)))));
      for (const [k, doc] of part.entries()) out.push(await this.remember(added[i + k]!.file, doc));
    }
    // the manifest is written after the documents, so a crash leaves at worst an orphan file, never a dangling entry
    const ids = new Set(added.map((a) => a.id));
    await this.updateManifest((m) => ({ ...m, documents: [...m.documents.filter((d) => !ids.has(d.id)), ...added], updatedAt: new Date().toISOString() }));
    return out;
  }

  async deleteDocument(id: string): Promise<void> {
    this.assertWritable();
    const entry = this.manifest.documents.find((d) => d.id === id);
    if (!entry) throw new StoreError('not_found', `No document "${id}" in this corpus.`);
    await this.updateManifest((m) => ({ ...m, documents: m.documents.filter((d) => d.id !== id) }));
    // an entry naming a file outside docs/ only leaves the manifest: that file is not ours to touch
    if (isPlainDocFile(entry.file)) {
      // keep the last version beside the corpus rather than destroying work
      await this.fs.copy(docRel(entry.file), docRel(`${entry.file}.deleted`)).catch(() => undefined);
      await this.fs.remove(docRel(entry.file));
    }
    this.summaries.delete(id);
    this.damagedDocs = this.damagedDocs.filter((d) => d.id !== id);
    this.scheduleCacheWrite();
  }

  async updateMeta(patch: Partial<Pick<CorpusMeta, 'name' | 'schema' | 'guidelines' | 'suggest'>>): Promise<CorpusMeta> {
    this.assertWritable();
    await this.updateManifest((m) => ({ ...m, ...patch, updatedAt: new Date().toISOString() }));
    return this.meta;
  }

  /** Replace a damaged document with its backup; the damaged file is kept as .damaged. */
  async restoreBackup(id: string): Promise<DocumentSummary> {
    this.assertWritable();
    const file = this.docFile(id);
    const doc = await this.readFile(`${file}.bak`, id);
    await this.guard(async () => {
      const st = await this.fs.lstat(docRel(file));
      if (st?.isFile()) await this.fs.copy(docRel(file), docRel(`${file}.damaged`));
      // a link where the document should be is dropped (never followed), then the backup takes its place
      else if (st) await this.fs.remove(docRel(file));
      await this.fs.write(docRel(file), JSON.stringify(doc));
    });
    return this.remember(file, doc);
  }

  private async readManifestFromDisk(): Promise<Manifest | null> {
    const raw = await this.fs.readText(MANIFEST).then((t) => JSON.parse(t) as unknown, () => null);
    const parsed = ManifestSchema.safeParse(raw);
    // another corpus, or one a newer Spanmark wrote, is not merged into
    if (!parsed.success || parsed.data.id !== this.manifest.id || parsed.data.schemaVersion !== SCHEMA_VERSION) return null;
    return parsed.data;
  }

  /**
   * Applies a change to the manifest as it is on disk now, not to the copy
   * read at open: another program (a CLI import, git) may have added or
   * removed documents since, and they must survive this write.
   */
  private async updateManifest(change: (m: Manifest) => Manifest): Promise<void> {
    const base = (await this.readManifestFromDisk()) ?? this.manifest;
    const next = change(base);
    await this.guard(() => this.fs.write(MANIFEST, JSON.stringify(next, null, 2)));
    this.manifest = next;
    const file = this.fs.resolve(MANIFEST);
    const st = await stat(file);
    this.ownWrites.set(file, st.mtimeMs);
  }

  /** True when `file` was last written by this store (so a watcher can ignore it). */
  wroteLast(file: string, mtimeMs: number): boolean {
    return this.ownWrites.get(file) === mtimeMs;
  }

  private async loadSummaries(): Promise<void> {
    const cache = await this.fs
      .readText(CACHE)
      .then((t) => CacheSchema.parse(JSON.parse(t)).entries)
      .catch(() => ({}) as Record<string, CacheEntry>);
    const damaged: DamagedDocument[] = [];
    let stale = false;
    const entries = this.manifest.documents;
    const damage = (id: string, file: string, message: string, hasBackup: boolean, st?: { mtimeMs: number; size: number } | null) => {
      damaged.push({ id, file, message, hasBackup });
      this.summaries.set(id, {
        mtimeMs: st?.mtimeMs ?? 0,
        size: st?.size ?? 0,
        summary: { id, title: `⚠ ${id} (damaged)`, status: 'todo', spanCount: 0, relationCount: 0, charCount: 0, annotators: [] },
      });
    };
    for (let i = 0; i < entries.length; i += READ_BATCH) {
      await Promise.all(
        entries.slice(i, i + READ_BATCH).map(async ({ id, file }) => {
          if (!isPlainDocFile(file)) {
            stale = true;
            damage(id, file, unsafeFileMessage(id, file), false);
            return;
          }
          const st = await this.fs.lstat(docRel(file)).catch(() => null);
          const cached = Object.hasOwn(cache, id) ? cache[id] : undefined;
          if (st?.isFile() && cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
            this.summaries.set(id, cached);
            return;
          }
          stale = true;
          try {
            if (!st) throw new StoreError('not_found', `Document ${id} (${file}) is missing.`);
            if (!st.isFile()) throw new StoreError('invalid', `Document ${id} (${file}) is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a plain file'}; Spanmark never follows links inside a corpus.`);
            const doc = await this.readFile(file, id);
            this.summaries.set(id, { mtimeMs: st.mtimeMs, size: st.size, summary: summarize(doc) });
          } catch (e) {
            const bak = await this.fs.lstat(docRel(`${file}.bak`)).catch(() => null);
            damage(id, file, (e as Error).message, !!bak?.isFile(), st);
          }
        }),
      );
    }
    this.damagedDocs = damaged;
    if (stale && !this.readOnly) this.scheduleCacheWrite(0);
  }

  private scheduleCacheWrite(delay = 1000): void {
    if (this.readOnly) return;
    this.cacheDirty = true;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    // the cache is a convenience: a failed background write is retried at the next save or close, never surfaced
    this.cacheTimer = setTimeout(() => {
      this.cacheFlush = this.flushCache().catch(() => undefined);
    }, delay);
  }

  async flushCache(): Promise<void> {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = null;
    if (this.readOnly || !this.cacheDirty) return;
    this.cacheDirty = false;
    const damaged = new Set(this.damagedDocs.map((d) => d.id));
    const entries: Record<string, CacheEntry> = {};
    // manifest order, not the order parallel stats finished in: the same corpus gives the same bytes (no churn under git)
    for (const { id } of this.manifest.documents) {
      const e = this.summaries.get(id);
      if (e && !damaged.has(id)) entries[id] = e;
    }
    try {
      await this.fs.mkdir(CACHE_DIR);
      await this.fs.write(CACHE, JSON.stringify({ entries }));
    } catch (e) {
      this.cacheDirty = true;
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.cacheFlush; // a background write still running must finish before the folder is let go
    await this.flushCache().catch(() => undefined);
    if (this.release) {
      await this.release().catch(() => undefined);
      this.release = null;
    }
  }

  /**
   * File names in this corpus that would break on another disk: two names
   * that are one file on macOS and Windows, or a Windows device name. A
   * writable open renames them; a read-only one (validate, export) reports them.
   */
  portabilityProblems(): { file: string; message: string }[] {
    const seen = new Map<string, string>();
    const out: { file: string; message: string }[] = [];
    for (const { file } of this.manifest.documents) {
      if (!isPlainDocFile(file)) continue;
      if (!isPortableName(file)) out.push({ file, message: `"${file}" cannot be a file name on Windows; open the corpus for writing once to rename it.` });
      const other = seen.get(fileKey(file));
      if (other !== undefined) out.push({ file, message: `"${file}" and "${other}" are one file on macOS and Windows; open the corpus for writing once to rename it.` });
      else seen.set(fileKey(file), file);
    }
    return out;
  }

  /** Document files currently in docs/ (for the external-change watcher). */
  async documentFiles(): Promise<string[]> {
    return (await this.fs.list(DOCS)).filter((f) => f.endsWith('.json'));
  }

  /** The document's file name in docs/, as the manifest names it. */
  fileFor(id: string): string | undefined {
    return this.index().byId.get(id)?.file;
  }

  idForFile(file: string): string | undefined {
    return this.index().idByFile.get(file);
  }
}

function unsafeFileMessage(id: string, file: string): string {
  return `Document ${id}: ${MANIFEST} names the file "${file}", which is not a plain file name inside docs/. Spanmark will not read or write it; delete the entry or fix ${MANIFEST}.`;
}

/**
 * Symbolic links where the corpus keeps its own files (its folders, cache,
 * lock, and anything in docs/): reported on open, and the corpus stays
 * read-only until they are replaced by plain files.
 */
async function linksIn(fs: CorpusFs): Promise<string[]> {
  const out: string[] = [];
  for (const rel of [DOCS, CACHE_DIR, CACHE, LOCK]) {
    const st = await fs.lstat(rel).catch((e: unknown) => (e instanceof UnsafePathError ? null : Promise.reject(e)));
    if (st?.isSymbolicLink()) out.push(rel);
  }
  if (!out.includes(DOCS)) {
    const entries = await readdir(fs.resolve(DOCS), { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isSymbolicLink()) out.push(docRel(e.name));
  }
  return out.length > 5 ? [...out.slice(0, 5), `and ${out.length - 5} more`] : out;
}

/**
 * Upgrade an older corpus in place, one document at a time through
 * migrations.ts, keeping each original as `<file>.v<version>` so nothing
 * written by the older app is lost. The manifest is written last.
 */
async function migrateOnDisk(fs: CorpusFs, manifest: Record<string, unknown>): Promise<Record<string, unknown>> {
  const from = manifest.schemaVersion as number;
  const all = Array.isArray(manifest.documents) ? (manifest.documents as { id: string; file: string }[]) : [];
  // an entry that is not a plain name in docs/ is left as it is; opening reports it
  const entries = all.filter((e) => isPlainDocFile(e.file));
  const docs: Record<string, unknown>[] = [];
  for (const e of entries) docs.push(JSON.parse(await fs.readText(docRel(e.file))) as Record<string, unknown>);
  const next = { ...manifest };
  migrate(next, docs);
  for (let i = 0; i < entries.length; i++) {
    const file = docRel(entries[i]!.file);
    await fs.copy(file, `${file}.v${from}`);
    await fs.write(file, JSON.stringify(docs[i]));
  }
  await fs.copy(MANIFEST, `${MANIFEST}.v${from}`);
  await fs.write(MANIFEST, JSON.stringify(next, null, 2));
  return next;
}
