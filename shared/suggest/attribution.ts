import { CUE_TAILS, LISTENER_VERBS, PREPOSITIONAL_CUES, REPORTING_VERBS, SPEAKER_NOUNS, SUBJECT_PRONOUNS } from './lexicon';
import type { Token } from './tokens';

/**
 * Finds attribution cues and, for each, the speaker and the reported
 * content, from tokens with part-of-speech tags. A shallow reading of the
 * shapes news uses, not a parser:
 *   X said (that) C.            C, X said.           "C," X said. / "C," said X.
 *   X, the governor, told reporters that C.          C, according to X.
 *   According to X, C.          C, citing X.
 * Ranges are token indexes, end exclusive.
 */

export interface Range {
  first: number;
  last: number;
}

export interface Attribution {
  cue: Range;
  /** the cue is a preposition ("according to"), not a verb */
  prepositional: boolean;
  speaker: Range | null;
  content: Range | null;
}

const NEGATIONS = new Set(['not', "n't", 'never', 'to']);
const CLAUSE_STOPS = new Set([';', ':']);
const QUOTES = new Set(['"', '“', '”', '«', '»', "''", '``']);
const ADVERBS_BEFORE_CUE = new Set(['later', 'also', 'then', 'earlier', 'previously', 'separately', 'again', 'repeatedly', 'had', 'has', 'have', 'has also', 'would']);

const isPunct = (t: Token | undefined) => t !== undefined && (t.pos === 'PUNCT' || /^[\p{P}\p{S}]+$/u.test(t.text));
const isNounish = (t: Token | undefined) => t !== undefined && (t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === undefined && /^[\p{L}]/u.test(t.text) && !isPunct(t)));

/** Sentence index per token and each sentence's token range. */
export function sentences(tokens: readonly Token[]): { of: Int32Array; ranges: Range[] } {
  const of = new Int32Array(tokens.length);
  const ranges: Range[] = [];
  let first = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i]!.sentStart) {
      ranges.push({ first, last: i });
      first = i;
    }
    of[i] = ranges.length;
  }
  if (tokens.length > 0) ranges.push({ first, last: tokens.length });
  return { of, ranges };
}

function seqAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (tokens[i + k]?.lower !== words[k]) return false;
  return true;
}

/** The cue tokens starting at i, or null. */
export function cueAt(tokens: readonly Token[], i: number): { range: Range; prepositional: boolean } | null {
  for (const words of PREPOSITIONAL_CUES) {
    if (seqAt(tokens, i, words)) return { range: { first: i, last: i + words.length }, prepositional: true };
  }
  const t = tokens[i]!;
  if (!REPORTING_VERBS.has(t.lower)) return null;
  if (t.pos !== undefined && t.pos !== 'VERB') return null;
  if (NEGATIONS.has(tokens[i - 1]?.lower ?? '')) return null;
  let last = i + 1;
  if (LISTENER_VERBS.has(t.lower)) last = listenerEnd(tokens, last);
  for (const tail of CUE_TAILS) {
    if (seqAt(tokens, last, tail)) {
      last += tail.length;
      break;
    }
  }
  return { range: { first: i, last }, prepositional: false };
}

/** "told reporters", "told the Harbour Ledger": the listener is part of the cue. */
function listenerEnd(tokens: readonly Token[], j: number): number {
  let k = j;
  if (tokens[k]?.pos === 'DET' || tokens[k]?.lower === 'the') k++;
  const from = k;
  while (k < tokens.length && k - from < 4 && isNounish(tokens[k]) && tokens[k]!.lower !== 'that') k++;
  return k > from ? k : j;
}

