import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from '../../shared/model/schema';
import { acceptSuggestions } from '../../shared/suggest/accept';
import { evaluate, formatEvaluation } from '../../shared/suggest/evaluate';
import { rolesOf } from '../../shared/suggest/roles';
import { suggest } from '../../shared/suggest/suggest';
import { SUGGESTER_IDS, type SuggesterId, type Suggestion } from '../../shared/suggest/types';
import { winkTokens } from '../../shared/suggest/wink-tagger';
import { CorpusStore } from '../services/corpus-store';
import { compiledPatterns, importPatterns, learnedFrom, patternsWithGazetteers, setGazetteer, setSuggesters, settingsOf } from '../services/suggest/corpus-suggest';
import { runLocalModel } from '../services/suggest/local-model-client';
import { EXIT, UsageError } from './commands';
import type { Io } from './report';

/**
 * `spanmark suggest <corpus>`: computes suggestions for a corpus's documents.
 * Patterns, gazetteers and the suggester list given here are stored in the
 * corpus (corpus.json), so the app offers the same suggestions for review;
 * `--accept` instead turns them into spans stamped `suggest`.
 * `--evaluate` scores the suggesters against the spans already there.
 */

/** Evaluation leaves out the suggesters that would read the answers (the document's own spans). */
const EVALUATED: readonly SuggesterId[] = ['patterns', 'gazetteer', 'figures', 'cues', 'actors', 'triples'];

export interface SuggestOptions {
  documents?: string[];
  patterns?: string;
  gazetteer?: string[];
  suggesters?: string[];
  accept: boolean;
  evaluate: boolean;
  annotator: string;
  json: boolean;
  exportPatterns?: string;
}

function suggesterList(names: string[] | undefined): SuggesterId[] | undefined {
  if (!names) return undefined;
  const bad = names.find((n) => !(SUGGESTER_IDS as readonly string[]).includes(n));
  if (bad) throw new UsageError(`unknown suggester "${bad}" (${SUGGESTER_IDS.join(', ')})`);
  return names as SuggesterId[];
}

async function suggestionsFor(store: CorpusStore, doc: Document, docs: readonly Document[], suggesters: readonly SuggesterId[], fresh: boolean): Promise<Suggestion[]> {
  const settings = settingsOf(store);
  const schema = store.meta.schema;
  const extraHits = suggesters.includes('model') ? (await runLocalModel(settings.localModel, schema, doc.text)).hits : undefined;
  return suggest(fresh ? { text: doc.text, spans: [] } : doc, {
    schema,
    tagger: winkTokens,
    suggesters,
    patterns: compiledPatterns(settings),
    gazetteers: settings.gazetteers,
    learned: suggesters.includes('learned') ? learnedFrom(docs, schema, doc.id) : [],
    rejected: new Set(fresh ? [] : (doc.rejectedSuggestions ?? [])),
    ...(extraHits ? { extraHits } : {}),
  });
}

export async function suggestCommand(dir: string, o: SuggestOptions, io: Io): Promise<number> {
  const chosen = suggesterList(o.suggesters);
  const store = await CorpusStore.open(path.resolve(dir), { readOnly: o.evaluate });
  try {
    if (!o.evaluate && store.readOnly) throw new UsageError(`cannot store suggestions: ${store.readOnlyReason ?? 'the corpus is read-only'}`);
    let problems = false;
    if (o.patterns) {
      const r = await importPatterns(store, await readFile(o.patterns, 'utf8'), { name: path.basename(o.patterns) });
      for (const e of r.errors) io.err(`error: ${e}`);
      problems ||= r.errors.length > 0;
      io.err(`patterns: ${r.added} added from ${o.patterns} (${r.total} in the corpus)`);
    }
    for (const g of o.gazetteer ?? []) {
      const eq = g.indexOf('=');
      if (eq <= 0) throw new UsageError(`--gazetteer takes label=file, not "${g}"`);
      const n = await setGazetteer(store, g.slice(0, eq), await readFile(g.slice(eq + 1), 'utf8'));
      io.err(`gazetteer ${g.slice(0, eq)}: ${n} phrase(s) from ${g.slice(eq + 1)}`);
    }
    if (chosen && !o.evaluate) await setSuggesters(store, chosen);
    if (o.exportPatterns) {
      const { jsonl, count } = patternsWithGazetteers(store);
      await writeFile(o.exportPatterns, jsonl);
      io.out(`wrote ${count} pattern(s) to ${o.exportPatterns}`);
      return problems ? EXIT.problems : EXIT.ok;
    }
    const suggesters = chosen ?? (o.evaluate ? EVALUATED : (settingsOf(store).suggesters ?? SUGGESTER_IDS.filter((s) => s !== 'model')));

    const ids = o.documents ?? store.list().map((d) => d.id);
    const missing = ids.find((id) => !store.has(id));
    if (missing) throw new UsageError(`no document "${missing}" in ${dir}`);
    const docs: Document[] = [];
    for (const s of store.list()) docs.push(await store.read(s.id));
    const chosenDocs = docs.filter((d) => ids.includes(d.id));

    if (o.evaluate) {
      const gold = chosenDocs.filter((d) => d.spans.length > 0);
      const pairs = [];
      for (const d of gold) pairs.push({ gold: d, suggestions: await suggestionsFor(store, d, docs, suggesters, true) });
      io.out(formatEvaluation(evaluate(pairs, store.meta.schema.labels.map((l) => l.name), rolesOf(store.meta.schema))));
      return EXIT.ok;
    }

    const all: Record<string, Suggestion[]> = {};
    let spans = 0;
    for (const d of chosenDocs) {
      const found = await suggestionsFor(store, d, docs, suggesters, false);
      all[d.id] = found;
      if (o.accept && found.length > 0) {
        const r = acceptSuggestions(d, store.meta.schema, found, { annotator: o.annotator, now: new Date().toISOString() });
        await store.save(r.doc);
        spans += r.spanIds.length;
        io.err(`${d.id}: accepted ${r.spanIds.length} span(s), ${r.relationIds.length} relation(s)`);
      } else if (!o.json) {
        const byLabel = new Map<string, number>();
        for (const s of found) byLabel.set(s.label, (byLabel.get(s.label) ?? 0) + 1);
        io.out(`${d.id}: ${found.length} suggestion(s)${byLabel.size ? ` (${[...byLabel].map(([l, n]) => `${l} ${n}`).join(', ')})` : ''}`);
      }
    }
    if (o.json) io.out(JSON.stringify(all, null, 2));
    if (o.accept) io.out(`accepted ${spans} span(s) in ${chosenDocs.length} document(s) as "${o.annotator}"`);
    else io.err('stored: the corpus keeps these settings, and the app offers the suggestions for review when a document opens');
    return problems ? EXIT.problems : EXIT.ok;
  } finally {
    await store.close();
  }
}

