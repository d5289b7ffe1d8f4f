import type { ReviewDocument } from '../../../shared/ipc/contract';
import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { goldSpanOf } from '../../../shared/review/adjudicate';
import type { Decoration } from '../../editor/DocumentView';
import { relationStatusOf, reviewIndex, statusOf, type CandidateStatus } from './review-store';

/** How a candidate was last drawn, and what that was built from. */
interface Look {
  status: CandidateStatus;
  shown: string;
  decoration: Decoration;
}

// Looks already built, per document and schema, shared by every state of its review
const built = new WeakMap<ReviewDocument, WeakMap<AnnotationSchema, Map<string, Look>>>();

function looksOf(doc: ReviewDocument, schema: AnnotationSchema): Map<string, Look> {
  let bySchema = built.get(doc);
  if (!bySchema) built.set(doc, (bySchema = new WeakMap()));
  let looks = bySchema.get(schema);
  if (!looks) bySchema.set(schema, (looks = new Map()));
  return looks;
}

function colorOf(schema: AnnotationSchema, label: string): string {
  return schema.labels.find((l) => l.name === label)?.color ?? '#999999';
}

/** Lazily computed decorations: a map whose values are worked out when asked for. */
abstract class LazyMap<V> implements ReadonlyMap<string, V> {
  abstract get(key: string): V | undefined;
  protected abstract keyList(): readonly string[];
  get size(): number {
    return this.keyList().length;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  *entries(): MapIterator<[string, V]> {
    for (const k of this.keyList()) yield [k, this.get(k)!];
  }
  *keys(): MapIterator<string> {
    yield* this.keyList();
  }
  *values(): MapIterator<V> {
    for (const k of this.keyList()) yield this.get(k)!;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}

/**
 * Each candidate's look in the text for one state of the review. The view
 * asks only for the candidates in the paragraphs it renders, so a decision
 * costs the same on 20,000 candidates as on 20; a candidate keeps its
 * Decoration object until its status or shown label changes, so paragraphs
 * whose candidates did not change are not rebuilt.
 */
export class CandidateLooks extends LazyMap<Decoration> {
  constructor(
    private readonly doc: ReviewDocument,
    private readonly gold: Document | null,
    private readonly declined: ReadonlySet<string>,
    private readonly schema: AnnotationSchema,
  ) {
    super();
    this.cache = looksOf(doc, schema);
  }

  private readonly cache: Map<string, Look>;

  protected keyList(): readonly string[] {
    return reviewIndex(this.doc).candidateKeys;
  }

  get(key: string): Decoration | undefined {
    const c = reviewIndex(this.doc).candidates.get(key);
    if (!c) return undefined;
    const { gold, declined, schema } = this;
    const status = statusOf(c, gold, declined);
    const shown = (status === 'kept' && gold && goldSpanOf(c, gold)?.label) || c.label;
    let look = this.cache.get(key);
    if (!look || look.status !== status || look.shown !== shown) {
      // open disagreements stand out; settled ones keep a lighter mark so they can be revisited
      const settled = !c.agreed && status !== 'disputed';
      look = {
        status,
        shown,
        decoration: {
          className: `rv-${status}${c.agreed ? ' rv-agreed-candidate' : ''}${settled ? ' rv-settled' : ''}`,
          color: `${colorOf(schema, shown)}${status === 'rejected' ? '55' : ''}`,
          title: `${c.label}: ${c.proposedBy.join(', ')} (${status})`,
        },
      };
      this.cache.set(key, look);
    }
    return look.decoration;
  }
}

/** Each relation candidate's look (its arc) for one state of the review, worked out for the arcs drawn. */
export class RelationLooks extends LazyMap<Decoration> {
  constructor(
    private readonly doc: ReviewDocument,
    private readonly gold: Document | null,
    private readonly declined: ReadonlySet<string>,
    private readonly current: string | null,
  ) {
    super();
  }

  protected keyList(): readonly string[] {
    return reviewIndex(this.doc).relationKeys;
  }

  get(key: string): Decoration | undefined {
    const r = reviewIndex(this.doc).relations.get(key);
    if (!r) return undefined;
    const status = relationStatusOf(r, this.gold, this.declined);
    return { className: `rv-${status}${r.key === this.current ? ' rv-current' : ''}`, title: `${r.type}: ${r.proposedBy.join(', ')} (${status})` };
  }
}
