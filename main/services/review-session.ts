import path from 'node:path';
import type { ReviewDocument, ReviewSummary } from '../../shared/ipc/contract';
import type { Document } from '../../shared/model/schema';
import { adjudicate, disagreements, agreed, type Adjudication } from '../../shared/review/adjudicate';
import { gather, type DocumentGroup, type Gathered } from '../../shared/review/gather';
import { loadCopy, type LoadedCopy } from './copies';
import { CorpusStore } from './corpus-store';

/**
 * One review session: the annotators' copies being adjudicated and the gold
 * corpus their reviewed documents go to. The adjudication itself is the pure
 * code in shared/review; this service only loads copies, answers for one
 * document at a time and writes gold documents.
 *
 * Gold is a normal corpus folder, "<name> — gold", next to the first copy
 * (in the data folder when that place is not writable), so a reviewer can
 * open it, export it or resume a review later: documents already in it come
 * back as the starting point.
 */
export class ReviewSession {
  private copies: LoadedCopy[] = [];
  private gathered: Gathered | null = null;
  /** each group's adjudication, computed once per open: the summary needs them all, and a document is asked for again on every visit */
  private adjudications = new Map<string, Adjudication>();
  /** gold documents already written, by id */
  private gold = new Map<string, Document>();
  private goldDir: string | null = null;

  constructor(
    /** where gold goes when the first copy's folder is read-only */
    private readonly fallbackDir: () => string,
    /** the corpus open in the window, so saving into it reuses its lock instead of fighting it */
    private readonly openStore: () => CorpusStore | null = () => null,
  ) {}

  async open(paths: readonly string[], add = false): Promise<ReviewSummary> {
    const known = add ? this.copies : [];
    const fresh = await Promise.all(paths.filter((p) => !known.some((c) => path.resolve(c.path) === path.resolve(p))).map((p) => loadCopy(p)));
    const copies = [...known, ...fresh];
    if (!copies.length) throw Object.assign(new Error('Choose at least one annotator copy.'), { code: 'no_copies' });
    return this.openLoaded(copies, goldFolderFor(copies[0]!));
  }

  /** Copies already in memory (a team's, from the sync mirror) with the gold folder they go to. */
  async openLoaded(copies: LoadedCopy[], goldDir: string): Promise<ReviewSummary> {
    if (!copies.length) throw Object.assign(new Error('No annotator copies yet.'), { code: 'no_copies' });
    const gathered = gather(copies);
    const gold = new Map<string, Document>();
    if (await CorpusStore.isCorpus(goldDir)) {
      const store = await CorpusStore.open(goldDir, { readOnly: true });
      try {
        for (const d of (await store.readAll()).documents) gold.set(d.id, d);
      } finally {
        await store.close();
      }
    }
    this.copies = copies;
    this.gathered = gathered;
    this.adjudications = new Map();
    this.goldDir = goldDir;
    this.gold = gold;
    return this.summary();
  }

  summary(): ReviewSummary {
    const g = this.require();
    const first = this.copies[0]!;
    return {
      copies: this.copies.map((c, i) => ({ path: c.path, annotator: g.annotators[i]!, documents: c.corpus.documents.length })),
      annotators: g.annotators,
      schema: first.corpus.schema,
      documents: g.groups.map((group) => {
        const adj = this.adjudication(group);
        const baseId = adj.base.id;
        return {
          key: group.key,
          title: group.title,
          annotators: group.versions.map((v) => v.annotator),
          agreed: agreed(adj).length,
          disagreements: disagreements(adj).length,
          reviewed: this.gold.get(baseId)?.status === 'reviewed',
        };
      }),
      conflicts: g.conflicts,
      goldPath: this.goldDir,
    };
  }

  document(key: string): ReviewDocument {
    const group = this.group(key);
    const adjudication = this.adjudication(group);
    return {
      key,
      title: group.title,
      matchedBy: group.matchedBy,
      versions: group.versions.map((v) => ({ annotator: v.annotator, status: v.doc.status, spans: v.doc.spans.length, relations: v.doc.relations.length })),
      adjudication,
      gold: this.gold.get(adjudication.base.id) ?? null,
    };
  }

  /** Writes one gold document (added, or replacing the earlier gold version) and returns the gold folder. */
  async saveGold(key: string, doc: Document): Promise<{ path: string }> {
    const group = this.group(key);
    const base = group.versions[0]!.doc;
    // gold must stay on the annotated text: offsets into anything else would be meaningless
    if (doc.id !== base.id || doc.text !== base.text) {
      throw Object.assign(new Error(`The gold version of "${group.title}" must keep the document's id and text.`), { code: 'gold_mismatch' });
    }
    const dir = await this.ensureGoldDir();
    const shared = this.openStore();
    const store = shared && path.resolve(shared.dir) === path.resolve(dir) ? shared : await CorpusStore.open(dir);
    try {
      if (store.readOnly) throw Object.assign(new Error(`${dir} is open read-only: ${store.readOnlyReason ?? ''}`), { code: 'read_only' });
      if (store.has(doc.id)) await store.save(doc);
      else await store.addDocuments([doc]);
    } finally {
      if (store !== shared) await store.close();
    }
    this.gold.set(doc.id, doc);
    return { path: dir };
  }

  private async ensureGoldDir(): Promise<string> {
    const dir = this.goldDir!;
    if (await CorpusStore.isCorpus(dir)) return dir;
    const first = this.copies[0]!.corpus;
    const init = { name: `${first.name} — gold`, schema: first.schema, guidelines: first.guidelines };
    try {
      await CorpusStore.create(dir, init).then((s) => s.close());
      return dir;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw e;
    }
    const fallback = path.join(this.fallbackDir(), path.basename(dir));
    if (!(await CorpusStore.isCorpus(fallback))) await CorpusStore.create(fallback, init).then((s) => s.close());
    this.goldDir = fallback;
    return fallback;
  }

  private adjudication(group: DocumentGroup): Adjudication {
    let adj = this.adjudications.get(group.key);
    if (!adj) this.adjudications.set(group.key, (adj = adjudicate(group.versions)));
    return adj;
  }

  private require(): Gathered {
    if (!this.gathered) throw Object.assign(new Error('No review is open: open the annotators’ copies first.'), { code: 'no_review' });
    return this.gathered;
  }

  private group(key: string): DocumentGroup {
    const group = this.require().groups.find((g) => g.key === key);
    if (!group) throw Object.assign(new Error(`No document "${key}" in this review.`), { code: 'not_found' });
    return group;
  }
}

/** "<corpus name> — gold" beside the first copy (a corpus folder or a single JSON file). */
export function goldFolderFor(first: LoadedCopy): string {
  const name = first.corpus.name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim() || 'corpus';
  return path.join(path.dirname(path.resolve(first.path)), `${name} — gold`);
}
