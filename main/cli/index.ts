import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ExportFormat, ImportFormat } from '../../shared/ipc/contract';
import { registerAgree } from './agree';
import { copyCommand, exitCodeFor, exportCommand, importCommand, statsCommand, validateCommand, EXIT } from './commands';
import { listOption, processIo, type Io } from './report';
import { registerSuggest } from './suggest';
import { registerTeam } from './team';

/**
 * `spanmark` on the command line: import, export, validate, stats (and
 * agree, registered by its own module). Runs on plain Node; no Electron.
 */

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('spanmark')
    .description('Spanmark corpus tools: import and export datasets, validate and summarise corpora.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();

  const run = (fn: () => Promise<number>) => async () => setExit(await fn());

  program
    .command('import')
    .description('import files or folders (txt, md, html, doccano, Label Studio, brat, CoNLL, Spanmark JSON) into a corpus folder; creates it if missing')
    .argument('<paths...>', 'files or folders')
    .requiredOption('--into <corpusDir>', 'corpus folder')
    .addOption(new Option('--format <format>', 'input format').choices(ImportFormat.options).default('auto'))
    .option('--add-labels', 'add labels and relation types missing from the schema instead of refusing those files', false)
    .option('--name <name>', 'name for a newly created corpus')
    .addOption(new Option('--offsets <unit>', 'how doccano/Label Studio files count offsets (default: code points; Label Studio is detected)').choices(['codepoint', 'utf16']))
    .option('--annotator <name>', 'annotator for spans whose file names none')
    .action((paths: string[], o: Parameters<typeof importCommand>[1]) => run(() => importCommand(paths, o, io))());

  program
    .command('export')
    .description('export a corpus folder to a dataset format')
    .argument('<corpusDir>', 'corpus folder')
    .addOption(new Option('--format <format>', 'output format').choices(ExportFormat.options).makeOptionMandatory())
    .requiredOption('--out <path>', 'output file (brat: a folder, or a .zip)')
    .option('--status <list>', 'only documents with these statuses, comma-separated (todo,in_progress,done,reviewed)', listOption)
    .option('--labels <list>', 'only spans with these labels, comma-separated', listOption)
    .option('--annotators <list>', 'only spans by these annotators, comma-separated', listOption)
    .option('--documents <list>', 'only these document ids, comma-separated', listOption)
    .addOption(new Option('--offsets <unit>', 'offset unit where the format has offsets').choices(['codepoint', 'utf16']).default('codepoint'))
    .addOption(new Option('--nested <policy>', 'CoNLL: nested spans as extra columns, or keep one layer').choices(['layers', 'outermost', 'innermost']))
    .addOption(new Option('--conll-columns <n>', 'CoNLL: 2 writes token<TAB>tag lines without -DOCSTART- (doccano, two-column readers)').choices(['2']))
    .action((dir: string, o: Parameters<typeof exportCommand>[1]) => run(() => exportCommand(dir, o, io))());

  program
    .command('validate')
    .description('check a corpus folder or a Spanmark JSON file: schema, offsets, span texts, relations')
    .argument('<target>', 'corpus folder or .json file')
    .action((target: string) => run(() => validateCommand(target, io))());

  program
    .command('stats')
    .description('counts of documents, statuses, labels, relations and annotators')
    .argument('<corpusDir>', 'corpus folder')
    .option('--json', 'print JSON', false)
    .action((dir: string, o: { json: boolean }) => run(() => statsCommand(dir, o, io))());

  program
    .command('copy')
    .description("a copy of a corpus for another annotator: same documents, schema and ids, no spans or relations, every status todo")
    .argument('<corpusDir>', 'corpus folder')
    .requiredOption('--for <name>', 'the annotator the copy is for')
    .requiredOption('--out <dir>', 'a new or empty folder for the copy')
    .action((dir: string, o: { for: string; out: string }) => run(() => copyCommand(dir, o, io))());

  registerAgree(program);
  registerSuggest(program, io, setExit);
  registerTeam(program, io, run);
  return program;
}

/** Runs the CLI and resolves to its exit code; never calls process.exit, so tests and the bin decide. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version are not errors; anything else commander rejects is a usage error
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
    return exitCodeFor(err);
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) process.exitCode = await main(process.argv);
