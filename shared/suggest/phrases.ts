import type { Token } from './tokens';

/**
 * Whole-word phrase lookup over tokens (a token trie): case-insensitive and
 * blind to whitespace, so "Central  Command" across a line break matches
 * "central command". Used by label-all-occurrences, the learned dictionary,
 * gazetteers, phrase patterns and the cue lexicon. Cost is O(tokens × depth).
 */

interface Node<T> {
  next: Map<string, Node<T>>;
  values: T[];
}

export interface PhraseMatch<T> {
  /** token indexes, end exclusive */
  first: number;
  last: number;
  values: readonly T[];
}

export class PhraseMatcher<T> {
  private readonly root: Node<T> = { next: new Map(), values: [] };
  size = 0;

  /** `words` are the phrase's tokens (any case). Empty phrases are ignored. */
  add(words: readonly string[], value: T): void {
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      const k = w.toLowerCase();
      let n = node.next.get(k);
      if (!n) node.next.set(k, (n = { next: new Map(), values: [] }));
      node = n;
    }
    node.values.push(value);
    this.size++;
  }

  /** Every phrase at every token, short and long: "Ostria" inside "Ostria again" may carry another label. Callers pick. */
  matchAll(tokens: readonly Token[]): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    if (this.size === 0) return out;
    for (let i = 0; i < tokens.length; i++) {
      let node = this.root.next.get(tokens[i]!.lower);
      let j = i + 1;
      while (node) {
        if (node.values.length > 0) out.push({ first: i, last: j, values: node.values });
        if (j >= tokens.length) break;
        node = node.next.get(tokens[j]!.lower);
        j++;
      }
    }
    return out;
  }
}

/** Keeps the longest of overlapping matches, earlier first on ties (spaCy's filter_spans). */
export function longestFirst<T extends { start: number; end: number }>(items: readonly T[]): T[] {
  const sorted = items.slice().sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  const taken = new Disjoint();
  for (const it of sorted) if (taken.add(it.start, it.end)) kept.push(it);
  return kept.sort((a, b) => a.start - b.start);
}

/** Non-overlapping intervals kept sorted; `add` refuses one that overlaps. */
export class Disjoint {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  add(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && this.ends[lo - 1]! > start) return false;
    if (lo < this.starts.length && this.starts[lo]! < end) return false;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    return true;
  }
}
