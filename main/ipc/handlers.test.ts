import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel, Req, Res } from '../../shared/ipc/contract';
import { documentProblems } from '../../shared/model/validate';
import { cpSlice } from '../../shared/text/offsets';
import { InPageDialogs, ScriptedDialogs } from '../services/dialogs';
import { Session, SAMPLE_FOLDER } from '../services/session';
import { nodeSettings } from '../services/settings';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';

let dataDir: string;
const sessions: Session[] = [];

/** One "app launch": fresh handlers over the same data folder, as after a restart. */
function launch() {
  const session = new Session(dataDir);
  sessions.push(session);
  const dialogs = new ScriptedDialogs();
  const openExternal = vi.fn(async (_url: string) => undefined);
  const handlers = createHandlers({ session, settings: nodeSettings(dataDir), dialogs, host: 'node', emit: () => undefined, openExternal });
  async function call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
    const r = await dispatch(handlers, channel, req);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as Res<C>;
  }
  const fail = async (channel: Channel, req: unknown) => {
    const r = await dispatch(handlers, channel, req);
    expect(r.ok).toBe(false);
    return r.ok ? null : r.error;
  };
  return { session, dialogs, openExternal, call, fail };
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-handlers-'));
});

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('handlers', () => {
  it('creates and opens the sample corpus on first run, with correct offsets', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    expect(boot.host).toBe('node');
    expect(boot.corpus!.path).toBe(path.join(dataDir, SAMPLE_FOLDER));
    expect(boot.corpus!.readOnly).toBe(false);
    expect(boot.corpus!.damaged).toEqual([]);
    expect(boot.corpus!.documents).toHaveLength(4);
    expect(boot.corpus!.documents[0]!.spanCount).toBeGreaterThan(0);
    expect(boot.settings.lastCorpus).toBe(boot.corpus!.path);
    expect(boot.settings.annotator).not.toBe('');
    expect(boot.settings.annotatorId).toMatch(/^a_/);

    const first = await app.call('document:get', { id: boot.corpus!.documents[0]!.id });
    expect(first.relations.length).toBeGreaterThan(0);
    for (const summary of boot.corpus!.documents) {
      const doc = await app.call('document:get', { id: summary.id });
      expect(documentProblems(doc, boot.corpus!.meta.schema)).toEqual([]);
      for (const s of doc.spans) expect(cpSlice(doc.text, s.start, s.end)).toBe(s.text);
    }
  });

  it('keeps settings, and the open corpus, across launches', async () => {
    const first = launch();
    const boot = await first.call('app:bootstrap', {});
    await first.call('settings:set', { theme: 'dark', annotator: 'Olena', snapToWords: false });
    await first.session.close();

    const second = launch();
    const again = await second.call('app:bootstrap', {});
    expect(again.settings).toMatchObject({ theme: 'dark', annotator: 'Olena', snapToWords: false, annotatorId: boot.settings.annotatorId });
    expect(again.corpus!.path).toBe(boot.corpus!.path);
    expect(await second.call('settings:get', {})).toEqual(again.settings);
  });

  it('changes only the settings a request names', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    await app.call('settings:set', { theme: 'dark', snapToWords: false });
    // the toolbar's name field sends the annotator alone: theme, snapping, id and recent corpora stay
    const after = await app.call('settings:set', { annotator: 'Mariam' });
    expect(after).toEqual({ ...boot.settings, annotator: 'Mariam', theme: 'dark', snapToWords: false });
    expect(after.recentCorpora).toEqual([boot.corpus!.path]);
  });

  it('falls back to the sample corpus when the last corpus has gone', async () => {
    nodeSettings(dataDir).set({ lastCorpus: path.join(dataDir, 'deleted folder') });
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    expect(boot.corpus!.path).toBe(path.join(dataDir, SAMPLE_FOLDER));
  });

  it('saves a document and gets it back as saved, also after a restart', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    const id = boot.corpus!.documents[1]!.id;
    const doc = await app.call('document:get', { id });
    const edited = { ...doc, title: 'Retitled', status: 'done' as const, spans: doc.spans.slice(1) };
    edited.relations = edited.relations.filter((r) => edited.spans.some((s) => s.id === r.from) && edited.spans.some((s) => s.id === r.to));
    const saved = await app.call('document:save', { document: edited });
    expect(saved.summary).toMatchObject({ id, title: 'Retitled', status: 'done', spanCount: doc.spans.length - 1 });
    expect(await app.call('document:get', { id })).toEqual(edited);
    await app.session.close();

    const later = launch();
    await later.call('app:bootstrap', {});
    expect(await later.call('document:get', { id })).toEqual(edited);
  });

  it('refuses to save a document whose spans do not match its text, and says why', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    const doc = await app.call('document:get', { id: boot.corpus!.documents[0]!.id });
    const error = await app.fail('document:save', { document: { ...doc, text: `X${doc.text}` } });
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^Not saved: span text/) });
    expect(await app.call('document:get', { id: doc.id })).toEqual(doc);
  });

  it('creates a document from pasted text and lists it', async () => {
    const app = launch();
    await app.call('app:bootstrap', {});
    const summary = await app.call('document:create', { title: 'Pasted 🚀', text: 'Минобороны said\r\nmore' });
    const listed = await app.call('corpus:current', {});
    expect(listed!.documents.map((d) => d.id)).toContain(summary.id);
    expect((await app.call('document:get', { id: summary.id })).text).toBe('Минобороны said\r\nmore');
  });

  it('opens a folder chosen in the dialog, and does nothing when the dialog is cancelled', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    expect(await app.call('corpus:openDialog', {})).toBe(null);
    app.dialogs.queue.push({ folder: boot.corpus!.path });
    expect((await app.call('corpus:openDialog', {}))!.documents).toHaveLength(4);
    // a path the window was never given is refused before anything is opened (path-capabilities.test.ts)
    await expect(app.call('corpus:open', { path: path.join(dataDir, 'nothing here') })).rejects.toMatchObject({ code: 'forbidden_path' });
  });

  it('opens only http(s) links, in the browser', async () => {
    const app = launch();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<script>1</script>', 'https://user:pw@example.org/', 'not a url']) {
      expect(await app.fail('shell:openExternal', { url }), url).toMatchObject({ code: 'unsafe_url' });
    }
    expect(app.openExternal).not.toHaveBeenCalled();
    await app.call('shell:openExternal', { url: 'https://example.org/report?id=1' });
    expect(app.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/report?id=1');
  });

  it('passes the OS only the parsed, normalised link, never a raw string it may read differently', async () => {
    const app = launch();
    for (const url of [' https://x.example/', 'https:\\evil.example\\', 'https://x.example/\n', 'http://']) {
      expect(await app.fail('shell:openExternal', { url }), JSON.stringify(url)).toMatchObject({ code: 'unsafe_url' });
    }
    expect(app.openExternal).not.toHaveBeenCalled();
    await app.call('shell:openExternal', { url: 'HTTPS://Example.ORG/a?q=é' });
    expect(app.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/a?q=%C3%A9');
  });

  it('reports "no corpus" rather than crashing when nothing is open', async () => {
    const app = launch();
    expect(await app.fail('document:get', { id: 'x' })).toMatchObject({ code: 'no_corpus' });
  });
});

