/**
 * A suggestion is a span nobody has accepted yet. It never enters a
 * document, an export, agreement or Claims & figures until an annotator
 * accepts it; then it becomes an ordinary span stamped `suggestedBy`.
 * Offsets are code points, like spans.
 */

export const SUGGESTER_IDS = ['occurrences', 'learned', 'patterns', 'gazetteer', 'figures', 'cues', 'actors', 'triples', 'model'] as const;
export type SuggesterId = (typeof SUGGESTER_IDS)[number];

/** Built-in suggesters that run when no list is given; `model` is opt-in per corpus. */
export const DEFAULT_SUGGESTERS: readonly SuggesterId[] = ['occurrences', 'learned', 'patterns', 'gazetteer', 'figures', 'cues', 'actors', 'triples'];

export type AttributeValue = string | number | boolean | null;

export interface SuggestedSpan {
  label: string;
  start: number;
  end: number;
  text: string;
  attributes?: Record<string, AttributeValue>;
}

/** A relation of `type` from the suggestion's own span to `span` (a triple's source and content). */
export interface SuggestedLink {
  type: string;
  span: SuggestedSpan;
}

export interface Suggestion extends SuggestedSpan {
  /** label, bounds and text: what a rejection remembers */
  key: string;
  suggester: SuggesterId;
  /** where it came from, shown to the annotator: a pattern id, a gazetteer, the span it repeats */
  origin: string;
  links?: SuggestedLink[];
}

export function suggestionKey(s: Pick<SuggestedSpan, 'label' | 'start' | 'end' | 'text'>): string {
  return `${s.label}\u241f${s.start}\u241f${s.end}\u241f${s.text}`;
}

/** What a suggester finds, in UTF-16 offsets; the runner turns hits into suggestions. */
export interface Hit {
  label: string;
  start: number;
  end: number;
  suggester: SuggesterId;
  origin: string;
  attributes?: Record<string, AttributeValue>;
  links?: { type: string; label: string; start: number; end: number }[];
}
