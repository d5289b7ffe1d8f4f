import { parseCsv } from '../../shared/formats/__fixtures__/parse-csv';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FileProblem } from '../../shared/ipc/contract';
import type { Document } from '../../shared/model/schema';
import { formatProblem } from '../cli/report';
import { CorpusStore } from './corpus-store';
import { exportCorpus } from './exporter';
import { importIntoStore } from './import-into-store';
import { MAX_IMPORT_BYTES } from './importer';

/**
 * Hostile and broken files through the real import path (importIntoStore
 * against a CorpusStore on disk, and the `spanmark import` CLI). A file is
 * either refused with a message that names it and says why, leaving the
 * corpus folder byte for byte as it was, or imported correctly. Small
 * inputs live in ./__hostile__; binary, badly encoded and huge ones are
 * generated here (random bytes from a recorded seed).
 */

// counts every readFile, so the test can tell that an oversized file was refused without being read
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, readFile: vi.fn(real.readFile) };
});

const HOSTILE = path.join(__dirname, '__hostile__');
const repo = path.resolve(__dirname, '../..');
const BYTES_SEED = 0x5eed;
const tried = new Set<string>();

let tmp: string;
let gen: string;
let corpusDir: string;
let baseline: Record<string, string>;
const beaconHits: string[] = [];
let beacon: Server;
let beaconUrl: string;

