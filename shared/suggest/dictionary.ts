import type { Document } from '../model/schema';
import { PhraseMatcher } from './phrases';
import type { Tagger, Token } from './tokens';
import type { Hit, SuggesterId } from './types';

/**
 * Lexical suggesters share one shape: phrases per label, matched as whole
 * words, case- and line-break-tolerant. Label-all-occurrences uses the
 * document's own spans, the learned dictionary every span accepted in the
 * corpus (INCEpTION's string matcher), gazetteers the lead's lists.
 */

export interface PhraseEntry {
  label: string;
  phrase: string;
  origin: string;
}

/** Longer entries would be whole claims; they rarely repeat word for word and flood the view when they do. */
const MAX_WORDS = 12;
const UNINFORMATIVE = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'the', 'a', 'an', 'this', 'that', 'said', 'says']);

export function phraseHits(tokens: readonly Token[], entries: readonly PhraseEntry[], suggester: SuggesterId, tokenize: Tagger): Hit[] {
  const matcher = new PhraseMatcher<PhraseEntry>();
  for (const e of entries) {
    const words = tokenize(e.phrase).map((t) => t.text);
    if (words.length > 0 && words.length <= MAX_WORDS) matcher.add(words, e);
  }
  const hits: Hit[] = [];
  for (const m of matcher.matchAll(tokens)) {
    const start = tokens[m.first]!.start;
    const end = tokens[m.last - 1]!.end;
    const seen = new Set<string>();
    for (const e of m.values) {
      if (seen.has(e.label)) continue;
      seen.add(e.label);
      hits.push({ label: e.label, start, end, suggester, origin: e.origin });
    }
  }
  return hits;
}

/** The document's own spans as phrases: "label all occurrences". */
export function occurrenceEntries(doc: Pick<Document, 'spans'>, labels?: ReadonlySet<string>): PhraseEntry[] {
  return doc.spans
    .filter((s) => !labels || labels.has(s.label))
    .filter((s) => s.text.trim() !== '')
    .map((s) => ({ label: s.label, phrase: s.text, origin: `repeats “${s.text}”` }));
}

/**
 * Every span in the corpus becomes an entry for its label, except pronouns
 * and function words, which would match everywhere.
 */
export function learnedEntries(docs: Iterable<Pick<Document, 'spans' | 'id'>>, skipLabels: ReadonlySet<string> = new Set()): PhraseEntry[] {
  const seen = new Map<string, PhraseEntry>();
  for (const d of docs) {
    for (const s of d.spans) {
      if (skipLabels.has(s.label)) continue;
      const phrase = s.text.trim().replace(/\s+/g, ' ');
      if (phrase === '' || UNINFORMATIVE.has(phrase.toLowerCase())) continue;
      const k = `${s.label}\u0000${phrase.toLowerCase()}`;
      if (!seen.has(k)) seen.set(k, { label: s.label, phrase, origin: `learned from “${phrase}” in ${d.id}` });
    }
  }
  return [...seen.values()];
}

export function gazetteerEntries(lists: Readonly<Record<string, readonly string[]>>, files: Readonly<Record<string, string>> = {}): PhraseEntry[] {
  return Object.entries(lists).flatMap(([label, phrases]) => phrases.map((phrase) => ({ label, phrase, origin: `gazetteer ${files[label] ?? label}` })));
}
