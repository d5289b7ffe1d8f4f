import type { Command } from 'commander';
import { SUGGESTER_IDS } from '../../shared/suggest/types';
import { listOption, type Io } from './report';
import type { SuggestOptions } from './suggest-command';

// the suggesters load wink-nlp's model (~1 s), so the command's body is imported only when it runs
export function registerSuggest(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('suggest')
    .description('suggest spans (patterns, gazetteers, learned words, built-in figures, cues, actors and who-said-what) for review in the app, or accept them')
    .argument('<corpusDir>', 'corpus folder')
    .option('--documents <list>', 'only these document ids, comma-separated', listOption)
    .option('--patterns <file>', 'add the patterns of a spaCy/Prodigy patterns.jsonl to the corpus')
    .option('--gazetteer <label=file>', 'set the gazetteer (one phrase a line) of a label; repeatable', (v: string, prev: string[] = []) => [...prev, v])
    .option('--suggesters <list>', `which suggesters run (${SUGGESTER_IDS.join(', ')}), comma-separated`, listOption)
    .option('--accept', 'turn the suggestions into spans stamped with the annotator', false)
    .option('--annotator <name>', 'annotator for accepted spans', 'suggest')
    .option('--evaluate', 'compare the suggesters with the spans already in the corpus: P/R/F1 per label, exact and overlap', false)
    .option('--json', 'print the suggestions as JSON', false)
    .option('--export-patterns <file>', "write the corpus's patterns and gazetteers (as phrase patterns) to a patterns.jsonl for spaCy, Prodigy or another corpus, and stop")
    .action(async (dir: string, o: SuggestOptions) => setExit(await (await import('./suggest-command')).suggestCommand(dir, o, io)));
}
