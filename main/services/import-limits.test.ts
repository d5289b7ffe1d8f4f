import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import type { Document } from '../../shared/model/schema';
import { CorpusStore } from './corpus-store';
import { htmlToArticle, MAX_HTML_DEPTH } from './html-import';
import { importIntoStore } from './import-into-store';
import { importPaths } from './importer';
import { importLimits } from './parse-in-worker';

/**
 * Imports parse in a worker thread with a time budget and a nesting-depth
 * limit for HTML; the main thread stays free, so the corpus lock keeps
 * being refreshed through a long import, and a lost lock makes the corpus
 * read-only instead of crashing or overwriting a colleague's work.
 */

const repo = path.resolve(__dirname, '../..');
let tmp: string;
const schema = DEFAULT_SCHEMA;
const nested = (depth: number) => `<html><body>${'<div>'.repeat(depth)}Officials said 62.${'</div>'.repeat(depth)}</body></html>`;
const article = (paragraphs: number) =>
  `<html><head><title>Long page</title></head><body><article>${'<p>Officials said strikes near Korvany killed 62 servicemen, according to the ministry statement released on Tuesday.</p>'.repeat(paragraphs)}</article></body></html>`;
const doc = (id: string): Document => ({ id, title: id, source: {}, text: `Text of ${id}.`, status: 'todo', spans: [], relations: [] });

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-limits-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('HTML import limits', () => {
  it('refuses a page nested 4,000 deep at once, reports it, and imports the other files', async () => {
    await writeFile(path.join(tmp, 'deep.html'), nested(4000));
    await writeFile(path.join(tmp, 'fine.html'), article(5));
    const t0 = performance.now();
    const out = await importPaths([path.join(tmp, 'deep.html'), path.join(tmp, 'fine.html')], { format: 'auto', addUnknownLabels: false, schema });
    const ms = performance.now() - t0;
    console.log(`[limits] 4,000-deep page refused, with a second page imported, in ${ms.toFixed(0)} ms (Readability alone needed over 5 minutes)`);
    expect(out.report.errors).toEqual([{ file: 'deep.html', message: expect.stringMatching(/more than 128 levels deep/) }]);
    expect(out.documents.map((d) => d.title)).toEqual(['Long page']);
    expect(ms).toBeLessThan(20_000); // generous under load; was minutes
  });

  it('reads a page right at the depth limit, and refuses one just past it; the refusal is immediate', () => {
    const t0 = performance.now();
    expect(() => htmlToArticle(nested(4000))).toThrow(/levels deep/);
    const ms = performance.now() - t0;
    console.log(`[limits] htmlToArticle refuses a 4,000-deep page in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(2_000);
    expect(htmlToArticle(nested(MAX_HTML_DEPTH - 3)).text).toBe('Officials said 62.');
    expect(() => htmlToArticle(nested(MAX_HTML_DEPTH))).toThrow(/levels deep/);
  });

  it('stops a parse that runs past its time budget, reports it, and the next file imports in a fresh worker', async () => {
    await writeFile(path.join(tmp, 'slow.html'), article(3000));
    await writeFile(path.join(tmp, 'next.txt'), 'Officials said 62.');
    const budget = importLimits.budgetMs;
    importLimits.budgetMs = 300;
    try {
      const slow = await importPaths([path.join(tmp, 'slow.html')], { format: 'auto', addUnknownLabels: false, schema });
      expect(slow.report.errors[0]!.message).toMatch(/took longer than/);
      expect(slow.documents).toEqual([]);
    } finally {
      importLimits.budgetMs = budget;
    }
    const next = await importPaths([path.join(tmp, 'next.txt')], { format: 'auto', addUnknownLabels: false, schema });
    expect(next.documents.map((d) => d.text)).toEqual(['Officials said 62.']);
  });
});

describe('the corpus lock during long work', () => {
  const LOCK = { staleMs: 2_000, updateMs: 300 };

  /** Another process that takes the corpus lock the moment it looks abandoned (as `spanmark import --into` does). */
  function rival(dir: string) {
    const code = `
      const lockfile = require('proper-lockfile');
      const dir = process.argv[1];
      (async () => {
        for (;;) {
          try {
            await lockfile.lock(dir, { lockfilePath: dir + '/.spanmark.lock', stale: ${LOCK.staleMs}, realpath: false, onCompromised: () => {} });
            process.stdout.write('TOOK\\n');
            return;
          } catch (e) {
            if (e.code !== 'ELOCKED') { process.stdout.write('ERR ' + e.message + '\\n'); return; }
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();`;
    const child = spawn(process.execPath, ['-e', code, dir], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    return { output: () => out, stop: () => child.kill() };
  }

  it('a long HTML import keeps the lock fresh: another process never takes it, and the import is saved', async () => {
    const dir = path.join(tmp, 'locked');
    await (await CorpusStore.create(dir, { name: 'C' })).close();
    const store = await CorpusStore.open(dir, { lock: LOCK });
    const other = rival(dir);
    try {
      // The import must outlast the stale time, or this test proves nothing; machines differ
      // threefold in speed, so the page grows until one import does.
      let imports = 0;
      let longest = 0;
      for (let paragraphs = 2500; longest <= LOCK.staleMs + 500 && imports < 5; paragraphs *= 3) {
        const page = path.join(tmp, `long-${paragraphs}.html`);
        await writeFile(page, article(paragraphs));
        const t0 = performance.now();
        const report = await importIntoStore(store, [page], { format: 'auto', addUnknownLabels: false });
        longest = Math.max(longest, performance.now() - t0);
        imports += 1;
        expect(report.errors).toEqual([]);
      }
      expect(longest).toBeGreaterThan(LOCK.staleMs + 500);
      expect(other.output()).toBe('');
      expect(store.readOnly).toBe(false);
      expect(JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')).documents).toHaveLength(imports);
    } finally {
      other.stop();
      await store.close();
    }
  }, 120_000);

  it('a deleted lock makes the open corpus read-only with a message, without crashing or writing', async () => {
    const dir = path.join(tmp, 'deleted-lock');
    const s = await CorpusStore.create(dir, { name: 'C' });
    await s.addDocuments([doc('d1')]);
    await s.close();
    const reasons: string[] = [];
    const store = await CorpusStore.open(dir, { lock: LOCK, onReadOnly: (r) => reasons.push(r) });
    await rm(path.join(dir, '.spanmark.lock'), { recursive: true, force: true }); // git clean -fdx
    for (let i = 0; i < 100 && !store.readOnly; i++) await new Promise((r) => setTimeout(r, 100));
    expect(store.readOnly).toBe(true);
    expect(store.readOnlyReason).toMatch(/lost its lock/);
    expect(reasons).toHaveLength(1);
    const before = await readFile(path.join(dir, 'docs', 'd1.json'), 'utf8');
    await expect(store.save({ ...doc('d1'), title: 'x' })).rejects.toThrow(/lost its lock/);
    expect(await readFile(path.join(dir, 'docs', 'd1.json'), 'utf8')).toBe(before);
    await store.close();
  });

  it('manifest writes merge with what is on disk: a document another program added survives', async () => {
    const dir = path.join(tmp, 'merge');
    const s = await CorpusStore.create(dir, { name: 'C' });
    await s.addDocuments([doc('mine')]);
    // a colleague's document arrives (git pull, or a CLI import that took over an abandoned lock)
    await writeFile(path.join(dir, 'docs', 'theirs.json'), JSON.stringify(doc('theirs')));
    const manifest = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8'));
    manifest.documents.push({ id: 'theirs', file: 'theirs.json' });
    await writeFile(path.join(dir, 'corpus.json'), JSON.stringify(manifest));
    await s.updateMeta({ name: 'Renamed' });
    await s.addDocuments([doc('mine2')]);
    await s.deleteDocument('mine');
    await s.close();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8'));
    expect(onDisk.name).toBe('Renamed');
    expect(onDisk.documents.map((d: { id: string }) => d.id)).toEqual(['theirs', 'mine2']);
  });
});
