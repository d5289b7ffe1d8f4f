import { Option, type Command } from 'commander';
import path from 'node:path';
import { CorpusStore } from '../services/corpus-store';
import type { Credentials } from '../services/sync/couch-admin';
import type { SyncReport, TeamSync } from '../services/sync/sync';
import { databaseFor, isUserDatabase, parseUserPassword, ROLES, splitServerUrl, TeamError, type TeamRole } from '../services/sync/team-names';
import { EXIT, UsageError } from './commands';
import type { Io } from './report';

/**
 * Team commands: `serve` (the embedded CouchDB-compatible server),
 * `team init|add-user|assign` for the lead, and `sync` for everyone.
 */

type Run = (fn: () => Promise<number>) => () => Promise<void>;

function credentialsFor(user: string, password: string | undefined): Credentials {
  const pw = password ?? process.env.SPANMARK_PASSWORD;
  if (!pw) throw new UsageError('give --password or set SPANMARK_PASSWORD');
  return { name: user, password: pw };
}

function admin(value: string): Credentials {
  try {
    return parseUserPassword(value, '--admin');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Stops on SIGINT/SIGTERM; resolves when asked to. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (s: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function describeReport(r: SyncReport): string[] {
  const lines = [`${r.role}: staged ${r.staged}, pushed ${r.pushed}, pulled ${r.pulled}, added ${r.added}, updated ${r.updated}, removed ${r.removed}, pending ${r.pending}`];
  if (r.metaChanged) lines.push('the lead’s label schema and guidelines arrived');
  for (const c of r.conflicts) lines.push(`conflict resolved in ${c.docId}: kept the version saved last; the other is kept as ${c.setAside.join(', ')}`);
  for (const p of r.problems) lines.push(`warning: ${p}`);
  for (const p of r.refused) lines.push(`refused by the server: ${p}`);
  return lines;
}

export function registerTeam(program: Command, io: Io, run: Run): void {
  program
    .command('serve')
    .description('start the embedded CouchDB-compatible team server (stores its databases under --data); stops on SIGTERM')
    .requiredOption('--data <dir>', 'folder for the server’s databases')
    .option('--port <port>', 'port', '5984')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .requiredOption('--admin <user:password>', 'server admin account')
    .action((o: { data: string; port: string; host: string; admin: string }) =>
      run(async () => {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port} is not a port number`);
        const { startTeamServer } = await import('../services/sync/server');
        const server = await startTeamServer({ dataDir: o.data, port, host: o.host, admin: admin(o.admin) });
        io.out(server.url);
        if (!['127.0.0.1', 'localhost', '::1'].includes(o.host)) {
          io.err('note: this server speaks plain HTTP. Spanmark only sends passwords to other machines over HTTPS: put a TLS reverse proxy in front of it (see the README).');
        }
        const signal = await untilSignal();
        await server.close();
        io.err(`stopped (${signal})`);
        return EXIT.ok;
      })(),
    );

  const team = program.command('team').description('set up a team database on a CouchDB server (lead)');

  team
    .command('init')
    .description('create the corpus’s team database and each annotator’s own database (security objects, validation), move copies an older Spanmark left in the team database, and publish the schema, guidelines and documents')
    .argument('<corpusDir>', 'corpus folder')
    .requiredOption('--server <url>', 'CouchDB server URL')
    .requiredOption('--admin <user:password>', 'server admin account')
    .action((dir: string, o: { server: string; admin: string }) =>
      run(async () => {
        const { server } = splitServerUrl(o.server);
        const cred = admin(o.admin);
        const probe = await CorpusStore.open(path.resolve(dir), { readOnly: true });
        const database = databaseFor(probe.meta.id);
        await probe.close();
        const { initDatabase } = await import('../services/sync/couch-admin');
        const { openTeamCorpus, writeLink } = await import('../services/sync/team-link');
        const init = await initDatabase(server, database, cred);
        io.err(init.annotators.length ? `annotators' own databases: ${init.annotators.join(', ')}` : 'no annotators yet: `team add-user` gives each their own database');
        if (init.moved) io.err(`moved ${init.moved} copies from the team database into their annotators' own databases`);
        const { store, sync } = await openTeamCorpus(path.resolve(dir), server, cred);
        try {
          const report = await sync.round();
          for (const line of describeReport(report)) io.err(line);
          await writeLink(store.dir, { server, database, user: '' });
          io.out(`${server}/${database}`);
          return report.refused.length ? EXIT.problems : EXIT.ok;
        } finally {
          await sync.close();
          await store.close();
        }
      })(),
    );

  team
    .command('add-user')
    .description('create a team member (or change their password and role); an annotator gets their own database in every team database on the server')
    .argument('<name>', 'user name')
    .requiredOption('--password <pw>', 'their password')
    .addOption(new Option('--role <role>', 'what they may write').choices([...ROLES]).makeOptionMandatory())
    .option('--corpus <database>', 'the role holds for this corpus only: its team database, as `team init` printed it (URL or name)')
    .requiredOption('--server <url>', 'CouchDB server URL')
    .requiredOption('--admin <user:password>', 'server admin account')
    .action((name: string, o: { password: string; role: TeamRole; corpus?: string; server: string; admin: string }) =>
      run(async () => {
        const { server } = splitServerUrl(o.server);
        const corpus = o.corpus === undefined ? undefined : o.corpus.includes('/') ? splitServerUrl(o.corpus).database : o.corpus;
        if (corpus === null || (corpus !== undefined && (!corpus.startsWith('spanmark-') || isUserDatabase(corpus)))) {
          throw new UsageError(`--corpus ${o.corpus ?? ''} is not a team database (spanmark-…, as \`team init\` printed it)`);
        }
        const { putUser } = await import('../services/sync/couch-admin');
        const what = await putUser(server, admin(o.admin), name, o.password, o.role, corpus);
        io.err(`${what} ${o.role} ${name}${corpus ? ` of ${corpus} only` : ' of every corpus on the server'}`);
        return EXIT.ok;
      })(),
    );

  team
    .command('assign')
    .description('assign the corpus’s documents to annotators, a fraction of them to two annotators for agreement (lead)')
    .argument('<corpusDir>', 'corpus folder')
    .requiredOption('--annotators <names>', 'comma-separated user names')
    .option('--overlap <fraction>', 'fraction of documents given to two annotators, e.g. 0.2', '0')
    .requiredOption('--server <url>', 'CouchDB server URL')
    .requiredOption('--user <name>', 'a lead’s user name')
    .option('--password <pw>', 'password (or set SPANMARK_PASSWORD)')
    .action((dir: string, o: { annotators: string; overlap: string; server: string; user: string; password?: string }) =>
      run(async () => {
        const names = o.annotators.split(',').map((s) => s.trim()).filter(Boolean);
        const { openTeamCorpus } = await import('../services/sync/team-link');
        const { store, sync } = await openTeamCorpus(path.resolve(dir), o.server, credentialsFor(o.user, o.password));
        try {
          const counts = await sync.assign(names, Number(o.overlap));
          io.err(Object.entries(counts).map(([n, c]) => `${n}: ${c} document(s)`).join('\n'));
          const report = await sync.round();
          for (const line of describeReport(report)) io.err(line);
          return report.refused.length || report.pending ? EXIT.problems : EXIT.ok;
        } finally {
          await sync.close();
          await store.close();
        }
      })(),
    );

  program
    .command('sync')
    .description('one push-and-pull round with the team server (exit 0 when everything is replicated); --watch keeps syncing')
    .argument('<corpusDir>', 'corpus folder (created from the server when missing)')
    .requiredOption('--server <url>', 'server URL, or the team database URL printed by `team init`')
    .requiredOption('--user <name>', 'your user name')
    .option('--password <pw>', 'password (or set SPANMARK_PASSWORD, which keeps it out of process lists)')
    .option('--watch', 'keep syncing until stopped', false)
    .option('--interval <seconds>', 'with --watch: seconds between rounds', '5')
    .action((dir: string, o: { server: string; user: string; password?: string; watch: boolean; interval: string }) =>
      run(async () => {
        const cred = credentialsFor(o.user, o.password);
        // PouchDB and LevelDB load only for the commands that use them
        const { openTeamCorpus, writeLink } = await import('../services/sync/team-link');
        const { store, sync, created } = await openTeamCorpus(path.resolve(dir), o.server, cred);
        try {
          if (created) io.err(`created ${dir} from the team’s corpus`);
          await writeLink(store.dir, sync.link);
          if (!o.watch) return await once(sync, io);
          return await watch(sync, io, Math.max(0.2, Number(o.interval) || 5) * 1000);
        } finally {
          await sync.close();
          await store.close();
        }
      })(),
    );
}

async function once(sync: TeamSync, io: Io): Promise<number> {
  const report = await sync.round();
  for (const line of describeReport(report)) io.err(line);
  if (report.refused.length) {
    io.err(`error: the server refused ${report.refused.length} document(s); see above`);
    return EXIT.problems;
  }
  if (report.pending) {
    io.err(`error: ${report.pending} change(s) not yet on the server`);
    return EXIT.problems;
  }
  io.out('synced');
  return EXIT.ok;
}

/** Rounds until SIGINT/SIGTERM; an unreachable server is retried with growing pauses (up to a minute). */
async function watch(sync: TeamSync, io: Io, interval: number): Promise<number> {
  let stopped = false;
  let wake: () => void = () => {};
  void untilSignal().then(() => {
    stopped = true;
    wake();
  });
  let backoff = interval;
  while (!stopped) {
    try {
      const report = await sync.round();
      if (report.staged || report.pushed || report.pulled || report.conflicts.length || report.problems.length || report.refused.length) {
        for (const line of describeReport(report)) io.err(line);
      }
      io.out(report.pending ? `pending ${report.pending}` : 'synced');
      backoff = interval;
    } catch (e) {
      if (!(e instanceof TeamError) || (e.code !== 'offline' && e.code !== 'server')) throw e;
      io.err(`offline: ${e.message}; retrying in ${Math.round(backoff / 1000)} s`);
      backoff = Math.min(backoff * 2, 60_000);
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, backoff);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
  return EXIT.ok;
}
