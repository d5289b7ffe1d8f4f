import type { AnnotationSchema, Document } from '../model/schema';
import { OffsetIndex } from '../text/offsets';
import { suggestActors } from './actors';
import { findAttributions, type Attribution } from './attribution';
import { gazetteerEntries, occurrenceEntries, phraseHits, type PhraseEntry } from './dictionary';
import { suggestFigures } from './figures';
import { Disjoint, longestFirst } from './phrases';
import { matchEnds, type Pattern } from './patterns';
import { rolesOf, type Roles } from './roles';
import type { Tagger, Token } from './tokens';
import { DEFAULT_SUGGESTERS, suggestionKey, type Hit, type SuggestedSpan, type Suggestion, type SuggesterId } from './types';

/**
 * Runs the chosen suggesters over one document and returns what is left to
 * review: suggestions whose label is in the schema, that were not rejected
 * before, and that do not overlap a span of the same label. Of overlapping
 * suggestions with one label, the more specific suggester wins (a triple
 * over a bare cue, the lead's patterns over built-ins), then the longer.
 */

export interface SuggestContext {
  schema: AnnotationSchema;
  tagger: Tagger;
  suggesters?: readonly SuggesterId[];
  patterns?: readonly Pattern[];
  /** label → phrases */
  gazetteers?: Readonly<Record<string, readonly string[]>>;
  /** phrases learned from accepted spans in the corpus */
  learned?: readonly PhraseEntry[];
  /** suggestion keys the annotators rejected in this document */
  rejected?: ReadonlySet<string>;
  /** hits from elsewhere (the local model), in UTF-16 offsets */
  extraHits?: readonly Hit[];
}

const PRIORITY: Record<SuggesterId, number> = {
  triples: 0, patterns: 1, gazetteer: 2, occurrences: 3, learned: 4, model: 5, figures: 6, cues: 7, actors: 8,
};

export type DocInput = Pick<Document, 'text' | 'spans'>;

export function suggest(doc: DocInput, ctx: SuggestContext): Suggestion[] {
  const enabled = new Set(ctx.suggesters ?? DEFAULT_SUGGESTERS);
  const tokens = ctx.tagger(doc.text);
  const roles = rolesOf(ctx.schema);
  const hits = collectHits(doc, tokens, roles, enabled, ctx);
  if (ctx.extraHits) hits.push(...ctx.extraHits);
  return finish(doc, hits, ctx);
}

function collectHits(doc: DocInput, tokens: readonly Token[], roles: Roles, enabled: ReadonlySet<SuggesterId>, ctx: SuggestContext): Hit[] {
  const hits: Hit[] = [];
  if (enabled.has('occurrences')) hits.push(...phraseHits(tokens, occurrenceEntries(doc), 'occurrences', ctx.tagger));
  if (enabled.has('learned') && ctx.learned) hits.push(...phraseHits(tokens, ctx.learned, 'learned', ctx.tagger));
  if (enabled.has('gazetteer') && ctx.gazetteers) hits.push(...phraseHits(tokens, gazetteerEntries(ctx.gazetteers), 'gazetteer', ctx.tagger));
  if (enabled.has('patterns') && ctx.patterns?.length) hits.push(...patternHits(tokens, ctx.patterns, ctx.tagger));
  if (roles.figure && enabled.has('figures')) hits.push(...suggestFigures(doc.text, tokens, roles.figure));
  const needAttributions = (roles.cue && (enabled.has('cues') || enabled.has('triples'))) || (roles.actor && enabled.has('actors'));
  const attributions = needAttributions ? findAttributions(tokens) : [];
  if (roles.cue && enabled.has('cues')) {
    for (const a of attributions) hits.push({ label: roles.cue, ...range(tokens, a.cue), suggester: 'cues', origin: 'built-in attribution cues' });
  }
  if (roles.actor && enabled.has('actors')) hits.push(...suggestActors(tokens, attributions, roles.actor));
  if (enabled.has('triples')) hits.push(...tripleHits(tokens, attributions, roles));
  return hits;
}

function range(tokens: readonly Token[], r: { first: number; last: number }): { start: number; end: number } {
  return { start: tokens[r.first]!.start, end: tokens[r.last - 1]!.end };
}

