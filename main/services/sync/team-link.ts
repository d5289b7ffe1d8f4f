import { readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AnnotationSchemaSchema } from '../../../shared/model/schema';
import { writeAtomic } from '../atomic-write';
import { CorpusStore } from '../corpus-store';
import type { Credentials } from './couch-admin';
import { TeamSync, type Progress, type TeamLink } from './sync';
import { databaseFor, splitServerUrl, TeamError } from './team-names';

/**
 * Which team server a corpus folder syncs with, kept in
 * `.spanmark/team.json` (server, database, user — never a password), and
 * how a folder is joined to a server: an annotator with no corpus yet gets
 * one made from the lead's published corpus.
 */

const LinkSchema = z.object({ server: z.string(), database: z.string(), user: z.string() });
const FILE = path.join('.spanmark', 'team.json');

export async function readLink(corpusDir: string): Promise<TeamLink | null> {
  try {
    return LinkSchema.parse(JSON.parse(await readFile(path.join(corpusDir, FILE), 'utf8')));
  } catch {
    return null;
  }
}

export async function writeLink(corpusDir: string, link: TeamLink): Promise<void> {
  await mkdir(path.join(corpusDir, '.spanmark'), { recursive: true });
  await writeAtomic(path.join(corpusDir, FILE), JSON.stringify(link, null, 2));
}

/**
 * Opens (or, for an annotator joining, creates) the corpus at `dir` and its
 * sync with `serverUrl`. The database comes from the URL when it names one,
 * otherwise from the corpus id; a URL naming another corpus's database is refused.
 */
export async function openTeamCorpus(dir: string, serverUrl: string, credentials: Credentials, opts: { onProgress?: (p: Progress) => void; batchSize?: number } = {}): Promise<{ store: CorpusStore; sync: TeamSync; created: boolean }> {
  const { server, database } = splitServerUrl(serverUrl);
  let created = false;
  if (!(await CorpusStore.isCorpus(dir))) {
    if (!database) throw new TeamError('no_corpus', `${dir} holds no corpus yet. To join a team, give the team database URL that \`spanmark team init\` printed (…/spanmark-…).`);
    const published = await TeamSync.fetchCorpus({ server, database, user: credentials.name }, credentials);
    const init = { name: published.name, guidelines: published.guidelines, id: published.corpusId };
    const parsedSchema = AnnotationSchemaSchema.safeParse(published.schema);
    if (!parsedSchema.success) throw new TeamError('invalid', `The corpus published on ${server}/${database} has a malformed label schema.`);
    await (await CorpusStore.create(dir, { ...init, schema: parsedSchema.data })).close();
    created = true;
  }
  const store = await CorpusStore.open(dir);
  try {
    const expected = databaseFor(store.meta.id);
    if (database && database !== expected) throw new TeamError('invalid', `${dir} is corpus ${store.meta.id}, whose team database is ${expected}, not ${database}.`);
    const link: TeamLink = { server, database: expected, user: credentials.name };
    const sync = await TeamSync.open(store, link, { credentials, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}), ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) });
    return { store, sync, created };
  } catch (e) {
    await store.close();
    throw e;
  }
}
