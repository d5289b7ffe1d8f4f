import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { CorpusStore } from '../corpus-store';
import type { Document } from '../../../shared/model/schema';

/**
 * Test support: the embedded team server as a real child process (started
 * through the CLI exactly as a lead would, on a free port of 127.0.0.1), so
 * tests can kill it mid-replication and start it again on the same data.
 */

const repo = path.resolve(import.meta.dirname, '../../..');
export const ADMIN = { name: 'admin', password: 'admin-secret' };

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** SIGKILL: no clean shutdown, as a crash or a pulled plug */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export function startServer(dataDir: string, port = 0): Promise<ServerProcess> {
  const child = spawn(process.execPath, [path.join(repo, 'bin/spanmark.mjs'), 'serve', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1', '--admin', `${ADMIN.name}:${ADMIN.password}`], {
    cwd: repo,
    env: { ...process.env, SPANMARK_CLI_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (!m) return;
      const url = m[1]!;
      resolve({
        url,
        port: Number(new URL(url).port),
        child,
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

const T = '2026-03-01T10:00:00.000Z';

/** A small corpus of `n` documents, each "Doc i says the minister claimed 40 people left." */
export async function makeCorpus(dir: string, n: number, name = 'Team corpus'): Promise<CorpusStore> {
  const store = await CorpusStore.create(dir, { name, guidelines: 'Label every claim.' });
  const docs: Document[] = [];
  for (let i = 0; i < n; i++) {
    docs.push({ id: `d${i}`, title: `Document ${i}`, source: {}, text: `Doc ${i} says the minister claimed 40 people left.`, status: 'todo', spans: [], relations: [] });
  }
  await store.addDocuments(docs);
  return store;
}

/** Adds a claim span (by `who`) over "40 people left" and marks the document done. */
export function labelled(doc: Document, who: string, label = 'claim'): Document {
  const start = doc.text.indexOf('40 people left');
  return {
    ...doc,
    status: 'done',
    spans: [...doc.spans, { id: `s_${who}_${doc.spans.length}`, label, start, end: start + '40 people left'.length, text: '40 people left', annotator: who, createdAt: T, updatedAt: T }],
  };
}
