import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { newId } from '../../shared/model/ids';
import type { Document } from '../../shared/model/schema';
import { summarize } from '../../shared/model/summary';
import { CorpusStore } from '../services/corpus-store';
import type { Dialogs } from '../services/dialogs';
import { exportCorpus, EXPORT_FILTERS } from '../services/exporter';
import { importIntoStore, IMPORT_FILTERS } from '../services/import-into-store';
import type { Session } from '../services/session';
import type { SettingsStore } from '../services/settings';
import type { HandlerMap } from './dispatch';
import { changeSchema } from '../services/schema-change';
import { corpusStats, figureRows, searchCorpus, serializeFigures } from '../services/analysis';
import { writeAtomic } from '../services/atomic-write';
import { agreeFromCorpora, loadCopy, makeAnnotatorCopy } from '../services/copies';
import { ReviewSession } from '../services/review-session';
import { DocumentSession } from '../services/document-session';
import { forbiddenPath, PathGrants } from '../services/path-grants';
import { memoryCredentials, type CredentialStore } from '../services/sync/credentials';
import { TeamService } from '../services/sync/team-service';
import { exportPatterns, importPatterns, setGazetteer, setLocalModel, settingsOf } from '../services/suggest/corpus-suggest';
import { learnedEntriesFor } from '../services/suggest/learned-cache';
import { runLocalModel } from '../services/suggest/local-model-client';

export interface HandlerDeps {
  session: Session;
  settings: SettingsStore;
  dialogs: Dialogs;
  host: 'electron' | 'browser' | 'node';
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  openExternal: (url: string) => Promise<void>;
  /** path capabilities handed to the renderer (main/index.ts shares them with the preload's drop grants) */
  grants?: PathGrants;
  /** team passwords: the OS keychain in Electron; memory only elsewhere */
  credentials?: CredentialStore;
}

/** `parent/name`, or `parent/name 2`, `name 3`… when that exists: a new corpus never lands in someone's folder. */
async function freeFolder(parent: string, name: string): Promise<string> {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^[.\s]+|[.\s]+$/g, '') || 'Corpus';
  for (let i = 1; ; i++) {
    const dir = path.join(parent, i === 1 ? base : `${base} ${i}`);
    if (!(await stat(dir).catch(() => null))) return dir;
  }
}

/**
 * Only web links leave the app, and only to the OS browser, as the URL
 * parsed here (its normalised href): never the raw string, which the OS may
 * read differently (" https://x", "https:\\evil"). http stays allowed:
 * the source links of older articles are often http, and the browser, not
 * Spanmark, fetches them.
 */
export function safeExternalUrl(url: string): string | null {
  if (url !== url.trim() || /[\\\s]/.test(url) || !URL.canParse(url)) return null;
  const u = new URL(url);
  return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password && !!u.hostname ? u.href : null;
}

export function isSafeExternalUrl(url: string): boolean {
  return safeExternalUrl(url) !== null;
}

/**
 * Every main-process behaviour, as plain async functions keyed by channel.
 * No Electron here: the same map serves the Electron window, the browser
 * host used by e2e tests, and unit tests.
 */
