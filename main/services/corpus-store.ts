import { copyFile, mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
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
import { writeAtomic } from './atomic-write';
import { checkVersion, migrate } from './migrations';

/**
 * A corpus is a folder: `corpus.json` (meta + document order) and one file
 * per document under `docs/`, so a save writes one document, whatever the
 * corpus size. The previous version of each document is kept as
 * `docs/<id>.json.bak`. A summary cache in `.spanmark/index.json` keeps
 * listing fast; it is checked against file sizes and times on open, so a
 * stale cache only costs a re-read, never wrong data.
 */

export const MANIFEST = 'corpus.json';
const DOCS = 'docs';
const CACHE = path.join('.spanmark', 'index.json');
/** files read or stat'ed at once: enough to keep the disk busy, few enough to stay under open-file limits */
const READ_BATCH = 256;

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

export interface OpenOptions {
  readOnly?: boolean;
}

function fileNameFor(id: string): string {
  // ids come from files we do not control; keep names portable and unique
  const safe = id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return safe === id ? `${id}.json` : `${safe}-${Buffer.from(id).toString('hex').slice(0, 16)}.json`;
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

  private constructor(
    readonly dir: string,
    manifest: Manifest,
    readonly readOnly: boolean,
    readonly readOnlyReason?: string,
  ) {
    this.manifest = manifest;
  }

  static async create(dir: string, init: { name: string; schema?: AnnotationSchema; guidelines?: string; id?: string }): Promise<CorpusStore> {
    await mkdir(path.join(dir, DOCS), { recursive: true });
    const exists = await stat(path.join(dir, MANIFEST)).then(() => true, () => false);
    if (exists) throw new StoreError('exists', `${dir} already holds a corpus.`);
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
    await writeAtomic(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
    return CorpusStore.open(dir);
  }

  static async isCorpus(dir: string): Promise<boolean> {
    return stat(path.join(dir, MANIFEST)).then((s) => s.isFile(), () => false);
  }

  static async open(dir: string, opts: OpenOptions = {}): Promise<CorpusStore> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new StoreError('not_found', `No corpus at ${dir} (missing ${MANIFEST}).`);
      throw new StoreError('invalid', `${path.join(dir, MANIFEST)} is not valid JSON: ${(e as Error).message}`);
    }
    const verdict = checkVersion(raw);
    let upgradeDocsFrom: number | null = null;
    let readOnly = opts.readOnly ?? false;
    let reason: string | undefined = readOnly ? 'Opened read-only.' : undefined;
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
      } else raw = await migrateOnDisk(dir, raw as Record<string, unknown>);
    }
    const parsed = ManifestSchema.safeParse(raw);
    if (!parsed.success) throw new StoreError('invalid', `${MANIFEST} is malformed: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    const store = new CorpusStore(dir, parsed.data, readOnly, reason);
    store.upgradeDocsFrom = upgradeDocsFrom;
    if (!readOnly) {
      const locked = await store.lock();
      if (!locked) {
        const ro = new CorpusStore(dir, parsed.data, true, 'Another Spanmark window or process is editing this corpus; it is open read-only.');
        await ro.loadSummaries();
        return ro;
      }
    }
    if (!store.readOnly) await store.sweepTempFiles();
    await store.loadSummaries();
    return store;
  }

  /** Temp files a crash left behind (write-file-atomic's `x.json.<hash>`, our `.bak-tmp`); never documents. */
  private async sweepTempFiles(): Promise<void> {
    const docs = path.join(this.dir, DOCS);
    const names = await readdir(docs).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => /\.json\.\d+$|\.json\.[0-9a-f]{6,}$|\.bak-tmp$/.test(n)).map((n) => rm(path.join(docs, n), { force: true })));
  }

  private async lock(): Promise<boolean> {
    try {
      this.release = await lockfile.lock(this.dir, { lockfilePath: path.join(this.dir, '.spanmark.lock'), stale: 15_000, update: 5_000, realpath: false });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOCKED') return false;
      throw e;
    }
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
    return this.manifest.documents.some((d) => d.id === id);
  }

  private docPath(id: string): string {
    const entry = this.manifest.documents.find((d) => d.id === id);
    if (!entry) throw new StoreError('not_found', `No document "${id}" in this corpus.`);
    return path.join(this.dir, DOCS, entry.file);
  }

  async read(id: string): Promise<Document> {
    return this.readFile(this.docPath(id), id);
  }

  private async readFile(file: string, id: string): Promise<Document> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new StoreError('invalid', `Document ${id} (${path.basename(file)}) cannot be read: ${(e as Error).message}`);
    }
    if (this.upgradeDocsFrom !== null && raw && typeof raw === 'object') migrate({ schemaVersion: this.upgradeDocsFrom }, [raw as Record<string, unknown>]);
    const parsed = DocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError('invalid', `Document ${id} (${path.basename(file)}) is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
    }
    const problems = documentProblems(parsed.data);
    if (problems.length) throw new StoreError('invalid', `Document ${id} (${path.basename(file)}): ${problems[0]!.message}`);
    return parsed.data;
  }

  /** Every readable document, in corpus order; reads run in parallel batches since file I/O dominates. */
  async readAll(): Promise<Corpus> {
    const damaged = new Set(this.damagedDocs.map((d) => d.id));
    const entries = this.manifest.documents.filter((d) => !damaged.has(d.id));
    const documents: Document[] = new Array(entries.length);
    for (let i = 0; i < entries.length; i += READ_BATCH) {
      const batch = entries.slice(i, i + READ_BATCH);
      const docs = await Promise.all(batch.map((e) => this.readFile(path.join(this.dir, DOCS, e.file), e.id)));
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
    const file = this.docPath(checked.id);
    await this.assertUnchangedOnDisk(checked.id, file);
    if (!this.damagedDocs.some((d) => d.id === checked.id)) {
      // copy, then rename into place: a crash mid-copy must not leave an empty .bak where the last good one was
      const tmp = `${file}.bak-tmp`;
      const copied = await copyFile(file, tmp).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code !== 'ENOENT') throw e;
          return false;
        },
      );
      if (copied) await rename(tmp, `${file}.bak`);
    }
    await writeAtomic(file, JSON.stringify(checked));
    return this.remember(file, checked);
  }

  /**
   * Refuse to overwrite a document that another program (git, a sync tool,
   * a colleague) rewrote since this store last read or wrote it.
   */
  private async assertUnchangedOnDisk(id: string, file: string): Promise<void> {
    const known = this.summaries.get(id);
    if (!known || this.damagedDocs.some((d) => d.id === id)) return;
    const st = await stat(file).catch(() => null);
    if (st && (st.mtimeMs !== known.mtimeMs || st.size !== known.size)) {
      throw new StoreError('conflict', `Not saved: ${path.basename(file)} was changed on disk by another program. Reload from disk to see it; your last change is still on screen.`);
    }
  }

  private async remember(file: string, doc: Document): Promise<DocumentSummary> {
    const st = await stat(file);
    this.ownWrites.set(file, st.mtimeMs);
    const summary = summarize(doc);
    this.summaries.set(doc.id, { mtimeMs: st.mtimeMs, size: st.size, summary });
    this.damagedDocs = this.damagedDocs.filter((d) => d.id !== doc.id);
    this.scheduleCacheWrite();
    return summary;
  }

  async addDocuments(docs: Document[]): Promise<DocumentSummary[]> {
    this.assertWritable();
    const out: DocumentSummary[] = [];
    const taken = new Set(this.manifest.documents.map((d) => d.id));
    const files = new Set(this.manifest.documents.map((d) => d.file));
    const added: Manifest['documents'] = [];
    for (const input of docs) {
      let doc = DocumentSchema.parse(input);
      if (taken.has(doc.id)) doc = { ...doc, id: newId('d_') };
      const problems = documentProblems(doc);
      if (problems.length) throw new StoreError('invalid', `Document "${doc.title}": ${problems[0]!.message}`);
      let file = fileNameFor(doc.id);
      if (files.has(file)) file = `${newId('f_')}.json`;
      taken.add(doc.id);
      files.add(file);
      const full = path.join(this.dir, DOCS, file);
      await writeAtomic(full, JSON.stringify(doc));
      added.push({ id: doc.id, file });
      out.push(await this.remember(full, doc));
    }
    // the manifest is written after the documents, so a crash leaves at worst an orphan file, never a dangling entry
    this.manifest = { ...this.manifest, documents: [...this.manifest.documents, ...added], updatedAt: new Date().toISOString() };
    await this.writeManifest();
    return out;
  }

  async deleteDocument(id: string): Promise<void> {
    this.assertWritable();
    const file = this.docPath(id);
    this.manifest = { ...this.manifest, documents: this.manifest.documents.filter((d) => d.id !== id) };
    await this.writeManifest();
    // keep the last version beside the corpus rather than destroying work
    await copyFile(file, `${file}.deleted`).catch(() => undefined);
    await rm(file, { force: true });
    this.summaries.delete(id);
    this.scheduleCacheWrite();
  }

  async updateMeta(patch: Partial<Pick<CorpusMeta, 'name' | 'schema' | 'guidelines'>>): Promise<CorpusMeta> {
    this.assertWritable();
    this.manifest = { ...this.manifest, ...patch, updatedAt: new Date().toISOString() };
    await this.writeManifest();
    return this.meta;
  }

  /** Replace a damaged document with its backup; the damaged file is kept as .damaged. */
  async restoreBackup(id: string): Promise<DocumentSummary> {
    this.assertWritable();
    const file = this.docPath(id);
    const doc = await this.readFile(`${file}.bak`, id);
    await copyFile(file, `${file}.damaged`).catch(() => undefined);
    await writeAtomic(file, JSON.stringify(doc));
    return this.remember(file, doc);
  }

  private async writeManifest(): Promise<void> {
    const file = path.join(this.dir, MANIFEST);
    await writeAtomic(file, JSON.stringify(this.manifest, null, 2));
    const st = await stat(file);
    this.ownWrites.set(file, st.mtimeMs);
  }

  /** True when `file` was last written by this store (so a watcher can ignore it). */
  wroteLast(file: string, mtimeMs: number): boolean {
    return this.ownWrites.get(file) === mtimeMs;
  }

  private async loadSummaries(): Promise<void> {
    const cache = await readFile(path.join(this.dir, CACHE), 'utf8')
      .then((t) => CacheSchema.parse(JSON.parse(t)).entries)
      .catch(() => ({}) as Record<string, CacheEntry>);
    const damaged: DamagedDocument[] = [];
    let stale = false;
    const entries = this.manifest.documents;
    for (let i = 0; i < entries.length; i += READ_BATCH) {
      await Promise.all(
        entries.slice(i, i + READ_BATCH).map(async ({ id, file }) => {
          const full = path.join(this.dir, DOCS, file);
          const st = await stat(full).catch(() => null);
          const cached = cache[id];
          if (st && cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
            this.summaries.set(id, cached);
            return;
          }
          stale = true;
          try {
            if (!st) throw new StoreError('not_found', `Document ${id} (${file}) is missing.`);
            const doc = await this.readFile(full, id);
            this.summaries.set(id, { mtimeMs: st.mtimeMs, size: st.size, summary: summarize(doc) });
          } catch (e) {
            const hasBackup = await stat(`${full}.bak`).then(() => true, () => false);
            damaged.push({ id, file, message: (e as Error).message, hasBackup });
            this.summaries.set(id, {
              mtimeMs: st?.mtimeMs ?? 0,
              size: st?.size ?? 0,
              summary: { id, title: `⚠ ${id} (damaged)`, status: 'todo', spanCount: 0, relationCount: 0, charCount: 0, annotators: [] },
            });
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
      await mkdir(path.join(this.dir, '.spanmark'), { recursive: true });
      await writeAtomic(path.join(this.dir, CACHE), JSON.stringify({ entries }));
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

  /** Document files currently in docs/ (for the external-change watcher). */
  async documentFiles(): Promise<string[]> {
    return (await readdir(path.join(this.dir, DOCS))).filter((f) => f.endsWith('.json'));
  }

  idForFile(file: string): string | undefined {
    return this.manifest.documents.find((d) => d.file === file)?.id;
  }
}

/**
 * Upgrade an older corpus in place, one document at a time through
 * migrations.ts, keeping each original as `<file>.v<version>` so nothing
 * written by the older app is lost. The manifest is written last.
 */
async function migrateOnDisk(dir: string, manifest: Record<string, unknown>): Promise<Record<string, unknown>> {
  const from = manifest.schemaVersion as number;
  const entries = Array.isArray(manifest.documents) ? (manifest.documents as { id: string; file: string }[]) : [];
  const docs: Record<string, unknown>[] = [];
  for (const e of entries) docs.push(JSON.parse(await readFile(path.join(dir, DOCS, e.file), 'utf8')) as Record<string, unknown>);
  const next = { ...manifest };
  migrate(next, docs);
  for (let i = 0; i < entries.length; i++) {
    const file = path.join(dir, DOCS, entries[i]!.file);
    await copyFile(file, `${file}.v${from}`);
    await writeAtomic(file, JSON.stringify(docs[i]));
  }
  await copyFile(path.join(dir, MANIFEST), path.join(dir, `${MANIFEST}.v${from}`));
  await writeAtomic(path.join(dir, MANIFEST), JSON.stringify(next, null, 2));
  return next;
}
