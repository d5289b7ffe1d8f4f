import type { AnnotationSchema, Document } from '../../../shared/model/schema';
import { learnedEntries, type PhraseEntry } from '../../../shared/suggest/dictionary';
import { modelUrlProblem } from '../../../shared/suggest/local-model';
import { parseGazetteer, parsePatternsJsonl, patternsToJsonl, type Pattern } from '../../../shared/suggest/patterns';
import { rolesOf } from '../../../shared/suggest/roles';
import { EMPTY_SUGGEST_SETTINGS, SuggestSettingsSchema, type LocalModelSettings, type SuggestSettings } from '../../../shared/suggest/settings';
import type { CorpusStore } from '../corpus-store';

/**
 * A corpus's suggestion settings, read and written through the store's
 * manifest (corpus.json), so nothing here touches paths: patterns and
 * gazetteers arrive as text and leave as text.
 */

export function settingsOf(store: CorpusStore): SuggestSettings {
  return store.meta.suggest ?? EMPTY_SUGGEST_SETTINGS;
}

async function save(store: CorpusStore, next: SuggestSettings): Promise<SuggestSettings> {
  const checked = SuggestSettingsSchema.parse(next);
  await store.updateMeta({ suggest: checked });
  return checked;
}

export interface PatternImport {
  added: number;
  total: number;
  /** `file:line: reason`, including labels missing from the schema */
  errors: string[];
}

/** Adds the valid lines of a patterns.jsonl (or replaces the list); bad lines are reported, never half-kept. */
export async function importPatterns(store: CorpusStore, jsonl: string, opts: { name?: string; replace?: boolean } = {}): Promise<PatternImport> {
  const name = opts.name ?? 'patterns.jsonl';
  const { errors } = parsePatternsJsonl(jsonl, name);
  const labels = new Set(store.meta.schema.labels.map((l) => l.name));
  const kept: Record<string, unknown>[] = [];
  jsonl.split(/\r?\n/).forEach((line, n) => {
    if (line.trim() === '') return;
    const one = parsePatternsJsonl(line, name);
    if (one.patterns.length !== 1) return;
    const p = one.patterns[0]!;
    if (!labels.has(p.label)) {
      errors.push(`${name}:${n + 1}: label "${p.label}" is not in the corpus schema`);
      return;
    }
    kept.push(JSON.parse(line) as Record<string, unknown>);
  });
  const current = settingsOf(store);
  const patterns = opts.replace ? kept : [...current.patterns, ...kept];
  if (kept.length > 0 || opts.replace) await save(store, { ...current, patterns });
  return { added: kept.length, total: patterns.length, errors };
}

export function compiledPatterns(settings: SuggestSettings): Pattern[] {
  return parsePatternsJsonl(settings.patterns.map((p) => JSON.stringify(p)).join('\n')).patterns;
}

export function exportPatterns(store: CorpusStore): string {
  return patternsToJsonl(compiledPatterns(settingsOf(store)));
}

/**
 * Everything a team's suggesters know, as one spaCy/Prodigy patterns.jsonl:
 * the patterns, then each gazetteer phrase as a phrase pattern (the form
 * spaCy's EntityRuler and Prodigy read), so it travels outside Spanmark too.
 */
export function patternsWithGazetteers(store: CorpusStore): { jsonl: string; count: number } {
  const settings = settingsOf(store);
  const phrases: Pattern[] = Object.entries(settings.gazetteers).flatMap(([label, list]) => list.map((phrase): Pattern => ({ kind: 'phrase', label, phrase })));
  const all = [...compiledPatterns(settings), ...phrases];
  return { jsonl: patternsToJsonl(all), count: all.length };
}

export async function setGazetteer(store: CorpusStore, label: string, text: string): Promise<number> {
  if (!store.meta.schema.labels.some((l) => l.name === label)) throw new Error(`Label "${label}" is not in the corpus schema.`);
  const phrases = parseGazetteer(text);
  const current = settingsOf(store);
  const gazetteers = { ...current.gazetteers };
  if (phrases.length > 0) gazetteers[label] = phrases;
  else delete gazetteers[label];
  await save(store, { ...current, gazetteers });
  return phrases.length;
}

export async function setLocalModel(store: CorpusStore, localModel: LocalModelSettings): Promise<void> {
  const problem = localModel.enabled ? modelUrlProblem(localModel.url) : null;
  if (problem) throw Object.assign(new Error(problem), { code: 'bad_model_url' });
  await save(store, { ...settingsOf(store), localModel });
}

export async function setSuggesters(store: CorpusStore, suggesters: SuggestSettings['suggesters']): Promise<void> {
  const { suggesters: _old, ...rest } = settingsOf(store);
  await save(store, suggesters ? { ...rest, suggesters } : rest);
}

/**
 * The learned dictionary: every span in the corpus but those of `except`
 * (the open document teaches through label-all-occurrences instead). Claims
 * are left out: they are sentences, not names.
 */
export function learnedFrom(docs: Iterable<Document>, schema: AnnotationSchema, except?: string): PhraseEntry[] {
  const claim = rolesOf(schema).claim;
  const others = [...docs].filter((d) => d.id !== except);
  return learnedEntries(others, new Set(claim ? [claim] : []));
}

export async function learnedForStore(store: CorpusStore, except?: string): Promise<PhraseEntry[]> {
  const docs: Document[] = [];
  for (const s of store.list()) {
    if (s.id === except || s.spanCount === 0) continue;
    docs.push(await store.read(s.id));
  }
  return learnedFrom(docs, store.meta.schema, except);
}