export function createHandlers(deps: HandlerDeps): HandlerMap {
  const { session, settings, dialogs } = deps;
  const grants = deps.grants ?? new PathGrants();
  const tokens = (paths: string[], use: Parameters<PathGrants['mint']>[1]) => paths.map((p) => grants.mint(p, use));
  let importAbort: AbortController | null = null;
  const review = new ReviewSession(() => session.dataDir, () => session.current);
  const team = new TeamService(
    () => session.current,
    deps.credentials ?? memoryCredentials(),
    (status) => deps.emit('team:status', status),
    (documentIds, meta) => {
      // a teammate's version replaced the file: the open copy is read again, never written over it
      for (const id of documentIds) documents.forget(id);
      deps.emit('corpus:changedOnDisk', { documentIds, meta });
    },
  );
  const documents = new DocumentSession(() => session.current, () => team.nudge());
  // closing the corpus (another corpus, reload, quit) first writes what the open document still owes the disk
  session.beforeClose(() => documents.flush().catch(() => undefined));
  // a corpus connected to a team before resumes syncing in the background; opening never waits for the network
  const resumeTeam = <T>(value: T): T => {
    void team.resume();
    return value;
  };

  const ensureAnnotator = (): void => {
    const s = settings.get();
    if (!s.annotator || !s.annotatorId) {
      settings.set({ annotator: s.annotator || os.userInfo().username || 'annotator', annotatorId: s.annotatorId || newId('a_') });
    }
  };

  const rememberCorpus = (dir: string): void => {
    const recent = [dir, ...settings.get().recentCorpora.filter((p) => p !== dir)].slice(0, 10);
    settings.set({ recentCorpora: recent, lastCorpus: dir });
  };

  const openOrSample = async () => {
    const last = settings.get().lastCorpus;
    if (last) {
      try {
        return await session.open(last);
      } catch {
        // a moved or deleted corpus falls back to the sample rather than a blank window
      }
    }
    const opened = await session.openSample();
    rememberCorpus(opened.path);
    return opened;
  };

  /** `given`: the tokens the renderer holds for these paths, handed back in the report so "add labels and import" can re-run it */
  const runImport = async (paths: string[], format: Parameters<typeof importIntoStore>[2]['format'], addUnknownLabels: boolean, given = tokens(paths, 'import')) => {
    importAbort?.abort();
    importAbort = new AbortController();
    try {
      const report = await importIntoStore(session.require(), paths, {
        format,
        addUnknownLabels,
        signal: importAbort.signal,
        onProgress: (p) => deps.emit('import:progress', p),
      });
      return { ...report, paths: given };
    } finally {
      importAbort = null;
    }
  };

  const runExport = async ({ format, path: out, filters, offsets }: Parameters<HandlerMap['export:run']>[0]) => {
    await documents.flush();
    const corpus = await session.require().readAll();
    return exportCorpus(corpus, format, out, { filters, offsets });
  };

  /** a corpus the renderer may open: one it holds a token for, or one on the recent list main keeps */
  const corpusPath = (given: string): string => {
    if (grants.has(given, 'corpus')) return grants.resolve(given, 'corpus');
    if (settings.get().recentCorpora.includes(given)) return given;
    throw forbiddenPath(given);
  };

  return {
    'app:bootstrap': async () => {
      ensureAnnotator();
      const corpus = session.describe() ?? (await openOrSample());
      resumeTeam(null);
      return { settings: settings.get(), corpus, host: deps.host, inPagePickers: !!dialogs.inPage };
    },
    'corpus:open': async ({ path: dir }) => {
      const opened = await session.open(corpusPath(dir));
      rememberCorpus(opened.path);
      return resumeTeam(opened);
    },
    'corpus:openDialog': async () => {
      const dir = await dialogs.openFolder('Open a corpus folder, or choose an empty folder for a new corpus');
      if (!dir) return null;
      // an empty folder becomes a new corpus; a folder with other files is refused rather than filled
      if (!(await CorpusStore.isCorpus(dir))) {
        const entries = await readdir(dir).catch(() => [] as string[]);
        if (entries.some((e) => !e.startsWith('.'))) {
          throw Object.assign(new Error(`${dir} is not a Spanmark corpus and is not empty. Choose a corpus folder, or an empty folder for a new corpus.`), { code: 'not_a_corpus' });
        }
        await (await CorpusStore.create(dir, { name: path.basename(dir) })).close();
      }
      const opened = await session.open(dir);
      rememberCorpus(opened.path);
      return resumeTeam(opened);
    },
    'corpus:create': async ({ name, pickFolder }) => {
      const dir = pickFolder ? await dialogs.openFolder(`A new or empty folder for the corpus “${name}”`) : await freeFolder(path.join(session.dataDir, 'Corpora'), name);
      if (!dir) return null;
      if (await CorpusStore.isCorpus(dir)) throw Object.assign(new Error(`${dir} already holds a corpus; open it with Open… instead.`), { code: 'exists' });
      const entries = await readdir(dir).catch(() => [] as string[]);
      if (entries.some((e) => !e.startsWith('.'))) throw Object.assign(new Error(`${dir} is not empty. Choose a new or empty folder for the corpus.`), { code: 'not_empty' });
      // the new corpus starts with the open corpus's labels (the sample's are the defaults), not its guidelines
      const schema = session.current?.meta.schema;
      await (await CorpusStore.create(dir, { name, ...(schema ? { schema } : {}) })).close();
      const opened = await session.open(dir);
      rememberCorpus(opened.path);
      return resumeTeam(opened);
    },
    'corpus:copyForAnnotator': async ({ annotator }) => {
      const corpus = await session.require().readAll();
      const dir = await dialogs.openFolder(`A new or empty folder for ${annotator}'s copy`);
      if (!dir) return null;
      return makeAnnotatorCopy(corpus, dir, annotator);
    },
    'corpus:current': async () => session.describe(),
    'corpus:reload': async () => session.reload(),
    'corpus:updateMeta': async ({ renames, relationRenames, schema, ...patch }) => {
      const store = session.require();
      await documents.flush();
      // a schema change may rewrite every document, the open one too: it is read again when next opened
      if (schema) documents.forget();
      if (schema) await changeSchema(store, { schema, labelRenames: renames, relationRenames });
      if (Object.keys(patch).length) await store.updateMeta(patch);
      return session.describe()!;
    },
    'corpus:restoreBackup': async ({ id }) => {
      documents.forget(id);
      await session.require().restoreBackup(id);
      return session.describe()!;
    },
    'document:get': async ({ id }) => session.require().read(id),
    'document:open': async ({ id }) => documents.openDocument(id),
    'document:apply': async ({ id, baseVersion, ops }) => documents.apply(id, baseVersion, ops),
    'document:create': async ({ title, text, url }) => {
      const doc: Document = {
        id: newId('d_'),
        title,
        source: { format: 'paste', ...(url ? { url } : {}) },
        text,
        status: 'todo',
        spans: [],
        relations: [],
      };
      const [summary] = await session.require().addDocuments([doc]);
      return summary ?? summarize(doc);
    },
    'document:updateInfo': async ({ id, title, outlet, url }) => {
      const store = session.require();
      // the open document's pending edits go first, so the file read here has them
      await documents.flush();
      const doc = await store.read(id);
      const source = { ...doc.source };
      for (const [key, value] of [['outlet', outlet], ['url', url]] as const) {
        if (value === undefined) continue;
        if (value.trim()) source[key] = value.trim();
        else delete source[key];
      }
      const next = { ...doc, ...(title !== undefined ? { title } : {}), source };
      const summary = await store.save(next);
      documents.infoChanged(next);
      return summary;
    },
    'document:restore': async ({ document }) => {
      const [summary] = await session.require().addDocuments([document]);
      return summary ?? summarize(document);
    },
    'document:delete': async ({ id }) => {
      documents.forget(id);
      await session.require().deleteDocument(id);
      return { ok: true as const };
    },
    'import:files': async ({ paths, format, addUnknownLabels }) => runImport(paths.map((t) => grants.resolve(t, 'import')), format, addUnknownLabels, paths),
    'import:dialog': async ({ addUnknownLabels, folder }) => {
      const picked = folder ? await dialogs.openFolder('Import a folder') : null;
      const paths = folder ? (picked ? [picked] : null) : await dialogs.openFiles(IMPORT_FILTERS);
      if (!paths?.length) return null;
      return runImport(paths, 'auto', addUnknownLabels);
    },
    'import:dropped': async ({ files, addUnknownLabels }) => {
      // a plain browser cannot tell us where dropped files live; stage their bytes and import them like any file
      const dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-drop-'));
      try {
        const paths: string[] = [];
        for (const f of files) {
          const target = path.join(dir, path.basename(f.name));
          await writeFile(target, Buffer.from(f.base64, 'base64'));
          paths.push(target);
        }
        return await runImport(paths, 'auto', addUnknownLabels);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'import:cancel': async () => {
      importAbort?.abort();
      return { ok: true as const };
    },
    'export:run': async (req) => runExport({ ...req, path: grants.resolve(req.path, 'export') }),
    'export:dialog': async (req) => {
      const store = session.require();
      const base = store.meta.name.replace(/[^\p{L}\p{N}._-]+/gu, '-');
      const filter = EXPORT_FILTERS[req.format];
      const out = await dialogs.saveFile(`${base}${filter.defaultSuffix}`, [filter]);
      if (!out) return null;
      return runExport({ ...req, path: path.resolve(out) });
    },
    'export:download': async (req) => {
      const store = session.require();
      const name = `${store.meta.name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}${EXPORT_FILTERS[req.format].defaultSuffix}`;
      const dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-download-'));
      try {
        const r = await runExport({ ...req, path: path.join(dir, name) });
        return { name, base64: (await readFile(r.path)).toString('base64'), documents: r.documents, spans: r.spans };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'dialog:answer': async ({ id, paths }) => {
      dialogs.answer?.(id, paths);
      return { ok: true as const };
    },
    'settings:get': async () => settings.get(),
    'settings:set': async (patch) => {
      // main keeps the corpus list itself (it is a capability for corpus:open); the window may not add to it
      if (patch.recentCorpora !== undefined || patch.lastCorpus !== undefined) throw forbiddenPath(patch.lastCorpus ?? patch.recentCorpora?.[0] ?? 'recent corpora');
      return settings.set(patch);
    },
    'shell:openExternal': async ({ url }) => {
      const safe = safeExternalUrl(url);
      if (!safe) throw Object.assign(new Error(`Refused to open ${url}: only http(s) links open, in your browser.`), { code: 'unsafe_url' });
      await deps.openExternal(safe);
      return { ok: true as const };
    },
    'analysis:figures': async () => {
      await documents.flush();
      return figureRows(await session.require().readAll());
    },
    'analysis:exportFigures': async ({ format }) => {
      const out = await dialogs.saveFile(`claims-and-figures.${format}`, [{ name: format.toUpperCase(), extensions: [format] }]);
      if (!out) return null;
      await writeAtomic(out, serializeFigures(figureRows(await session.require().readAll()), format));
      return { path: out };
    },
    'analysis:search': async (q) => {
      await documents.flush();
      return searchCorpus(await session.require().readAll(), q);
    },
    'analysis:stats': async () => {
      await documents.flush();
      return corpusStats(await session.require().readAll());
    },
    'review:agreement': async ({ paths, saveCsv }) => {
      await documents.flush();
      const chosen = paths.length ? paths.map((t) => grants.resolve(t, 'review')) : await dialogs.openFiles([{ name: 'Spanmark corpus copies', extensions: ['json'] }]);
      if (!chosen?.length) return null;
      const copies = await Promise.all(chosen.map((p) => loadCopy(p)));
      if (copies.length < 2) throw Object.assign(new Error('Agreement needs at least two annotator copies.'), { code: 'too_few_copies' });
      const { report, csv } = agreeFromCorpora(copies);
      const csvPath = saveCsv ? await dialogs.saveFile('agreement.csv', [{ name: 'CSV', extensions: ['csv'] }]) : null;
      if (csvPath) await writeAtomic(csvPath, csv);
      return { report, paths: paths.length ? paths : tokens(chosen, 'review'), csvPath };
    },
    'review:open': async ({ paths, pick, add }) => {
      await documents.flush();
      let chosen: string[] | null = paths.map((t) => grants.resolve(t, 'review'));
      if (!chosen.length) {
        const folder = pick === 'folder' ? await dialogs.openFolder('Add an annotator copy (corpus folder)') : null;
        chosen = pick === 'folder' ? (folder ? [folder] : null) : await dialogs.openFiles([{ name: 'Spanmark corpus copies', extensions: ['json'] }]);
      }
      if (!chosen?.length) return null;
      return review.open(chosen, add);
    },
    'review:document': async ({ key }) => review.document(key),
    'review:saveGold': async ({ key, document }) => {
      const saved = await review.saveGold(key, document);
      team.nudge(); // finalized gold replicates back to the team
      return saved;
    },
    'team:connect': async ({ server, user, password }) => team.connect(server, user, password),
    'team:status': async () => team.get(),
    'team:syncNow': async () => team.syncNow(),
    'team:progress': async () => team.progress(),
    'team:assign': async ({ annotators, overlap }) => team.assign(annotators, overlap),
    'team:review': async () => {
      await team.syncNow();
      const { copies, goldDir } = await team.copiesForReview();
      return review.openLoaded(copies, goldDir);
    },
    'suggest:context': async ({ documentId }) => {
      const store = session.require();
      return { settings: settingsOf(store), learned: await learnedEntriesFor(store, documentId) };
    },
    'suggest:importPatterns': async ({ text, name, replace }) => {
      const store = session.require();
      const r = await importPatterns(store, text, { name, replace });
      return { ...r, meta: store.meta };
    },
    'suggest:exportPatterns': async () => ({ jsonl: exportPatterns(session.require()) }),
    'suggest:setGazetteer': async ({ label, text }) => {
      const store = session.require();
      const phrases = await setGazetteer(store, label, text);
      return { phrases, meta: store.meta };
    },
    'suggest:setLocalModel': async (settings) => {
      const store = session.require();
      await setLocalModel(store, settings);
      return { meta: store.meta };
    },
    'suggest:runModel': async ({ text }) => {
      const store = session.require();
      return runLocalModel(settingsOf(store).localModel, store.meta.schema, text);
    },
  } satisfies HandlerMap;
}
