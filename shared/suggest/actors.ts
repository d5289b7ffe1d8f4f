import type { Attribution, Range } from './attribution';
import { MONTHS, ORG_HEADS, PLACE_PREPOSITIONS, WEEKDAYS } from './lexicon';
import type { Token } from './tokens';
import type { Hit } from './types';

/**
 * Actors: the speaker of every cue, and named people, organisations and
 * states — runs of proper nouns from the tagger, with an organisation's head
 * noun ("the United Port Workers union") and its article. Proper nouns after
 * "in", "near", "at"… read as places and are left out, as are datelines,
 * months and weekdays, and names inside a cue ("told the Harbour Ledger").
 */

const PLACE_NOUNS = new Set(['village', 'town', 'city', 'region', 'province', 'district', 'county', 'port', 'capital', 'island', 'valley', 'river']);
const SENTENCE_OPENERS = new Set(['dozens', 'hundreds', 'thousands', 'millions', 'tens', 'scores', 'several', 'many', 'some', 'most', 'few', 'all', 'both', 'officials', 'residents', 'police']);
const TITLES = new Set(['dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'col', 'col.', 'gen', 'gen.', 'st', 'st.', 'sen.', 'rep.', 'prof', 'prof.']);

function isProper(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.pos !== undefined) return t.pos === 'PROPN' && /^\p{Lu}/u.test(t.text);
  return /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(t.text) && !t.sentStart;
}

export function namedActors(tokens: readonly Token[], cues: readonly Range[]): Range[] {
  const inCue = new Uint8Array(tokens.length);
  for (const c of cues) for (let k = c.first; k < c.last; k++) inCue[k] = 1;
  const out: Range[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isProper(tokens[i]) || inCue[i]) continue;
    let last = i + 1;
    for (;;) {
      if (isProper(tokens[last]) && !tokens[last]!.afterBreak && !inCue[last]) last++;
      else if ((tokens[last]?.lower === 'of' || tokens[last]?.lower === 'for') && isProper(tokens[last + 1]) && !inCue[last + 1]) last += 2;
      else break;
    }
    let first = i;
    const words = tokens.slice(first, last);
    const head = tokens[last];
    const orgHead = head !== undefined && ORG_HEADS.has(head.lower) && !inCue[last];
    if (orgHead) last++;
    const skip =
      // a dateline: "ODRAN, 3 May —" or "HALDEN —"
      (tokens[first]!.sentStart && words.every((w) => w.text === w.text.toUpperCase())) ||
      words.every((w) => MONTHS.has(w.lower) || WEEKDAYS.has(w.lower) || TITLES.has(w.lower)) ||
      // a place: "in Varnholm", "through the Marrow Valley"
      (!orgHead && (PLACE_PREPOSITIONS.has(tokens[first - 1]?.lower ?? '') || (tokens[first - 1]?.lower === 'the' && PLACE_PREPOSITIONS.has(tokens[first - 2]?.lower ?? '')))) ||
      // "the village of Strem"
      (!orgHead && tokens[first - 1]?.lower === 'of' && PLACE_NOUNS.has(tokens[first - 2]?.lower ?? '')) ||
      // an identifier: "Terminal 4", "Gate 12"
      /^\d/.test(head?.text ?? '') ||
      // a capitalised common word opening a sentence: "Dozens of …"
      (words.length === 1 && tokens[first]!.sentStart && SENTENCE_OPENERS.has(words[0]!.lower)) ||
      // an adjective of nationality before a common noun: "30 Ostrian troops"
      (!orgHead && head !== undefined && head.pos === 'NOUN' && /^\p{Ll}/u.test(head.text));
    if (!skip) {
      if (tokens[first - 1]?.lower === 'the') first--;
      out.push({ first, last });
    }
    i = last - 1;
  }
  return out;
}

export function suggestActors(tokens: readonly Token[], attributions: readonly Attribution[], label: string): Hit[] {
  const hits: Hit[] = [];
  const speakers = attributions.flatMap((a) => (a.speaker ? [a.speaker] : []));
  for (const s of speakers) {
    hits.push({ label, start: tokens[s.first]!.start, end: tokens[s.last - 1]!.end, suggester: 'actors', origin: 'speaker of a cue' });
  }
  const spoken = new Uint8Array(tokens.length);
  for (const s of speakers) spoken.fill(1, s.first, s.last);
  const taken = (r: Range) => spoken.subarray(r.first, r.last).includes(1);
  for (const r of namedActors(tokens, attributions.map((a) => a.cue))) {
    if (taken(r)) continue;
    hits.push({ label, start: tokens[r.first]!.start, end: tokens[r.last - 1]!.end, suggester: 'actors', origin: 'named person, organisation or state' });
  }
  return hits;
}
