/**
 * Child process for crash-injection.test.ts: opens the corpus in argv[2]
 * and saves document argv[3] in a tight loop until it is killed. Each save
 * bumps a counter in the title ("#<n>") and adds or removes a span, and
 * only after `save` has resolved does it print `ACK <n>`: so any ACK the
 * parent has read is a save the store promised was on disk.
 *
 * Run from source with `node --import tsx crash-child.ts <dir> <id>`, or
 * bundled by the test (same code, faster start).
 */
import { addSpan, removeSpans } from '../../shared/model/edits';
import type { Document } from '../../shared/model/schema';
import { cpLength } from '../../shared/text/offsets';
import { CorpusStore } from './corpus-store';

const LABELS = ['claim', 'actor', 'figure', 'attribution'];

export function counterOf(doc: Document): number {
  return Number(/#(\d+)$/.exec(doc.title)?.[1] ?? 0);
}

/** The n-th change: new counter in the title, and a span added (or, every third time or when crowded, removed). */
export function nextVersion(doc: Document, n: number): Document {
  const now = new Date().toISOString();
  let next: Document = { ...doc, title: `${doc.title.replace(/ #\d+$/, '')} #${n}`, updatedAt: now };
  if (next.spans.length && (n % 3 === 0 || next.spans.length > 24)) return removeSpans(next, [next.spans[n % next.spans.length]!.id], now);
  const len = cpLength(next.text);
  const start = (n * 7919) % (len - 8);
  try {
    next = addSpan(next, { label: LABELS[n % LABELS.length]!, start, end: start + 1 + (n % 8), id: `s${n}` }, { annotator: 'crash', now }).doc;
  } catch {
    // the same range and label already exists: the title change alone is this version
  }
  return next;
}

async function main(): Promise<void> {
  const [dir, id] = process.argv.slice(2);
  if (!dir || !id) throw new Error('usage: crash-child <corpus dir> <document id>');
  const store = await CorpusStore.open(dir);
  if (store.readOnly) {
    process.stderr.write(`READ-ONLY ${store.readOnlyReason}\n`);
    process.exit(2);
  }
  if (store.damaged.length) {
    process.stderr.write(`DAMAGED ${JSON.stringify(store.damaged)}\n`);
    process.exit(3);
  }
  let doc = await store.read(id);
  for (let n = counterOf(doc) + 1; ; n++) {
    doc = nextVersion(doc, n);
    await store.save(doc);
    // stdout to a pipe is synchronous on POSIX: once this returns, the parent can read the line
    process.stdout.write(`ACK ${n}\n`);
  }
}

if (process.argv[1] && /crash-child\.(ts|mjs)$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`CHILD ERROR ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