/** Every file and folder under `dir` with a hash of its bytes, size and mtime: any write, even of the same bytes, shows. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        out[`${rel}/`] = 'dir';
        await walk(full);
      } else {
        const st = await stat(full);
        out[rel] = `${createHash('sha256').update(await readFile(full)).digest('hex')} ${st.size} ${st.mtimeMs}`;
      }
    }
  };
  await walk(dir);
  return out;
}

/** Deterministic bytes (xorshift32), so a failure reproduces. */
function randomBytes(n: number, seed: number): Uint8Array {
  let x = seed >>> 0 || 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (order === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

function spanmark(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repo, 'bin/spanmark.mjs'), ...args], { cwd: repo, env: { ...process.env, SPANMARK_CLI_SOURCE: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function importOne(dir: string, input: string): Promise<Awaited<ReturnType<typeof importIntoStore>>> {
  tried.add(path.basename(input));
  const store = await CorpusStore.open(dir);
  try {
    return await importIntoStore(store, [input], { format: 'auto', addUnknownLabels: false });
  } finally {
    await store.close();
  }
}

async function freshCorpus(name: string): Promise<string> {
  const dir = path.join(tmp, 'corpora', name);
  await (await CorpusStore.create(dir, { name })).close();
  return dir;
}

async function documentsOf(dir: string): Promise<Document[]> {
  const store = await CorpusStore.open(dir, { readOnly: true });
  try {
    return (await store.readAll()).documents;
  } finally {
    await store.close();
  }
}

const RU = 'Минобороны заявило, что удар унёс жизни 62 военнослужащих.';
const ROCKET = '🚀 Launch: officials said the rocket cost 👩‍👩‍👧 families 3.5 million.\r\nThe mayor agreed.';

// --- refused inputs: [path under __hostile__ or generated name, the file the problem names, reason, line]
type Refusal = [input: string, file: string, reason: RegExp, line?: number];

const REFUSED_STATIC: Refusal[] = [
  ['malformed.json', 'malformed.json', /^not valid JSON: Expected double-quoted property name/, 4],
  ['truncated.json', 'truncated.json', /^not valid JSON: Unterminated string/, 36],
  ['not-json.json', 'not-json.json', /is not a format Spanmark reads/],
  ['malformed.jsonl', 'malformed.jsonl', /^not valid JSON: Unexpected non-whitespace character after JSON at position 47 \(column 48\)$/, 2],
  ['truncated.jsonl', 'truncated.jsonl', /^not valid JSON: Unterminated string/, 2],
  ['empty.txt', 'empty.txt', /^empty\.txt is empty$/],
  ['empty.jsonl', 'empty.jsonl', /^empty\.jsonl is empty$/],
  ['whitespace-only.jsonl', 'whitespace-only.jsonl', /is empty$/],
  ['doccano-empty-list.jsonl', 'doccano-empty-list.jsonl', /holds no documents \(read as doccano\)/],
  ['doccano-no-text.jsonl', 'doccano-no-text.jsonl', /needs a "text" string/, 2],
  ['doccano-offsets-out-of-range.jsonl', 'doccano-offsets-out-of-range.jsonl', /^claim: span 40–99 lies outside the text \(47 characters\)$/, 1],
  ['doccano-reversed-span.jsonl', 'doccano-reversed-span.jsonl', /^actor: span 9–4 is empty or reversed$/, 1],
  ['doccano-negative-offset.jsonl', 'doccano-negative-offset.jsonl', /span -3–4 lies outside the text/, 1],
  ['doccano-fractional-offset.jsonl', 'doccano-fractional-offset.jsonl', /offsets must be integers, got 0–4\.5/, 1],
  ['doccano-duplicate-entity-ids.jsonl', 'doccano-duplicate-entity-ids.jsonl', /^duplicate entity id 7$/, 1],
  ['doccano-relation-to-missing-entity.jsonl', 'doccano-relation-to-missing-entity.jsonl', /relation 5 points to a missing entity \(1 → 42\)/, 1],
  ['spanmark-offsets-out-of-range.json', 'spanmark-offsets-out-of-range.json', /d1\/s1: span 40–60 ends past the text \(47 code points\)/, 45],
  ['spanmark-reversed-span.json', 'spanmark-reversed-span.json', /d1\/s1: span 9–4 is empty or reversed/, 45],
  ['spanmark-negative-offset.json', 'spanmark-negative-offset.json', /documents\.0\.spans\.0\.start: Too small/, 45],
  ['spanmark-text-mismatch.json', 'spanmark-text-mismatch.json', /span text "major" does not match the text at 4–9: "mayor"/, 45],
  ['spanmark-duplicate-span-ids.json', 'spanmark-duplicate-span-ids.json', /duplicate span id "s1"/, 45],
  ['spanmark-relation-to-missing-span.json', 'spanmark-relation-to-missing-span.json', /relation points to missing span "s9"/, 45],
  ['spanmark-newer-version.json', 'spanmark-newer-version.json', /written by a newer Spanmark \(schema version 99; this version reads \d+\)/],
  ['labelstudio-offsets-out-of-range.json', 'labelstudio-offsets-out-of-range.json', /span 40–90 lies outside the text/, 13],
  ['labelstudio-text-mismatch.json', 'labelstudio-text-mismatch.json', /region text "major" does not match the document at 4–9 \(found "mayor"\)/, 13],
  ['labelstudio-relation-to-missing-region.json', 'labelstudio-relation-to-missing-region.json', /relation a1 → zz points to a missing region/, 3],
  ['brat-offsets-out-of-range', 'brat-offsets-out-of-range/offsets-out-of-range.ann', /T2: offsets 40–99 lie outside the text \(47 characters\)/, 2],
  ['brat-reversed-span', 'brat-reversed-span/reversed-span.ann', /T1: offsets 9–4 .* or are empty/, 1],
  ['brat-text-mismatch', 'brat-text-mismatch/text-mismatch.ann', /T1: text "major" does not match "mayor"/, 1],
  ['brat-duplicate-ids', 'brat-duplicate-ids/duplicate-ids.ann', /^duplicate id T1$/, 2],
  ['brat-relation-to-missing-entity', 'brat-relation-to-missing-entity/relation-to-missing-entity.ann', /R1 points to a missing entity \(T1 → T7\)/, 2],
  ['brat-truncated-line', 'brat-truncated-line/truncated-line.ann', /not a brat annotation line: "T2\\tattribution 10"/, 2],
  ['brat-missing-txt', 'brat-missing-txt/orphan.ann', /has no orphan\.txt beside it/],
  ['conll-ragged.conll', 'conll-ragged.conll', /expected 2 columns like the lines before, found 1/, 3],
];

const HUGE = 'huge.txt';
const REFUSED_GENERATED: Refusal[] = [
  ['binary-renamed.txt', 'binary-renamed.txt', /^binary-renamed\.txt looks like a binary file, not text$/],
  ['random-bytes.txt', 'random-bytes.txt', /looks like a binary file/],
  ['bom-then-binary.txt', 'bom-then-binary.txt', /looks like a binary file/],
  ['damaged-utf8.jsonl', 'damaged-utf8.jsonl', /^damaged-utf8\.jsonl is not valid UTF-8: byte \d+ is damaged/],
  ['cut-mid-character.txt', 'cut-mid-character.txt', /is not valid UTF-8: byte \d+ is damaged/],
  ['utf16-odd-length.txt', 'utf16-odd-length.txt', /starts with a UTF-16LE byte order mark but is not valid UTF-16LE/],
  ['utf16-lone-surrogate.txt', 'utf16-lone-surrogate.txt', /not valid UTF-16BE/],
  ['deeply-nested.json', 'deeply-nested.json', /is not a format Spanmark reads/],
  [HUGE, HUGE, /^huge\.txt is 5\d\.\d MB, above the 50\.0 MB import limit; split it into smaller files$/],
];

async function generateInputs(): Promise<void> {
  const put = (name: string, data: string | Uint8Array) => writeFile(path.join(gen, name), data);
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...randomBytes(4096, BYTES_SEED)]);
  await put('binary-renamed.txt', png);
  await put('random-bytes.txt', randomBytes(64 * 1024, BYTES_SEED + 1));
  await put('bom-then-binary.txt', new Uint8Array([0xff, 0xfe, ...new Uint8Array(64)]));
  // valid UTF-8 Cyrillic with one byte knocked out: read as Windows-1252 every offset would point at mojibake
  const good = Buffer.from(JSON.stringify({ text: RU, label: [[0, 10, 'actor']] }) + '\n', 'utf8');
  good[20] = 0xff;
  await put('damaged-utf8.jsonl', good);
  const ru = Buffer.from(RU, 'utf8');
  await put('cut-mid-character.txt', ru.subarray(0, 5)); // "Ми" and half of "н"
  await put('utf16-odd-length.txt', utf16('The mayor said so.', 'le').subarray(0, 9));
  await put('utf16-lone-surrogate.txt', Buffer.concat([utf16('rocket ', 'be'), Buffer.from([0xd8, 0x3d, 0x00, 0x21])]));
  await put('deeply-nested.json', '['.repeat(200_000) + ']'.repeat(200_000));
  // valid inputs
  const doccanoLine = (text: string, label: [number, number, string][]) => JSON.stringify({ text, label }) + '\n';
  await put('utf16le-bom.txt', utf16(ROCKET, 'le'));
  await put('utf16be-bom.txt', utf16(ROCKET, 'be'));
  // code point offsets of "officials" and "3.5 million" after the astral 🚀 and the 5-code-point family
  await put('utf16le-bom.jsonl', utf16(doccanoLine(ROCKET, [[10, 19, 'actor'], [56, 67, 'figure']]), 'le'));
  await put('windows-1252.txt', new Uint8Array([...latin1('Caf'), 0xe9, ...latin1(' owner said '), 0x93, ...latin1('no'), 0x94, ...latin1(' \u00ad'), 0x96, ...latin1(' 5 '), 0x80]));
  await put('windows-1252.jsonl', Buffer.concat([Buffer.from('{"text": "Caf'), Buffer.from([0xe9]), Buffer.from(' owner Ren'), Buffer.from([0xe9]), Buffer.from(' said so", "label": [[11, 15, "actor"]]}\n')]));
  await put('utf8-bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doccanoLine(RU, [[0, 10, 'actor']]), 'utf8')]));
  // over the limit, written in chunks so the test itself never holds it either
  await new Promise<void>((resolve, reject) => {
    const ws = createWriteStream(path.join(gen, HUGE));
    const line = 'The council said the bridge would cost 40 million, according to officials.\n'.repeat(1000);
    let left = MAX_IMPORT_BYTES + 1024 * 1024;
    const pump = () => {
      while (left > 0) {
        left -= line.length;
        if (!ws.write(line)) return void ws.once('drain', pump);
      }
      ws.end(resolve);
    };
    ws.on('error', reject);
    pump();
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-hostile-'));
  gen = path.join(tmp, 'generated');
  await mkdir(gen);
  console.log(`[hostile] random bytes from seed ${BYTES_SEED}`);
  await generateInputs();
  beacon = createServer((req, res) => {
    beaconHits.push(req.url ?? '');
    res.end('');
  });
  await new Promise<void>((r) => beacon.listen(0, '127.0.0.1', r));
  beaconUrl = `http://127.0.0.1:${(beacon.address() as { port: number }).port}`;
  // a corpus with work in it, which every refused import must leave exactly as it was
  corpusDir = await freshCorpus('target');
  const store = await CorpusStore.open(corpusDir);
  const r = await importIntoStore(store, [path.join(HOSTILE, 'spanmark-lone-document.json')], { format: 'auto', addUnknownLabels: false });
  expect(r.errors).toEqual([]);
  await store.close();
  baseline = await snapshot(corpusDir);
  expect(Object.keys(baseline)).toEqual(expect.arrayContaining(['corpus.json', '.spanmark/index.json', expect.stringMatching(/^docs\/lone-1\.json$/)]));
}, 60_000);

afterAll(async () => {
  console.log(`[hostile] hostile inputs tried: ${tried.size}`);
  await new Promise((r) => beacon?.close(r));
  await rm(tmp, { recursive: true, force: true });
});

function expectRefusal(report: { imported: unknown[]; errors: FileProblem[] }, [, file, reason, line]: Refusal): void {
  expect(report.imported).toEqual([]);
  expect(report.errors).toHaveLength(1);
  const err = report.errors[0]!;
  expect(err.file).toBe(file);
  expect(err.message).toMatch(reason);
  if (line !== undefined) expect(err.line).toBe(line);
  // what the user reads (dialog, CLI) starts with the file
  expect(formatProblem(err).startsWith(file)).toBe(true);
}

describe('refused inputs leave the corpus byte-identical', () => {
  it.each(REFUSED_STATIC)('%s', async (...refusal) => {
    const report = await importOne(corpusDir, path.join(HOSTILE, refusal[0]));
    expectRefusal(report, refusal);
    expect(await snapshot(corpusDir)).toEqual(baseline);
  });

  it.each(REFUSED_GENERATED)('%s (generated)', async (...refusal) => {
    const input = path.join(gen, refusal[0]);
    const started = performance.now();
    const report = await importOne(corpusDir, input);
    const ms = performance.now() - started;
    expectRefusal(report, refusal);
    expect(await snapshot(corpusDir)).toEqual(baseline);
    if (refusal[0] === HUGE) {
      expect(ms).toBeLessThan(2000);
      expect(vi.mocked(readFile).mock.calls.some(([p]) => String(p) === input)).toBe(false);
    }
  });

  it('through the CLI: every refused file is named with its reason, exit 1, nothing written', async () => {
    const inputs = [...REFUSED_STATIC.map(([p]) => path.join(HOSTILE, p)), ...REFUSED_GENERATED.map(([p]) => path.join(gen, p))];
    const cli = await spanmark('import', ...inputs, '--into', corpusDir);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/^imported 0 document\(s\) with 0 span\(s\)/);
    const errors = cli.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(inputs.length);
    for (const [, file, reason, line] of [...REFUSED_STATIC, ...REFUSED_GENERATED]) {
      const prefix = `error: ${file}${line !== undefined ? `:${line}` : ''}: `;
      const hit = errors.find((l) => l.startsWith(prefix));
      expect(hit, `no error line for ${file}`).toBeDefined();
      expect(hit!.slice(prefix.length)).toMatch(reason);
    }
    expect(await snapshot(corpusDir)).toEqual(baseline);
  }, 60_000);
});

describe('valid but awkward inputs import exactly', () => {
  it('UTF-16 LE and BE with a BOM: text kept exactly (CRLF, emoji), offsets in code points', async () => {
    for (const name of ['utf16le-bom.txt', 'utf16be-bom.txt']) {
      const dir = await freshCorpus(name);
      const r = await importOne(dir, path.join(gen, name));
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect((await documentsOf(dir))[0]!.text).toBe(ROCKET);
    }
    const dir = await freshCorpus('utf16-doccano');
    const r = await importOne(dir, path.join(gen, 'utf16le-bom.jsonl'));
    expect(r.errors).toEqual([]);
    const [doc] = await documentsOf(dir);
    expect(doc!.spans.map((s) => [s.label, s.text])).toEqual([
      ['actor', 'officials'],
      ['figure', '3.5 million'],
    ]);
  });

  it('a UTF-8 BOM is dropped and does not shift offsets', async () => {
    const dir = await freshCorpus('utf8-bom');
    expect((await importOne(dir, path.join(gen, 'utf8-bom.jsonl'))).errors).toEqual([]);
    const [doc] = await documentsOf(dir);
    expect(doc!.text).toBe(RU);
    expect(doc!.spans.map((s) => s.text)).toEqual(['Минобороны']);
  });

  it('Windows-1252 (Latin-1) is converted, with a warning naming the file', async () => {
    const dir = await freshCorpus('cp1252');
    const txt = await importOne(dir, path.join(gen, 'windows-1252.txt'));
    expect(txt.errors).toEqual([]);
    expect(txt.warnings.map(formatProblem)).toEqual(['windows-1252.txt: windows-1252.txt is not valid UTF-8; read it as Windows-1252 (Latin-1). Check accented letters.']);
    const jsonl = await importOne(dir, path.join(gen, 'windows-1252.jsonl'));
    expect(jsonl.warnings).toHaveLength(1);
    const docs = await documentsOf(dir);
    expect(docs[0]!.text).toBe('Café owner said “no” \u00ad– 5 €');
    expect(docs[1]!.spans.map((s) => s.text)).toEqual(['René']);
  });

  it('a lone Spanmark document (a docs/<id>.json copied out of a corpus) keeps its spans and relations', async () => {
    const dir = await freshCorpus('lone');
    const r = await importOne(dir, path.join(HOSTILE, 'spanmark-lone-document.json'));
    expect(r.errors).toEqual([]);
    const [doc] = await documentsOf(dir);
    expect(doc!.spans.map((s) => [s.label, s.text])).toEqual([
      ['actor', 'The mayor'],
      ['attribution', 'said'],
      ['claim', 'the bridge will cost 40 million.'],
    ]);
    expect(doc!.relations.map((x) => [x.type, x.from, x.to])).toEqual([['source', 's2', 's1']]);
  });

  it('through the CLI: the valid files import, with the encoding warning on stderr', async () => {
    const dir = path.join(tmp, 'corpora', 'cli-valid');
    const names = ['utf16le-bom.txt', 'utf16be-bom.txt', 'utf16le-bom.jsonl', 'windows-1252.txt', 'utf8-bom.jsonl'];
    names.forEach((n) => tried.add(n));
    const cli = await spanmark('import', ...names.map((n) => path.join(gen, n)), path.join(HOSTILE, 'spanmark-lone-document.json'), '--into', dir);
    expect(cli.stderr).not.toMatch(/^error:/m);
    expect(cli.stderr).toMatch(/^warning: windows-1252\.txt: windows-1252\.txt is not valid UTF-8/m);
    expect(cli.stdout).toMatch(/^imported 6 document\(s\) with 6 span\(s\)/);
    expect(cli.code).toBe(0);
  }, 60_000);
});

describe('hostile HTML', () => {
  // each test has its own beacon path, so a late request from the control cannot be blamed on the import
  const page = async (tag: string) => (await readFile(path.join(HOSTILE, 'hostile.html'), 'utf8')).replaceAll('__BEACON__', `${beaconUrl}/${tag}`);
  const hits = (tag: string) => beaconHits.filter((h) => h.startsWith(`/${tag}/`)).map((h) => h.slice(tag.length + 1));
  const waitFor = async (cond: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
  };

  it('the markers and the beacon do detect script execution and resource loads (control)', async () => {
    // the same page in a jsdom that is allowed to run scripts and fetch: if this did not show, the next test could not fail
    const dom = new JSDOM(await page('control'), { runScripts: 'dangerously', resources: 'usable', url: `${beaconUrl}/page.html` });
    await waitFor(() => hits('control').includes('/inline-script') && hits('control').includes('/external-script.js'), 5000);
    expect(dom.window.document.documentElement.textContent).toMatch(/SCRIPT-RAN/);
    expect(hits('control')).toEqual(expect.arrayContaining(['/inline-script', '/external-script.js']));
    dom.window.close();
  });

  it('imports the article text only: no script runs, nothing is fetched, no markup is kept', async () => {
    const file = path.join(tmp, 'hostile.html');
    await writeFile(file, await page('import'));
    const dir = await freshCorpus('html');
    const r = await importOne(dir, file);
    expect(r.errors).toEqual([]);
    const [doc] = await documentsOf(dir);
    await new Promise((res) => setTimeout(res, 300));
    expect(hits('import')).toEqual([]);
    expect(doc!.title).toBe('Council approves the bridge budget');
    expect(doc!.text).not.toMatch(/SCRIPT-RAN|SVG-CONTENT|Subscribe/);
    expect(doc!.text).not.toMatch(/[<>]|javascript:|onerror|onload|127\.0\.0\.1/i);
    expect(doc!.text).toMatch(/^The council said on Monday that the new bridge would cost 40 million/);
    expect(doc!.text).toMatch(/Critics called the figure optimistic/);
    expect(doc!.text).toMatch(/adding that every household would receive a leaflet\.$/);
  });
});

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula, and only those', async () => {
    const text = '=HYPERLINK("http://evil.example","x") said +44 20 and -2+3 or @SUM(A1:A9) then\tTAB and\rCR end';
    const at = (needle: string) => {
      const start = [...text.slice(0, text.indexOf(needle))].length;
      return { start, end: start + [...needle].length, text: needle };
    };
    const pieces = ['=HYPERLINK("http://evil.example","x")', '+44 20', '-2+3', '@SUM(A1:A9)', '\tTAB', '\rCR', 'said'];
    const now = '2026-03-14T09:00:00.000Z';
    const doc: Document = {
      id: 'csv-1',
      title: '=cmd|\' /C calc\'!A0',
      source: {},
      text,
      status: 'done',
      spans: pieces.map((p, i) => ({ id: `s${i}`, label: 'claim', ...at(p), annotator: i === 6 ? '+dana' : 'dana', createdAt: now, updatedAt: now, ...(i === 0 ? { note: '@note' } : {}) })),
      relations: [],
    };
    const dir = await freshCorpus('csv');
    const store = await CorpusStore.open(dir);
    await store.addDocuments([doc]);
    const corpus = await store.readAll();
    await store.close();
    const out = path.join(tmp, 'spans.csv');
    await exportCorpus(corpus, 'csv', out);
    const rows = parseCsv((await readFile(out, 'utf8')).replace(/^\uFEFF/, ''));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const body = rows.slice(1);
    expect(body).toHaveLength(pieces.length);
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const textOf = new Map(body.map((r) => [r[col('span_id')]!, r[col('text')]!]));
    pieces.forEach((p, i) => expect(textOf.get(`s${i}`)).toBe(i === 6 ? 'said' : `'${p}`));
    expect(body[0]![col('document_title')]).toBe(`'=cmd|' /C calc'!A0`);
    expect(body.find((r) => r[col('span_id')] === 's0')![col('note')]).toBe("'@note");
    expect(body.find((r) => r[col('span_id')] === 's6')![col('annotator')]).toBe("'+dana");
    tried.add('csv-formula-cells');
  });
});

