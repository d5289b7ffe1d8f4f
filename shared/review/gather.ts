/**
 * Lines up the same document across annotators' copies of a corpus. Copies
 * usually share document ids (one corpus handed out several times), but an
 * annotator who re-imported the articles gets fresh ids, so a document
 * whose id appears in only one copy is matched by the hash of its text.
 *
 * A document whose id is shared but whose text differs is a conflict: its
 * offsets point into different strings, so comparing or merging its spans
 * would be meaningless. Conflicts are reported, never grouped.
 */

import { textHash } from '../model/ids';
import type { Corpus, Document } from '../model/schema';

export interface AnnotatorCopy {
  annotator: string;
  corpus: Corpus;
}

export interface DocumentVersion {
  annotator: string;
  doc: Document;
}

export interface DocumentGroup {
  /** stable key for this group: the document id most versions share */
  key: string;
  title: string;
  textHash: string;
  /** 'id' when every version has the key as its id; 'text' when some were matched only by their text */
  matchedBy: 'id' | 'text';
  /** at most one version per annotator, in copy order */
  versions: DocumentVersion[];
}

export interface DocumentConflict {
  id: string;
  versions: { annotator: string; title: string; textHash: string; length: number }[];
}

export interface Gathered {
  annotators: string[];
  groups: DocumentGroup[];
  conflicts: DocumentConflict[];
}

/** "ann", "ann" → "ann", "ann (2)": versions are keyed by annotator, so names must differ. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(names);
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    if (n === 1) return name;
    let k = n;
    while (taken.has(`${name} (${k})`)) k++;
    const unique = `${name} (${k})`;
    taken.add(unique);
    return unique;
  });
}

interface Entry {
  copy: number;
  annotator: string;
  doc: Document;
  hash: string;
}

export function gather(copies: readonly AnnotatorCopy[]): Gathered {
  const annotators = uniqueNames(copies.map((c) => c.annotator));
  const byId = new Map<string, Entry[]>();
  copies.forEach((c, copy) => {
    const seenInCopy = new Set<string>();
    for (const doc of c.corpus.documents) {
      if (seenInCopy.has(doc.id)) continue; // a corpus cannot hold one id twice; keep the first if a file does
      seenInCopy.add(doc.id);
      const e: Entry = { copy, annotator: annotators[copy]!, doc, hash: textHash(doc.text) };
      const list = byId.get(doc.id);
      if (list) list.push(e);
      else byId.set(doc.id, [e]);
    }
  });

  const groups: (DocumentGroup & { order: number[] })[] = [];
  const conflicts: DocumentConflict[] = [];
  const leftovers: Entry[] = [];
  for (const [id, entries] of byId) {
    const hashes = new Set(entries.map((e) => e.hash));
    if (hashes.size > 1) {
      conflicts.push({
        id,
        versions: entries.map((e) => ({ annotator: e.annotator, title: e.doc.title, textHash: e.hash, length: e.doc.text.length })),
      });
    } else if (entries.length > 1) {
      groups.push(group(id, entries, 'id'));
    } else {
      leftovers.push(entries[0]!);
    }
  }

  // Fall back to the text for ids found in one copy only: join a group that
  // lacks this annotator, or start one with other leftovers.
  for (const e of leftovers) {
    const home = groups.find((g) => g.textHash === e.hash && !g.versions.some((v) => v.annotator === e.annotator));
    if (home) {
      home.versions.push({ annotator: e.annotator, doc: e.doc });
      home.order.push(e.copy);
      home.matchedBy = 'text';
    } else {
      groups.push(group(e.doc.id, [e], 'id'));
    }
  }

  for (const g of groups) {
    // copy order, so pairs and tables always list annotators the same way
    const zipped = g.versions.map((v, i) => ({ v, o: g.order[i]! })).sort((x, y) => x.o - y.o);
    g.versions = zipped.map((z) => z.v);
    g.order = zipped.map((z) => z.o);
  }
  return { annotators, groups: groups.map(({ order: _order, ...g }) => g), conflicts };
}

function group(key: string, entries: Entry[], matchedBy: 'id' | 'text'): DocumentGroup & { order: number[] } {
  const first = entries[0]!;
  return {
    key,
    title: first.doc.title,
    textHash: first.hash,
    matchedBy,
    versions: entries.map((e) => ({ annotator: e.annotator, doc: e.doc })),
    order: entries.map((e) => e.copy),
  };
}
