/// <reference lib="webworker" />
import type { AnnotationSchema } from '../../../shared/model/schema';
import type { PhraseEntry } from '../../../shared/suggest/dictionary';
import { parsePatternsJsonl, type Pattern } from '../../../shared/suggest/patterns';
import type { SuggestSettings } from '../../../shared/suggest/settings';
import { suggest } from '../../../shared/suggest/suggest';
import type { Hit, Suggestion } from '../../../shared/suggest/types';
import { winkTokens } from '../../../shared/suggest/wink-tagger';

/**
 * Suggestions are computed here, off the page's thread: opening a document
 * and labelling never wait for them. The page sends the text and spans; the
 * worker keeps the tokens of the last text, so labelling a span (spans change,
 * text does not) re-runs only the suggesters, not the tagger.
 */

export interface SuggestJob {
  id: number;
  text: string;
  spans: { label: string; start: number; end: number; text: string }[];
  rejected: string[];
  schema: AnnotationSchema;
  settings: SuggestSettings;
  learned: PhraseEntry[];
  extraHits: Hit[];
}

export type SuggestReply = { id: number; suggestions: Suggestion[]; ms: number } | { id: number; error: string };

let tokensOf: { text: string; tokens: ReturnType<typeof winkTokens> } | null = null;
let patternsOf: { raw: unknown; patterns: Pattern[] } | null = null;

self.onmessage = (e: MessageEvent<SuggestJob>) => {
  const job = e.data;
  const t0 = performance.now();
  try {
    if (tokensOf?.text !== job.text) tokensOf = { text: job.text, tokens: winkTokens(job.text) };
    const tokens = tokensOf.tokens;
    if (patternsOf?.raw !== job.settings.patterns) {
      patternsOf = { raw: job.settings.patterns, patterns: parsePatternsJsonl(job.settings.patterns.map((p) => JSON.stringify(p)).join('\n')).patterns };
    }
    const suggestions = suggest(
      { text: job.text, spans: job.spans.map((s, i) => ({ ...s, id: String(i), annotator: '', createdAt: '', updatedAt: '' })) },
      {
        schema: job.schema,
        // the document's tokens come from the cache; phrases (patterns, gazetteers, spans) are tagged afresh
        tagger: (t) => (t === job.text ? tokens : winkTokens(t)),
        ...(job.settings.suggesters ? { suggesters: job.settings.suggesters } : {}),
        patterns: patternsOf.patterns,
        gazetteers: job.settings.gazetteers,
        learned: job.learned,
        rejected: new Set(job.rejected),
        extraHits: job.extraHits,
      },
    );
    self.postMessage({ id: job.id, suggestions, ms: performance.now() - t0 } satisfies SuggestReply);
  } catch (err) {
    self.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) } satisfies SuggestReply);
  }
};
