import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenCorpus } from '../../shared/formats/__fixtures__/golden';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/spanmark.mjs');
const fixtures = path.join(repo, 'shared/formats/__fixtures__');

function spanmark(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: repo, env: { ...process.env, SPANMARK_CLI_SOURCE: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spanmark-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('spanmark CLI', () => {
  it('exits 0 for --help and 2 for usage errors', async () => {
    expect((await spanmark('--help')).code).toBe(0);
    const missing = await spanmark('export', path.join(dir, 'nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--format <format>'/);
    expect((await spanmark('export', dir, '--format', 'xml', '--out', 'x')).code).toBe(2);
    expect((await spanmark('frobnicate')).code).toBe(2);
    expect((await spanmark('stats', path.join(dir, 'no-corpus'))).code).toBe(2);
  });

  it('imports a folder, then stats, validates and exports with filters', async () => {
    const src = path.join(dir, 'src');
    await mkdir(src);
    await cp(path.join(fixtures, 'brat'), path.join(src, 'brat'), { recursive: true });
    await cp(path.join(fixtures, 'doccano-relations.jsonl'), path.join(src, 'd.jsonl'));
    const corpus = path.join(dir, 'corpus');
    const imp = await spanmark('import', src, '--into', corpus);
    expect(imp.stderr).toMatch(/\[2\/2\]/);
    expect(imp.stderr).toMatch(/warning: .*discontinuous/);
    expect(imp.stdout).toMatch(/imported 3 document\(s\) with 12 span\(s\)/);
    expect(imp.code).toBe(0);

    const stats = await spanmark('stats', corpus, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ documents: 3, spans: 12, relations: { content: 2, source: 2 } });

    const val = await spanmark('validate', corpus);
    expect(val.code).toBe(0);
    expect(val.stdout).toMatch(/3 document\(s\), no problems/);

    const out = path.join(dir, 'out.jsonl');
    const exp = await spanmark('export', corpus, '--format', 'doccano', '--out', out, '--labels', 'actor,figure', '--status', 'todo', '--offsets', 'utf16');
    expect(exp.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { text: string; entities: { label: string; start_offset: number; end_offset: number }[] });
    expect(lines).toHaveLength(3);
    const labels = new Set(lines.flatMap((l) => l.entities.map((e) => e.label)));
    expect(labels).toEqual(new Set(['actor', 'figure']));
    const ministry = lines.flatMap((l) => l.entities.map((e) => l.text.slice(e.start_offset, e.end_offset)));
    expect(ministry).toContain('62 servicemen');

    const zip = await spanmark('export', corpus, '--format', 'brat', '--out', path.join(dir, 'b.zip'));
    expect(zip.code).toBe(0);
    expect(zip.stdout).toMatch(/exported 3 document\(s\), 12 span\(s\) as brat/);
  });

  it('exits 1 and names files and lines when an import is partial', async () => {
    const src = path.join(dir, 'partial');
    await mkdir(src);
    await writeFile(path.join(src, 'ok.jsonl'), '{"text": "fine", "label": [[0, 4, "claim"]]}\n');
    await writeFile(path.join(src, 'bad.jsonl'), '{"text": "fine"}\n{"text": "x", "label": [[0, 7, "claim"]]}\n');
    await writeFile(path.join(src, 'new.jsonl'), '{"text": "rumour mill", "label": [[0, 6, "rumour"]]}\n');
    const corpus = path.join(dir, 'partial-corpus');
    const r = await spanmark('import', src, '--into', corpus);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: ${path.join('partial', 'bad.jsonl')}:2:`);
    expect(r.stderr).toMatch(/rerun with --add-labels.*rumour/);
    expect(r.stdout).toMatch(/imported 1 document/);
    const again = await spanmark('import', path.join(src, 'new.jsonl'), '--into', corpus, '--add-labels', '--annotator', 'carol');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/added to the schema: rumour/);
    const stats = JSON.parse((await spanmark('stats', corpus, '--json')).stdout) as { annotators: Record<string, number>; labels: Record<string, number> };
    expect(stats.annotators).toEqual({ carol: 1, unknown: 1 });
    expect(stats.labels).toEqual({ claim: 1, rumour: 1 });
  });

  it('validates a single file and reports each problem', async () => {
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify(goldenCorpus()));
    expect((await spanmark('validate', good)).code).toBe(0);
    const c = goldenCorpus();
    c.documents[0]!.spans[0]!.end = 999;
    c.documents[0]!.relations[0]!.to = 'ghost';
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(c));
    const r = await spanmark('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/doc-1\/s1: span 0–999 ends past the text/);
    expect(r.stderr).toMatch(/relation points to missing span "ghost"/);
    expect(r.stdout).toMatch(/2 problem\(s\)/);
    const notJson = path.join(dir, 'x.json');
    await writeFile(notJson, '{');
    expect((await spanmark('validate', notJson)).code).toBe(1);
  });

  it('runs as the built bundle on plain Node, without tsx', async () => {
    const build = await new Promise<number>((resolve) => execFile(process.execPath, [path.join(repo, 'scripts/build-cli.mjs')], { cwd: repo }, (err) => resolve(err ? 1 : 0)));
    expect(build).toBe(0);
    const corpus = path.join(dir, 'bundled');
    const plain = (...args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        const env = { ...process.env };
        delete env.SPANMARK_CLI_SOURCE;
        execFile(process.execPath, [bin, ...args], { cwd: repo, env }, (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout }));
      });
    const imported = await plain('import', path.join(fixtures, 'brat'), '--into', corpus, '--add-labels');
    expect(imported.code).toBe(0);
    const stats = await plain('stats', corpus, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).documents).toBeGreaterThan(0);
  });

  it('carries the label schema and guidelines through export and import', async () => {
    const src = path.join(dir, 'schema-src.json');
    const corpus = goldenCorpus();
    const schema = {
      labels: [...corpus.schema.labels.map((l) => ({ ...l, color: '#123456', description: `custom ${l.name}` })), { name: 'speaker', description: 'who talks', color: '#abcdef', examples: ['the mayor'] }],
      relationTypes: corpus.schema.relationTypes,
    };
    await writeFile(src, JSON.stringify({ ...corpus, schema, guidelines: '# Our rules' }));
    const target = path.join(dir, 'schema-target');
    expect((await spanmark('import', src, '--into', target)).code).toBe(0);
    const out = path.join(dir, 'schema-out.json');
    expect((await spanmark('export', target, '--format', 'spanmark', '--out', out)).code).toBe(0);
    const back = JSON.parse(await readFile(out, 'utf8'));
    expect(back.schema).toEqual(schema);
    expect(back.guidelines).toBe('# Our rules');
  });
});
