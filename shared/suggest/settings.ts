import { z } from 'zod';
import { SUGGESTER_IDS } from './types';

/**
 * A corpus's suggestion settings, kept in corpus.json so patterns,
 * and gazetteers travel with the corpus (git, copies, the
 * single-file export). Patterns are stored as their JSONL objects, so an
 * export gives back the file the lead imported.
 */

export const LocalModelSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 */
  url: z.string().max(500).default(''),
  model: z.string().max(200).default(''),
});

export const SuggestSettingsSchema = z.object({
  suggesters: z.array(z.enum(SUGGESTER_IDS)).optional(),
  patterns: z.array(z.record(z.string(), z.unknown())).default([]),
  /** label → phrases */
  gazetteers: z.record(z.string(), z.array(z.string())).default({}),
  localModel: LocalModelSettingsSchema.optional(),
});

export type LocalModelSettings = z.infer<typeof LocalModelSettingsSchema>;
export type SuggestSettings = z.infer<typeof SuggestSettingsSchema>;

export const EMPTY_SUGGEST_SETTINGS: SuggestSettings = { patterns: [], gazetteers: {} };
