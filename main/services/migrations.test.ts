import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorpusMetaSchema, DocumentSchema, SCHEMA_VERSION } from '../../shared/model/schema';
import { documentProblems } from '../../shared/model/validate';
import { CorpusStore } from './corpus-store';
import { checkVersion, migrate, MIGRATIONS, type Migration } from './migrations';

describe('checkVersion', () => {
  it('tells current, older, newer and missing versions apart', () => {
    expect(checkVersion({ schemaVersion: SCHEMA_VERSION })).toEqual({ kind: 'current' });
    expect(checkVersion({ schemaVersion: SCHEMA_VERSION + 98 })).toEqual({ kind: 'newer', version: SCHEMA_VERSION + 98 });
    expect(checkVersion({ schemaVersion: 0 })).toEqual({ kind: 'migrate', from: 0 });
    for (const bad of [{ schemaVersion: '1' }, { schemaVersion: -1 }, { schemaVersion: 1.5 }, {}, null, undefined, 'corpus', []]) {
      expect(checkVersion(bad), JSON.stringify(bad)).toEqual({ kind: 'invalid' });
    }
  });
});

/**
 * An imagined "version 0" format, to exercise the machinery before the first
 * real bump: the corpus name was `title`, a document's text was `body`.
 */
const V0_MANIFEST = {
  schemaVersion: 0,
  id: 'c_old',
  title: 'Old corpus',
  schema: { labels: [{ name: 'actor', color: '#5b8def' }], relationTypes: [] },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  documents: [{ id: 'old1', file: 'old1.json' }],
};
const V0_DOC = {
  id: 'old1',
  title: 'Old report',
  body: 'Минобороны 🚀 said',
  spans: [{ id: 's1', label: 'actor', start: 0, end: 10, text: 'Минобороны', createdAt: 'x', updatedAt: 'x' }],
};

const renameV0: Migration = (manifest, docs) => {
  manifest.name = manifest.title;
  delete manifest.title;
  for (const d of docs) {
    d.text = d.body;
    delete d.body;
  }
};

describe('migrate', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-migrate-'));
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'corpus.json'), JSON.stringify(V0_MANIFEST));
    await writeFile(path.join(dir, 'docs', 'old1.json'), JSON.stringify(V0_DOC));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const readV0 = async () => {
    const manifest = JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8')) as Record<string, unknown>;
    const docs = [JSON.parse(await readFile(path.join(dir, 'docs', 'old1.json'), 'utf8')) as Record<string, unknown>];
    return { manifest, docs };
  };

  it('loads files written in an older version once its migration has run', async () => {
    const { manifest, docs } = await readV0();
    // unmigrated, the files do not fit today's schema
    expect(CorpusMetaSchema.safeParse(manifest).success).toBe(false);
    expect(DocumentSchema.safeParse(docs[0]).success).toBe(false);

    migrate(manifest, docs, { ...MIGRATIONS, 0: renameV0 });
    expect(manifest.schemaVersion).toBe(SCHEMA_VERSION);
    const meta = CorpusMetaSchema.parse(manifest);
    expect(meta.name).toBe('Old corpus');
    const doc = DocumentSchema.parse(docs[0]);
    expect(doc.text).toBe('Минобороны 🚀 said');
    expect(documentProblems(doc, meta.schema)).toEqual([]);
  });

  it('names the missing step instead of loading a half-upgraded corpus', async () => {
    const { manifest, docs } = await readV0();
    expect(() => migrate(manifest, docs, { ...MIGRATIONS })).toThrow('No migration from schema version 0.');
    expect(manifest.schemaVersion).toBe(0);
  });

  it('leaves a current corpus alone', () => {
    const manifest: Record<string, unknown> = { schemaVersion: SCHEMA_VERSION, name: 'n' };
    let called = false;
    migrate(manifest, [], { [SCHEMA_VERSION]: () => void (called = true) });
    expect(called).toBe(false);
    expect(manifest).toEqual({ schemaVersion: SCHEMA_VERSION, name: 'n' });
  });

  it('has one step per version bump', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(Object.keys(MIGRATIONS).map(Number)).toEqual([1]);
  });

  it('makes the store refuse an older corpus it cannot upgrade, without touching it', async () => {
    await expect(CorpusStore.open(dir)).rejects.toThrow(/No migration from schema version 0/);
    expect(JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8'))).toEqual(V0_MANIFEST);
  });

  it('makes the store upgrade an older corpus on open, keeping the originals beside it', async () => {
    MIGRATIONS[0] = renameV0;
    try {
      const store = await CorpusStore.open(dir);
      const doc = await store.read(store.list()[0]!.id);
      expect(DocumentSchema.safeParse(doc).success).toBe(true);
      expect(store.meta.schemaVersion).toBe(SCHEMA_VERSION);
      await store.close();
      expect(JSON.parse(await readFile(path.join(dir, 'corpus.json.v0'), 'utf8'))).toEqual(V0_MANIFEST);
      expect(JSON.parse(await readFile(path.join(dir, 'docs', 'old1.json.v0'), 'utf8'))).toEqual(V0_DOC);
    } finally {
      delete MIGRATIONS[0];
    }
  });
});