describe('document info, restore, new corpora and in-page dialogs', () => {
  it('updates title, outlet and URL (an empty value removes it), keeping text and spans; restore brings a deleted document back', async () => {
    const app = launch();
    const boot = await app.call('app:bootstrap', {});
    const id = boot.corpus!.documents[0]!.id;
    const before = await app.call('document:get', { id });
    const summary = await app.call('document:updateInfo', { id, title: '  New title ', outlet: 'Asharq', url: 'https://example.org/a' });
    expect(summary.title).toBe('New title');
    expect(summary.outlet).toBe('Asharq');
    const after = await app.call('document:get', { id });
    expect(after).toMatchObject({ title: 'New title', source: { outlet: 'Asharq', url: 'https://example.org/a' }, text: before.text, spans: before.spans });
    await app.call('document:updateInfo', { id, url: '' });
    expect((await app.call('document:get', { id })).source.url).toBeUndefined();
    expect(await app.fail('document:updateInfo', { id, title: '   ' })).toMatchObject({ code: 'invalid_request' });

    await app.call('document:delete', { id });
    expect((await app.call('corpus:current', {}))!.documents.map((d) => d.id)).not.toContain(id);
    await app.call('document:restore', { document: after });
    const restored = await app.call('document:get', { id });
    expect(restored).toMatchObject({ id, title: 'New title', text: before.text, spans: before.spans, relations: before.relations });
  });

  it('creates a new corpus in the data folder with the open schema, never inside an existing folder', async () => {
    const app = launch();
    await app.call('app:bootstrap', {});
    const a = await app.call('corpus:create', { name: 'Field reports', pickFolder: false });
    expect(a!.path).toBe(path.join(dataDir, 'Corpora', 'Field reports'));
    expect(a!.documents).toEqual([]);
    expect(a!.meta.schema.labels.map((l) => l.role)).toEqual(['claim', 'actor', 'figure', 'cue']);
    const b = await app.call('corpus:create', { name: 'Field reports', pickFolder: false });
    expect(b!.path).toBe(path.join(dataDir, 'Corpora', 'Field reports 2'));
    expect((await app.call('settings:get', {})).lastCorpus).toBe(b!.path);
  });

  it('with in-page dialogs, main asks the page and waits for its answer', async () => {
    const asked: { id: string; kind: string }[] = [];
    const dialogs = new InPageDialogs((q) => asked.push(q));
    const session = new Session(dataDir);
    sessions.push(session);
    const handlers = createHandlers({ session, settings: nodeSettings(dataDir), dialogs, host: 'browser', emit: () => undefined, openExternal: async () => undefined });
    const boot = await dispatch(handlers, 'app:bootstrap', {});
    expect(boot.ok && boot.value).toMatchObject({ inPagePickers: true });
    const fresh = path.join(dataDir, 'typed folder');
    const opening = dispatch(handlers, 'corpus:openDialog', {});
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]!.kind).toBe('folder');
    await dispatch(handlers, 'dialog:answer', { id: asked[0]!.id, paths: [fresh] });
    const opened = await opening;
    expect(opened).toMatchObject({ ok: true, value: { path: fresh } });
    // cancelling answers null, and the request resolves to nothing
    const cancelled = dispatch(handlers, 'corpus:openDialog', {});
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    await dispatch(handlers, 'dialog:answer', { id: asked[1]!.id, paths: null });
    expect(await cancelled).toEqual({ ok: true, value: null });
  });
});
