import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, Req, Res } from '../../shared/ipc/contract';
import { CorpusStore } from '../services/corpus-store';
import { ScriptedDialogs } from '../services/dialogs';
import { PathGrants } from '../services/path-grants';
import { Session } from '../services/session';
import { nodeSettings } from '../services/settings';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

/**
 * A compromised renderer sends whatever it likes over IPC. Every channel
 * that takes a path accepts only a capability main handed out (a token
 * minted for a dialog pick, a drop or an earlier import, or a corpus on the
 * recent list), so naming a file outright is refused and nothing is read or
 * written.
 */

let dataDir: string;
let secret: string;
let victim: string;
let session: Session;

function launch() {
  session = new Session(dataDir);
  const dialogs = new ScriptedDialogs();
  const grants = new PathGrants();
  const handlers = createHandlers({ session, settings: nodeSettings(dataDir), dialogs, host: 'node', emit: () => undefined, openExternal: async () => undefined, grants });
  const call = async <C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> => {
    const r = await dispatch(handlers, channel, req);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as Res<C>;
  };
  const refused = async (channel: Channel, req: unknown) => {
    const r = await dispatch(handlers, channel, req);
    expect(r.ok, `${channel} accepted ${JSON.stringify(req)}`).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('forbidden_path');
  };
  return { dialogs, grants, call, refused };
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-caps-'));
  secret = path.join(dataDir, 'secret.txt');
  await writeFile(secret, 'root:$6$hash:19000:0:99999:7:::');
  victim = path.join(dataDir, 'victim.txt');
  await writeFile(victim, 'keep me');
});

afterEach(async () => {
  await session.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('path capabilities on every path-taking channel', () => {
  it('import:files refuses a named file and imports nothing; a token from the import dialog re-runs', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    await app.refused('import:files', { paths: [secret] });
    expect((await app.call('corpus:current', {}))!.documents).toHaveLength(boot.corpus!.documents.length);
    // the dialog's pick comes back as a token, which works for "add labels and import"
    const article = path.join(dataDir, 'article.txt');
    await writeFile(article, 'Officials said 62.');
    app.dialogs.queue.push({ open: [article] });
    const report = (await app.call('import:dialog', {}))!;
    expect(report.imported).toHaveLength(1);
    expect(report.paths).toHaveLength(1);
    expect(report.paths[0]).not.toContain(article);
    expect((await app.call('import:files', { paths: report.paths })).imported).toHaveLength(1);
    // a token for another use is no good here
    await app.refused('import:files', { paths: [app.grants.mint(secret, 'export')] });
  });

  it('export:run refuses a named target and writes nothing; export:dialog still writes where the user chose', async () => {
    const app = launch();
    await app.call('app:bootstrap', {});
    await app.refused('export:run', { format: 'spanmark', path: victim });
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    const out = path.join(dataDir, 'chosen.json');
    app.dialogs.queue.push({ save: out });
    expect((await app.call('export:dialog', { format: 'spanmark' }))!.path).toBe(out);
    const token = app.grants.mint(path.join(dataDir, 'granted.json'), 'export');
    expect((await app.call('export:run', { format: 'spanmark', path: token })).path).toBe(path.join(dataDir, 'granted.json'));
  });

  it('corpus:open takes only a corpus on the recent list; settings:set cannot add one', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    const other = path.join(dataDir, 'other corpus');
    await (await CorpusStore.create(other, { name: 'Other' })).close();
    await app.refused('corpus:open', { path: other });
    await app.refused('settings:set', { recentCorpora: [other] });
    await app.refused('settings:set', { lastCorpus: other });
    expect((await app.call('settings:get', {})).recentCorpora).toEqual([boot.corpus!.path]);
    // chosen in the folder dialog, it joins the recent list, and from there it opens again
    app.dialogs.queue.push({ folder: other });
    await app.call('corpus:openDialog', {});
    await app.call('corpus:open', { path: boot.corpus!.path });
    expect((await app.call('corpus:open', { path: other })).meta.name).toBe('Other');
  });

  it('review:open and review:agreement refuse named copies; agreement hands back tokens it accepts again', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    await app.refused('review:open', { paths: [secret] });
    await app.refused('review:agreement', { paths: [secret, victim] });
    // two annotator copies, chosen in the dialog
    const copies = path.join(dataDir, 'copies');
    await mkdir(copies);
    const corpus = await session.require().readAll();
    const a = path.join(copies, 'ana.json');
    const b = path.join(copies, 'ben.json');
    await writeFile(a, JSON.stringify(corpus));
    await writeFile(b, JSON.stringify(corpus));
    app.dialogs.queue.push({ open: [a, b] });
    const result = (await app.call('review:agreement', {}))!;
    expect(result.paths).toHaveLength(2);
    expect(result.paths.join()).not.toContain(copies);
    expect((await app.call('review:agreement', { paths: result.paths }))!.report).toEqual(result.report);
    expect(boot.corpus).not.toBeNull();
  });

  it('import:dropped stages bytes only: a hostile name cannot place a file outside its staging folder', async () => {
    const app = launch();
    await app.call('app:bootstrap', {});
    const report = await app.call('import:dropped', { files: [{ name: '../../victim.txt', base64: Buffer.from('Officials said 62.').toString('base64') }] });
    expect(report.imported).toHaveLength(1);
    expect(await readFile(victim, 'utf8')).toBe('keep me');
    expect(await stat(path.join(dataDir, '..', 'victim.txt')).then(() => true, () => false)).toBe(false);
  });
});
