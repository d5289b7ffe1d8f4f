import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenCorpus, project } from './__fixtures__/golden';
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
});
