import type { Command } from 'commander';
import path from 'node:path';
import { writeAtomic } from '../services/atomic-write';
import { agreeFromCorpora, loadCopy, type LoadedCopy } from '../services/copies';
import { UsageError } from './commands';

/**
 * `spanmark agree <copies...> [--csv out.csv]`: inter-annotator agreement
 * between copies of one corpus, each a corpus folder or a single-file
 * Spanmark JSON. The numbers come from shared/metrics; this file only
 * loads copies, names their annotators and prints.
 */

export function registerAgree(program: Command): void {
  program
    .command('agree')
    .description("inter-annotator agreement between copies of a corpus: span F1 (exact, overlap), token Cohen's κ, Krippendorff's α, relation F1")
    .argument('<copies...>', 'corpus folders or Spanmark JSON files, one per annotator')
    .option('--csv <file>', 'also write every number as a long-format CSV')
    .action(async (paths: string[], opts: { csv?: string }, cmd: Command) => {
      // output goes through the program's configured writers, so tests and the bin see the same text
      const output = cmd.configureOutput();
      const out = (s: string) => (output.writeOut ? output.writeOut(s) : process.stdout.write(s));
      const err = (s: string) => (output.writeErr ? output.writeErr(s) : process.stderr.write(s));
      if (paths.length < 2) throw new UsageError('agree needs at least two copies (one per annotator)');
      const copies: LoadedCopy[] = [];
      for (const p of paths) copies.push(await loadCopy(p, (line) => err(line + '\n')));
      for (const c of copies) err(`${c.path}: annotator "${c.annotator}", ${c.corpus.documents.length} document(s)\n`);
      const { text, csv } = agreeFromCorpora(copies);
      out(text);
      if (opts.csv) {
        await writeAtomic(path.resolve(opts.csv), csv);
        err(`wrote ${opts.csv}\n`);
      }
    });
}
