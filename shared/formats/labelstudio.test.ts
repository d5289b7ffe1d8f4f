import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenCorpus, project } from './__fixtures__/golden';
import { detectFormat } from './index';
import { exportLabelStudio, importLabelStudio } from './labelstudio';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8') });
const str = (d: string | Uint8Array) => (typeof d === 'string' ? d : new TextDecoder().decode(d));

describe('Label Studio codec', () => {
  it.each(['codepoint', 'utf16'] as const)('round-trips spans, relations, annotators and notes (%s offsets)', (offsets) => {
    const corpus = goldenCorpus();
    const out = exportLabelStudio(corpus, { offsets });
    const back = importLabelStudio([{ name: 'ls.json', text: str(out.files[0]!.data) }]);
    expect(back.problems).toEqual([]);
    const opts = { title: true, annotator: true, note: true };
    expect(back.documents.map((d) => project(d, opts))).toEqual(corpus.documents.map((d) => project(d, opts)));
  });

  it('writes UTF-16 offsets when asked', () => {
    const tasks = JSON.parse(str(exportLabelStudio(goldenCorpus(), { offsets: 'utf16' }).files[0]!.data)) as {
      data: { text: string };
      annotations: { result: { value?: { start: number; end: number; text: string } }[] }[];
    }[];
    for (const t of tasks)
      for (const a of t.annotations) for (const r of a.result) if (r.value) expect(t.data.text.slice(r.value.start, r.value.end)).toBe(r.value.text);
  });

  it('reads a Label Studio export: multi-label regions, notes, left relations, skipped choices', () => {
    const r = importLabelStudio([fixture('labelstudio-export.json')]);
    expect(r.problems).toEqual([]);
    const d = r.documents[0]!;
    expect(d.spans.map((s) => [s.label, s.start, s.end, s.text, s.annotator])).toEqual([
      ['actor', 10, 19, 'officials', 'user 1'],
      ['figure', 25, 38, '62 servicemen', 'user 1'],
      ['claim', 25, 38, '62 servicemen', 'user 1'],
      ['attribution', 45, 57, 'according to', 'user 1'],
      ['actor', 58, 70, 'the Ministry', 'user 1'],
    ]);
    expect(d.spans[1]!.note).toBe('rounded in the original');
    const text = new Map(d.spans.map((s) => [s.id, s.text]));
    expect(d.relations.map((x) => [x.type, text.get(x.from), text.get(x.to)])).toEqual([
      ['source', 'according to', 'the Ministry'],
      ['content', 'according to', '62 servicemen'],
    ]);
    expect(r.warnings.some((w) => /choices/.test(w.message))).toBe(true);
  });

  it('detects pre-2022 UTF-16 offsets from the region text', () => {
    const r = importLabelStudio([fixture('labelstudio-utf16.json')]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.spans.map((s) => [s.start, s.end, s.text])).toEqual([[12, 22, 'annotation']]);
    expect(r.warnings.some((w) => /UTF-16/.test(w.message))).toBe(true);
  });

  it('decides the offset unit per task, so an ambiguous region follows its siblings', () => {
    // in UTF-16 "🚀aaa" has its a's at 2, 3, 4; read as code points, 2–3 is also an "a" — the wrong one
    const task = { id: 1, data: { text: '🚀aaa' }, annotations: [{ result: [
      { id: 'x1', type: 'labels', value: { start: 2, end: 3, text: 'a', labels: ['figure'] } },
      { id: 'x2', type: 'labels', value: { start: 0, end: 3, text: '🚀a', labels: ['claim'] } },
    ] }] };
    const r = importLabelStudio([{ name: 'ls.json', text: JSON.stringify([task]) }]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.spans.map((s) => [s.label, s.start, s.end])).toEqual([
      ['figure', 1, 2],
      ['claim', 0, 2],
    ]);
  });

  it('reports regions whose text matches no offsets, with a line', () => {
    const text = JSON.stringify(
      [{ id: 1, data: { text: 'hello world' }, annotations: [{ result: [{ id: 'x1', type: 'labels', value: { start: 0, end: 5, text: 'world', labels: ['a'] } }] }] }],
      null,
      2,
    );
    const r = importLabelStudio([{ name: 'ls.json', text }]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.file).toBe('ls.json');
    expect(text.split('\n')[r.problems[0]!.line! - 1]).toContain('"x1"');
    expect(r.problems[0]!.message).toMatch(/does not match/);
  });

  it('reports tasks without text', () => {
    const r = importLabelStudio([{ name: 'ls.json', text: '[{"id": 3, "data": {}}]' }]);
    expect(r.problems[0]).toMatchObject({ file: 'ls.json', line: 1 });
  });

  it('is detected on structure: a real export writes "annotations" before "data", here past the first 4,096 characters', () => {
    const f = fixture('labelstudio-real.json');
    expect(f.text.indexOf('"data"')).toBeGreaterThan(4096);
    expect(detectFormat('project-2-at-2024.json', f.text)).toBe('labelstudio');
  });

  it('reads a real export: trims a region\'s edge space with a warning, keeps ground_truth as accepted, warns about "bi" relations', () => {
    const r = importLabelStudio([fixture('labelstudio-real.json')]);
    expect(r.problems).toEqual([]);
    const d = r.documents[0]!;
    const maria = d.spans.filter((s) => s.annotator === 'maria@example.org');
    expect(maria.map((s) => s.text)).toEqual(['Jane Smith', '40 homes', 'Jane Smith', '40 homes', 'Jane Smith', '40 homes']);
    expect(maria.every((s) => s.acceptedBy === 'maria@example.org')).toBe(true);
    expect(d.spans.filter((s) => s.annotator === 'li@example.org').map((s) => [s.text, s.acceptedBy])).toEqual([
      ['Jane', undefined],
      ['Officials', undefined],
    ]);
    expect(d.relations.map((x) => [x.type, x.annotator, x.acceptedBy])).toEqual([['source', 'maria@example.org', 'maria@example.org']]);
    const warned = r.warnings.map((w) => w.message).join('\n');
    expect(warned).toMatch(/task 1: 3 region\(s\) started or ended with whitespace; trimmed/);
    expect(warned).toMatch(/task 1: 1 relation\(s\) are bidirectional \("bi"\)/);
  });

  it('keeps each relation inside one annotation (copying a region drawn by another annotator), writes completed_by and a labelling config', () => {
    const corpus = goldenCorpus();
    const doc = corpus.documents[0]!;
    // bob links alice's attribution to his own figure; alice links two of bob's spans
    doc.spans = doc.spans.map((s) => (s.id === 's3' || s.id === 's9' ? { ...s, annotator: 'bob@example.org' } : s));
    doc.relations = [
      { id: 'r1', type: 'source', from: 's5', to: 's6', annotator: 'alice', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'r2', type: 'content', from: 's5', to: 's3', annotator: 'bob@example.org', createdAt: '2024-01-01T00:00:00.000Z' },
      { id: 'r3', type: 'content', from: 's9', to: 's3', annotator: 'alice', createdAt: '2024-01-01T00:00:00.000Z' },
    ];
    const out = exportLabelStudio(corpus);
    const tasks = JSON.parse(str(out.files[0]!.data)) as { annotations: { completed_by?: { email: string }; spanmark_annotator: string; result: { id?: string; type: string; from_id?: string; to_id?: string }[] }[] }[];
    const outside: string[] = [];
    for (const t of tasks) {
      for (const a of t.annotations) {
        const ids = new Set(a.result.filter((x) => x.type === 'labels').map((x) => x.id));
        for (const x of a.result) if (x.type === 'relation' && (!ids.has(x.from_id) || !ids.has(x.to_id))) outside.push(`${a.spanmark_annotator}: ${x.from_id} → ${x.to_id}`);
      }
    }
    expect(outside).toEqual([]);
    expect(tasks[0]!.annotations.map((a) => [a.spanmark_annotator, a.completed_by])).toEqual([
      ['alice', undefined],
      ['bob@example.org', { email: 'bob@example.org' }],
    ]);
    const config = str(out.files[1]!.data);
    expect(config).toMatch(/^<View>/);
    expect(config).toContain('<Labels name="label" toName="text">');
    expect(config).toContain('<Label value="figure" background=');
    expect(config).toContain('<Relation value="content"/>');
    expect(config).toContain('<Text name="text" value="$text"');
    // the round trip gives back the same spans (no duplicates from the copies) and relations
    const back = importLabelStudio([{ name: 'ls.json', text: str(out.files[0]!.data) }]);
    expect(back.problems).toEqual([]);
    const opts = { annotator: true };
    expect(back.documents.map((d) => project(d, opts))).toEqual(corpus.documents.map((d) => project(d, opts)));
  });
});
