import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusStore } from './corpus-store';
import { importIntoStore, withLabels } from './import-into-store';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-iis-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(root, { recursive: true })) {
    const full = path.join(root, name);
    out[name] = await readFile(full, 'utf8').catch(() => '<dir>');
  }
  return out;
}

describe('importIntoStore', () => {
  it('Cancel during a long import leaves the corpus exactly as it was', async () => {
    const corpus = path.join(dir, 'corpus');
    const store = await CorpusStore.create(corpus, { name: 'c' });
    await store.flushCache();
    const files: string[] = [];
    for (let i = 0; i < 20; i++) {
      const f = path.join(dir, `report-${i}.txt`);
      await writeFile(f, `Report ${i}: officials said ${i} people were hurt.`);
      files.push(f);
    }
    const before = await snapshot(corpus);
    const ac = new AbortController();
    const report = await importIntoStore(store, files, {
      format: 'auto',
      addUnknownLabels: false,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done === 5) ac.abort(); // the user presses Cancel a quarter of the way in
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.imported).toEqual([]);
    expect(store.list()).toHaveLength(0);
    expect(await snapshot(corpus)).toEqual(before);
    await store.close();
  });

  it('imports every file when not cancelled, and reports the paths it read', async () => {
    const store = await CorpusStore.create(path.join(dir, 'corpus'), { name: 'c' });
    const f = path.join(dir, 'one.txt');
    await writeFile(f, 'One 🚀 report.');
    const report = await importIntoStore(store, [f], { format: 'auto', addUnknownLabels: false });
    expect(report.imported.map((d) => d.title)).toEqual(['One 🚀 report.']); // the first line, not the file name
    expect(report.paths).toEqual([f]);
    await store.close();
  });
});

describe('withLabels', () => {
  it('keeps definitions the file carried and never steals a key already in use', () => {
    const source = { labels: [{ name: 'speaker', description: 'who talks', color: '#abcdef', key: '1', examples: ['the mayor'] }], relationTypes: [] };
    const next = withLabels(DEFAULT_SCHEMA, ['speaker', 'event'], [], source);
    const speaker = next.labels.find((l) => l.name === 'speaker')!;
    expect(speaker).toMatchObject({ description: 'who talks', color: '#abcdef', examples: ['the mayor'] });
    expect(speaker.key).toBeUndefined(); // '1' belongs to claim
    expect(next.labels.find((l) => l.name === 'event')?.description).toBe('Added by import.');
    expect(next.labels.slice(0, 4)).toEqual(DEFAULT_SCHEMA.labels);
  });
});
