/**
 * Team sync figures (issue 14), against the embedded server as its own
 * process on 127.0.0.1, as a team would run it:
 *  - first sync of a 10,000-document corpus with 200,000 spans: the lead
 *    publishing it, then an annotator receiving it;
 *  - one edit reaching the lead: from the annotator's save to the lead's
 *    dashboard figures showing it (one sync round on each side);
 *  - a lead's quiet round with ten annotators (one database each to read).
 * Sizes: BENCH_SYNC_DOCS (default 10000), 20 spans per document.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Document } from '../shared/model/schema';
import { CorpusStore } from '../main/services/corpus-store';
import { initDatabase, putUser } from '../main/services/sync/couch-admin';
import { openTeamCorpus } from '../main/services/sync/team-link';
import { databaseFor } from '../main/services/sync/team-names';

const DOCS = Number(process.env.BENCH_SYNC_DOCS ?? 10_000);
const SPANS = 20;
const ADMIN = { name: 'admin', password: 'bench-admin' };
const T = '2026-03-01T10:00:00.000Z';

function doc(i: number): Document {
  const words: string[] = [];
  for (let k = 0; k < SPANS * 3; k++) words.push(`word${(i * 7 + k) % 97}`);
  const text = `Report ${i}: ${words.join(' ')}.`;
  const spans = [];
  let at = text.indexOf(':') + 2;
  for (let s = 0; s < SPANS; s++) {
    const w = words[s * 3]!;
    spans.push({ id: `s${s}`, label: s % 2 ? 'actor' : 'claim', start: at, end: at + w.length, text: w, annotator: 'lead', createdAt: T, updatedAt: T });
    at += words[s * 3]!.length + 1 + words[s * 3 + 1]!.length + 1 + words[s * 3 + 2]!.length + 1;
  }
  return { id: `d${i}`, title: `Report ${i}`, source: {}, text, status: 'todo', spans, relations: [] };
}

async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const bin = path.resolve('bin/spanmark.mjs');
  const child = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', '0', '--admin', `${ADMIN.name}:${ADMIN.password}`], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SPANMARK_CLI_SOURCE: '1' } });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const loadBefore = os.loadavg()[0]!.toFixed(1);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-bench-sync-'));
const server = await startServer(path.join(tmp, 'server'));
try {
  await putUser(server.url, ADMIN, 'lea', 'lea-pw', 'lead');
  await putUser(server.url, ADMIN, 'ann', 'ann-pw', 'annotator');
  const leadDir = path.join(tmp, 'lead');
  const store = await CorpusStore.create(leadDir, { name: 'bench' });
  for (let i = 0; i < DOCS; i += 1000) await store.addDocuments(Array.from({ length: Math.min(1000, DOCS - i) }, (_, k) => doc(i + k)));
  const database = databaseFor(store.meta.id);
  await store.close();
  await initDatabase(server.url, database, ADMIN);
  const dbUrl = `${server.url}/${database}`;

  const results: { metric: string; value: string }[] = [];
  let t = performance.now();
  const lead = await openTeamCorpus(leadDir, dbUrl, { name: 'lea', password: 'lea-pw' });
  const published = await lead.sync.round();
  results.push({ metric: `first sync, lead publishes ${DOCS} documents / ${DOCS * SPANS} spans`, value: seconds(performance.now() - t) });
  if (published.pushed < DOCS) throw new Error(`only ${published.pushed} documents pushed`);

  t = performance.now();
  const ann = await openTeamCorpus(path.join(tmp, 'ann'), dbUrl, { name: 'ann', password: 'ann-pw' });
  const received = await ann.sync.round();
  results.push({ metric: `first sync, annotator receives ${received.added} documents`, value: seconds(performance.now() - t) });

  t = performance.now();
  const quiet = await ann.sync.round();
  results.push({ metric: `a round with nothing to do (${quiet.pushed + quiet.pulled} moved)`, value: seconds(performance.now() - t) });

  t = performance.now();
  const d = await ann.store.read('d42');
  await ann.store.save({ ...d, status: 'done' });
  await ann.sync.round();
  await lead.sync.round();
  const progress = await lead.sync.teamProgress();
  const seen = progress.find((p) => p.annotator === 'ann')?.done === 1;
  results.push({ metric: `one edit reaching the lead (save → annotator round → lead round → dashboard)${seen ? '' : ' — NOT SEEN'}`, value: seconds(performance.now() - t) });

  // a lead reads every annotator's own database each round: the cost of a quiet round with ten of them
  for (let k = 1; k < 10; k++) await putUser(server.url, ADMIN, `ann${k}`, 'pw', 'annotator');
  await lead.sync.round();
  t = performance.now();
  await lead.sync.round();
  results.push({ metric: "a lead's round with nothing to do, 10 annotators' databases", value: seconds(performance.now() - t) });

  for (const s of [lead, ann]) {
    await s.sync.close();
    await s.store.close();
  }
  // the machine is often shared: the load says how far these figures are from an idle one
  console.log(`\nteam sync (embedded server, 127.0.0.1; sync through the CLI/service code, not the app window; load average ${loadBefore} → ${os.loadavg()[0]!.toFixed(1)})`);
  for (const r of results) console.log(`  ${r.value.padStart(8)}  ${r.metric}`);
} finally {
  await server.stop();
  await rm(tmp, { recursive: true, force: true });
}