describe('schema version 1 → 2: roles', () => {
  let dir: string;
  /** a corpus folder as Spanmark 1 wrote it: no roles, and a user's own label beside the usual ones */
  const V1_MANIFEST = {
    schemaVersion: 1,
    id: 'c_v1',
    name: 'Version 1 corpus',
    schema: {
      labels: [
        { name: 'claim', description: '', color: '#f2c14e', examples: [] },
        { name: 'figure', description: '', color: '#e4572e', examples: [] },
        { name: 'attribution', description: '', color: '#3aa67a', examples: [] },
        { name: 'place', description: '', color: '#a86cc1', examples: [] },
      ],
      relationTypes: [
        { name: 'source', description: '', from: ['attribution'], to: [], color: '#5b8def' },
        { name: 'content', description: '', from: ['attribution'], to: ['claim'], color: '#f2c14e' },
      ],
    },
    guidelines: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    documents: [{ id: 'd1', file: 'd1.json' }],
  };
  const V1_DOC = { id: 'd1', title: 'T', source: {}, text: '62 killed', status: 'todo', spans: [], relations: [] };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-v1-'));
    await mkdir(path.join(dir, 'docs'));
    await writeFile(path.join(dir, 'corpus.json'), JSON.stringify(V1_MANIFEST));
    await writeFile(path.join(dir, 'docs', 'd1.json'), JSON.stringify(V1_DOC));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives labels and relation types their roles by name when the store opens a version 1 corpus', async () => {
    const store = await CorpusStore.open(dir);
    try {
      expect(store.meta.schemaVersion).toBe(2);
      expect(store.meta.schema.labels.map((l) => [l.name, l.role])).toEqual([['claim', 'claim'], ['figure', 'figure'], ['attribution', 'cue'], ['place', undefined]]);
      expect(store.meta.schema.relationTypes.map((t) => [t.name, t.role])).toEqual([['source', 'source'], ['content', 'content']]);
    } finally {
      await store.close();
    }
    expect(JSON.parse(await readFile(path.join(dir, 'corpus.json.v1'), 'utf8'))).toEqual(V1_MANIFEST);
  });

  it('reads a version 1 copy read-only, upgraded in memory and untouched on disk', async () => {
    const store = await CorpusStore.open(dir, { readOnly: true });
    try {
      expect(store.meta.schema.labels.find((l) => l.name === 'figure')?.role).toBe('figure');
      expect((await store.readAll()).documents).toHaveLength(1);
    } finally {
      await store.close();
    }
    expect(JSON.parse(await readFile(path.join(dir, 'corpus.json'), 'utf8'))).toEqual(V1_MANIFEST);
  });
});