function tripleHits(tokens: readonly Token[], attributions: readonly Attribution[], roles: Roles): Hit[] {
  const { cue, actor, claim, source, content } = roles;
  if (!cue || !actor || !claim || !source || !content) return [];
  return attributions.flatMap((a) =>
    a.speaker && a.content
      ? [{
          label: cue,
          ...range(tokens, a.cue),
          suggester: 'triples' as const,
          origin: 'who said what',
          links: [
            { type: source, label: actor, ...range(tokens, a.speaker) },
            { type: content, label: claim, ...range(tokens, a.content) },
          ],
        }]
      : [],
  );
}

function patternHits(tokens: readonly Token[], patterns: readonly Pattern[], tagger: Tagger): Hit[] {
  const phrases = patterns.flatMap((p) => (p.kind === 'phrase' ? [{ label: p.label, phrase: p.phrase, origin: `pattern ${p.id ?? p.phrase}` }] : []));
  const hits = phraseHits(tokens, phrases, 'patterns', tagger);
  const tokenPatterns = patterns.filter((p) => p.kind === 'token');
  for (let i = 0; i < tokens.length && tokenPatterns.length > 0; i++) {
    for (const p of tokenPatterns) {
      for (const end of matchEnds(p.tokens, tokens, i)) {
        hits.push({ label: p.label, start: tokens[i]!.start, end: tokens[end - 1]!.end, suggester: 'patterns', origin: `pattern ${p.id ?? JSON.stringify(p.raw)}` });
      }
    }
  }
  // the EntityRuler keeps the longest of overlapping matches
  return longestFirst(hits);
}

/** Sorted [start, end) lists per label, for overlap checks in O(log n). */
class LabelIntervals {
  private readonly byLabel = new Map<string, { starts: number[]; ends: number[] }>();

  constructor(spans: readonly { label: string; start: number; end: number }[]) {
    const grouped = new Map<string, { start: number; end: number }[]>();
    for (const s of spans) {
      let list = grouped.get(s.label);
      if (!list) grouped.set(s.label, (list = []));
      list.push(s);
    }
    for (const [label, list] of grouped) {
      list.sort((a, b) => a.start - b.start);
      // running maximum of ends lets a binary search on starts answer "does anything overlap?"
      const ends: number[] = [];
      let max = -1;
      for (const s of list) ends.push((max = Math.max(max, s.end)));
      this.byLabel.set(label, { starts: list.map((s) => s.start), ends });
    }
  }

  overlaps(label: string, start: number, end: number): boolean {
    const g = this.byLabel.get(label);
    if (!g) return false;
    let lo = 0;
    let hi = g.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (g.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && g.ends[lo - 1]! > start;
  }
}

function finish(doc: DocInput, hits: Hit[], ctx: SuggestContext): Suggestion[] {
  const index = new OffsetIndex(doc.text);
  const labels = new Set(ctx.schema.labels.map((l) => l.name));
  const existing = new LabelIntervals(doc.spans);
  const toSpan = (label: string, start16: number, end16: number): SuggestedSpan => {
    const start = index.toCodePoint(start16);
    const end = index.toCodePoint(end16);
    return { label, start, end, text: doc.text.slice(start16, end16) };
  };
  const candidates: Suggestion[] = [];
  for (const h of hits) {
    if (!labels.has(h.label) || h.end <= h.start) continue;
    const span = toSpan(h.label, h.start, h.end);
    if (existing.overlaps(span.label, span.start, span.end)) continue;
    const key = suggestionKey(span);
    if (ctx.rejected?.has(key)) continue;
    const links = h.links?.filter((l) => labels.has(l.label)).map((l) => ({ type: l.type, span: toSpan(l.label, l.start, l.end) }));
    candidates.push({ ...span, key, suggester: h.suggester, origin: h.origin, ...(h.attributes ? { attributes: h.attributes } : {}), ...(links?.length ? { links } : {}) });
  }
  // per label: the most specific suggester first, then the longest; overlapping rivals drop out
  candidates.sort((a, b) => PRIORITY[a.suggester] - PRIORITY[b.suggester] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept = new Map<string, Disjoint>();
  const out: Suggestion[] = [];
  for (const c of candidates) {
    let set = kept.get(c.label);
    if (!set) kept.set(c.label, (set = new Disjoint()));
    if (set.add(c.start, c.end)) out.push(c);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
}

