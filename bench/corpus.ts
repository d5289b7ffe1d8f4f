import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CorpusStore } from '../main/services/corpus-store';
import { exportCodec } from '../shared/formats';
import { DEFAULT_SCHEMA } from '../shared/model/defaults';
import { SCHEMA_VERSION } from '../shared/model/schema';
import { generateDocument } from './generate';
import type { ResultRecord } from './run';

/**
 * Corpus figures in Node, on the real CorpusStore: listing a 10,000-document
 * corpus (cold: no summary cache; warm: with it), opening a document,
 * exporting its 200,000 spans to doccano JSONL, and autosaving one document
 * in it against the same in a 100-document corpus.
 */

const TMP = path.resolve(import.meta.dirname, 'tmp');
const SPANS_PER_DOC = 20;

/** Writes the corpus files directly (the fixture is not what is measured); reused between runs. */
async function corpusOf(count: number): Promise<string> {
  const dir = path.join(TMP, `corpus-${count}`);
  if (existsSync(path.join(dir, 'corpus.json'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'docs'), { recursive: true });
  const docs: Array<{ id: string; file: string }> = [];
  const BATCH = 200;
  for (let i = 0; i < count; i += BATCH) {
    await Promise.all(
      Array.from({ length: Math.min(BATCH, count - i) }, async (_, k) => {
        const n = i + k;
        const doc = generateDocument({ name: `doc ${n}`, chars: 2000, spans: SPANS_PER_DOC }, n + 1, `d${n}`);
        docs[n] = { id: doc.id, file: `${doc.id}.json` };
        await writeFile(path.join(dir, 'docs', `${doc.id}.json`), JSON.stringify({ ...doc, title: `Report ${n}` }));
      }),
    );
  }
  const now = new Date().toISOString();
  const manifest = { schemaVersion: SCHEMA_VERSION, id: `c_bench${count}`, name: `Bench ${count}`, schema: DEFAULT_SCHEMA, guidelines: '', createdAt: now, updatedAt: now, documents: docs };
  await writeFile(path.join(dir, 'corpus.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function autosave(dir: string, saves: number): Promise<number> {
  const store = await CorpusStore.open(dir);
  try {
    const ids = store.list().map((d) => d.id);
    const out: number[] = [];
    for (let i = 0; i < saves; i++) {
      const doc = await store.read(ids[(i * 37) % ids.length]!);
      const [ms] = await time(() => store.save({ ...doc, status: 'in_progress', updatedAt: new Date().toISOString() }));
      out.push(ms);
    }
    return med(out);
  } finally {
    await store.close();
  }
}

export async function runCorpusBench(runs: number): Promise<ResultRecord[]> {
  const t0 = Date.now();
  const big = await corpusOf(10_000);
  const small = await corpusOf(100);
  process.stderr.write(`[bench] corpora ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  const cold: number[] = [];
  const warm: number[] = [];
  const open: number[] = [];
  const exp: number[] = [];
  let listed = 0;
  let spans = 0;
  for (let r = 0; r < runs; r++) {
    await rm(path.join(big, '.spanmark'), { recursive: true, force: true });
    const [c, s1] = await time(async () => {
      const s = await CorpusStore.open(big);
      listed = s.list().length;
      return s;
    });
    cold.push(c);
    await s1.close(); // writes the summary cache
    const [w, store] = await time(async () => {
      const s = await CorpusStore.open(big);
      s.list();
      return s;
    });
    warm.push(w);
    try {
      const ids = store.list().map((d) => d.id);
      const reads: number[] = [];
      for (let i = 0; i < 20; i++) reads.push((await time(() => store.read(ids[(r * 20 + i) * 97 % ids.length]!)))[0]);
      open.push(med(reads));
      const [e] = await time(async () => {
        const corpus = await store.readAll();
        const result = exportCodec('doccano').export(corpus);
        spans = result.spans;
        await writeFile(path.join(TMP, 'export.jsonl'), result.files[0]!.data);
      });
      exp.push(e);
    } finally {
      await store.close();
    }
    process.stderr.write(`[bench] corpus run ${r + 1}: listed ${listed}, exported ${spans} spans\n`);
  }
  const saveBig = await autosave(big, 20);
  const saveSmall = await autosave(small, 20);
  const rec = (metric: string, v: number, unit = 'ms', workload = 'corpus 10k docs'): ResultRecord => ({ workload, metric, spanmark: v, recogito: null, floor: null, unit });
  return [
    rec(`list ${listed} docs, cold`, med(cold)),
    rec(`list ${listed} docs, warm`, med(warm)),
    rec('open next document', med(open)),
    rec(`export ${spans} spans to JSONL`, med(exp)),
    rec('autosave one document', saveBig),
    rec('autosave one document', saveSmall, 'ms', 'corpus 100 docs'),
    rec('autosave 10k ÷ 100 docs', saveBig / saveSmall, '×'),
  ];
}