/** The noun phrase ending just before token `end`, walking left. */
export function nounPhraseBefore(tokens: readonly Token[], end: number, floor: number): Range | null {
  let k = end - 1;
  const t = tokens[k];
  if (!t || k < floor) return null;
  if (t.pos === 'PRON' || (t.pos === undefined && SUBJECT_PRONOUNS.has(t.lower))) {
    return SUBJECT_PRONOUNS.has(t.lower) ? { first: k, last: end } : null;
  }
  if (!isNounish(t)) return null;
  let first = k;
  while (k - 1 >= floor && end - k < 10) {
    const p = tokens[k - 1]!;
    if (isNounish(p) || p.pos === 'ADJ' || p.pos === 'NUM' || (p.pos === 'PART' && /^['’]s$/i.test(p.text))) {
      k--;
      first = k;
      continue;
    }
    if (p.pos === 'DET' || p.lower === 'the' || p.lower === 'a' || p.lower === 'an') {
      first = k - 1;
      break;
    }
    // "the Ministry of Agriculture", "a spokesman for the army": a preposition joins two nouns
    if ((p.lower === 'of' || p.lower === 'for') && isNounish(tokens[k - 2]) ) {
      k -= 2;
      first = k;
      continue;
    }
    break;
  }
  return { first, last: end };
}

/** The noun phrase starting at token `start`, walking right. */
export function nounPhraseAfter(tokens: readonly Token[], start: number, ceiling: number): Range | null {
  let k = start;
  if (k < ceiling && (tokens[k]!.pos === 'DET' || ['the', 'a', 'an'].includes(tokens[k]!.lower))) k++;
  const from = k;
  let lastNoun = -1;
  while (k < ceiling && k - start < 10) {
    const t = tokens[k]!;
    if (isNounish(t) || t.pos === 'ADJ' || t.pos === 'NUM' || (t.pos === 'PART' && /^['’]s$/i.test(t.text))) {
      if (isNounish(t)) lastNoun = k;
      k++;
      continue;
    }
    if ((t.lower === 'of' || t.lower === 'for') && lastNoun === k - 1 && isNounish(tokens[k + 1]) ) {
      k++;
      continue;
    }
    if ((t.lower === 'of' || t.lower === 'for') && lastNoun === k - 1 && (tokens[k + 1]?.lower === 'the') && isNounish(tokens[k + 2])) {
      k += 2;
      continue;
    }
    break;
  }
  if (lastNoun < from) {
    const t = tokens[start];
    if (t && SUBJECT_PRONOUNS.has(t.lower)) return { first: start, last: start + 1 };
    return null;
  }
  return { first: start, last: lastNoun + 1 };
}

function trimPunct(tokens: readonly Token[], r: Range): Range | null {
  let { first, last } = r;
  const isQuote = (k: number) => QUOTES.has(tokens[k]!.text);
  const strip = () => {
    while (first < last && isPunct(tokens[first]) && !isQuote(first)) first++;
    while (last > first && isPunct(tokens[last - 1]) && !isQuote(last - 1)) last--;
  };
  strip();
  // quote marks go only when they wrap the whole content or are left unpaired by the cut
  let quotes = 0;
  for (let k = first; k < last; k++) if (isQuote(k)) quotes++;
  if (last - first >= 2 && isQuote(first) && isQuote(last - 1) && quotes === 2) {
    first++;
    last--;
  } else if (quotes % 2 === 1) {
    if (isQuote(first)) first++;
    else if (isQuote(last - 1)) last--;
  }
  strip();
  return last - first >= 2 ? { first, last } : null;
}

/** A dateline opening a report ("ODRAN, 3 May —", "HALDEN —") is not part of any claim. */
function afterDateline(tokens: readonly Token[], sent: Range): number {
  const t = tokens[sent.first];
  if (!t || !/^\p{Lu}{2,}$/u.test(t.text)) return sent.first;
  for (let k = sent.first + 1; k < Math.min(sent.last, sent.first + 8); k++) if (/^[—–-]$/.test(tokens[k]!.text)) return k + 1;
  return sent.first;
}

/** The comma-delimited stretch before `end` (an appositive or a clause), back to the previous comma. */
function previousComma(tokens: readonly Token[], end: number, floor: number): number {
  for (let k = end - 1; k >= floor && end - k < 14; k--) if (tokens[k]!.text === ',') return k;
  return -1;
}

function speakerBeforeVerb(tokens: readonly Token[], cue: Range, floor: number): Range | null {
  let end = cue.first;
  while (end - 1 >= floor && ADVERBS_BEFORE_CUE.has(tokens[end - 1]!.lower)) end--;
  const before = tokens[end - 1];
  if (!before) return null;
  if (before.text === ',') {
    // "X, the governor of the province, told ..." / "Union leader Marek Sollen, 52, said": skip the appositive
    const comma = previousComma(tokens, end - 1, floor);
    if (comma < 0) return null;
    const opener = tokens[comma + 1];
    const looksAppositive = opener && (opener.pos === 'DET' || opener.pos === 'NUM' || opener.pos === 'PROPN' || opener.lower === 'who' || opener.lower === 'which' || /^\d/.test(opener.text));
    if (!looksAppositive || QUOTES.has(tokens[comma - 1]?.text ?? '')) return null;
    return nounPhraseBefore(tokens, comma, floor);
  }
  return nounPhraseBefore(tokens, end, floor);
}

export function findAttributions(tokens: readonly Token[]): Attribution[] {
  const { of, ranges } = sentences(tokens);
  const out: Attribution[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const found = cueAt(tokens, i);
    if (!found) continue;
    const { range: cue, prepositional } = found;
    const sent = ranges[of[i]!]!;
    let speaker: Range | null = null;
    let content: Range | null = null;
    if (prepositional) {
      speaker = nounPhraseAfter(tokens, cue.last, sent.last);
      if (cue.first === sent.first || (cue.first === sent.first + 1 && QUOTES.has(tokens[sent.first]!.text))) {
        // "According to X, C."
        let comma = -1;
        for (let k = speaker?.last ?? sent.last; k < sent.last; k++) {
          if (tokens[k]!.text === ',') {
            comma = k;
            break;
          }
        }
        if (comma > 0) content = trimPunct(tokens, { first: comma + 1, last: sent.last });
      } else if (tokens[cue.first - 1]?.text === ',') {
        content = trimPunct(tokens, { first: afterDateline(tokens, sent), last: cue.first - 1 });
      }
    } else {
      const prev = tokens[cue.first - 1];
      const next = tokens[cue.last];
      const afterQuote = prev !== undefined && (QUOTES.has(prev.text) || (prev.text === ',' && QUOTES.has(tokens[cue.first - 2]?.text ?? '')));
      if (afterQuote && next && !isPunct(next)) {
        // '"C," said X.'
        speaker = nounPhraseAfter(tokens, cue.last, sent.last);
      } else {
        speaker = speakerBeforeVerb(tokens, cue, sent.first);
      }
      content = contentAfter(tokens, cue.last, sent.last);
      if (!content && speaker) content = contentBefore(tokens, Math.min(speaker.first, cue.first), sent);
    }
    if (speaker && !acceptableSpeaker(tokens, speaker)) speaker = null;
    // "X denied C1 and claimed C2": the second verb shares the first one's speaker
    const previous = out[out.length - 1];
    if (!speaker && !prepositional && tokens[cue.first - 1]?.lower === 'and' && previous && of[previous.cue.first] === of[i]) speaker = previous.speaker;
    out.push({ cue, prepositional, speaker, content });
    i = cue.last - 1;
  }
  return out;
}

function acceptableSpeaker(tokens: readonly Token[], r: Range): boolean {
  const words = tokens.slice(r.first, r.last);
  if (words.some((t) => t.pos === 'PROPN' || /^\p{Lu}/u.test(t.text) && t !== words[0])) return true;
  const head = words[words.length - 1]!;
  if (SUBJECT_PRONOUNS.has(head.lower)) return true;
  if (head.pos === 'PROPN') return true;
  return SPEAKER_NOUNS.has(head.lower) || words.some((t) => SPEAKER_NOUNS.has(t.lower)) || head.pos === 'NOUN';
}

/** "said (that) C." — the rest of the sentence when it reads as a clause. */
/** Verbs whose object is usually a thing, not a report: their content needs "that" or a verb. */
const OBJECT_VERBS = new Set(['dispute', 'disputes', 'disputed', 'accuse', 'accuses', 'accused', 'deny', 'denies', 'denied', 'confirm', 'confirms', 'announced', 'admitted']);

function contentAfter(tokens: readonly Token[], from: number, sentEnd: number): Range | null {
  let k = from;
  const saidThat = tokens[k]?.lower === 'that';
  if (saidThat) k++;
  const first = tokens[k];
  if (!first || isPunct(first) && !QUOTES.has(first.text)) return null;
  // without "that" the clause must start like one; a verb straight after "said" is mis-tagged only when an auxiliary follows ("said pay had fallen")
  const misTaggedSubject = first.pos === 'VERB' && tokens[k + 1]?.pos === 'AUX';
  if (!saidThat && !misTaggedSubject && (first.pos === 'ADP' || first.pos === 'VERB' || first.pos === 'AUX' || first.pos === 'ADV' || first.pos === 'CCONJ')) return null;
  let end = k;
  while (end < sentEnd && !CLAUSE_STOPS.has(tokens[end]!.text)) {
    // a second cue in the same sentence ends this content: "C1, according to X" is C1; "denied C1 and claimed C2"
    if (tokens[end]!.text === ',' && (cueAt(tokens, end + 1)?.prepositional ?? false)) break;
    if ((tokens[end]!.lower === 'and' || tokens[end]!.text === ',') && end + 1 < sentEnd && cueAt(tokens, end + 1) && !cueAt(tokens, end + 1)!.prepositional) break;
    end++;
  }
  // without "that", an object noun ("disputed the union's count") is not a reported clause: it needs a verb of its own
  if (!saidThat && OBJECT_VERBS.has(tokens[from - 1]?.lower ?? '')) {
    let finite = false;
    for (let j = k; j < end && !finite; j++) {
      const t = tokens[j]!;
      finite = (t.pos === 'VERB' || t.pos === 'AUX') && !/ing$/.test(t.lower) && tokens[j - 1]?.lower !== 'to';
    }
    if (!finite) return null;
  }
  return trimPunct(tokens, { first: k, last: end });
}

/** "C, X said." / '"C," X said.' — the sentence up to the comma before the speaker. */
function contentBefore(tokens: readonly Token[], before: number, sent: Range): Range | null {
  let end = before;
  if (tokens[end - 1]?.text === ',' || QUOTES.has(tokens[end - 1]?.text ?? '')) {
    while (end > sent.first && (tokens[end - 1]!.text === ',' || QUOTES.has(tokens[end - 1]!.text))) end--;
    return trimPunct(tokens, { first: afterDateline(tokens, sent), last: end });
  }
  return null;
}
