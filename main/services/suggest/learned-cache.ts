import type { PhraseEntry } from '../../../shared/suggest/dictionary';
import type { CorpusStore } from '../corpus-store';
import { learnedFrom } from './corpus-suggest';

/**
 * The learned dictionary for the app: each document's entries are kept
 * with a signature of its summary (span count, size), so opening the next
 * document reads only the documents that changed since, not the corpus.
 */

const caches = new WeakMap<CorpusStore, Map<string, { sig: string; entries: PhraseEntry[] }>>();

export async function learnedEntriesFor(store: CorpusStore, except: string): Promise<PhraseEntry[]> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const out: PhraseEntry[] = [];
  const seen = new Set<string>();
  for (const s of store.list()) {
    if (s.id === except || s.spanCount === 0) continue;
    const sig = `${s.spanCount}:${s.charCount}:${s.relationCount}:${s.annotators.join(',')}`;
    let hit = cache.get(s.id);
    if (!hit || hit.sig !== sig) {
      hit = { sig, entries: learnedFrom([await store.read(s.id)], store.meta.schema) };
      cache.set(s.id, hit);
    }
    for (const e of hit.entries) {
      const k = `${e.label}\u0000${e.phrase.toLowerCase()}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(e);
    }
  }
  return out;
}
