import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { goldenCorpus, project } from './__fixtures__/golden';
import { exportDoccano, importDoccano } from './doccano';

const fixture = (name: string) => ({ name, text: readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8') });
const str = (d: string | Uint8Array) => (typeof d === 'string' ? d : new TextDecoder().decode(d));

describe('doccano codec', () => {
  it.each(['codepoint', 'utf16'] as const)('round-trips spans, relations and titles (%s offsets)', (offsets) => {
    const corpus = goldenCorpus();
    const out = exportDoccano(corpus, { offsets });
    const back = importDoccano([{ name: 'x.jsonl', text: str(out.files[0]!.data) }], { offsets });
    expect(back.problems).toEqual([]);
    expect(back.documents.map((d) => project(d, { title: true, status: true }))).toEqual(corpus.documents.map((d) => project(d, { title: true, status: true })));
  });

  it('writes code point offsets by default', () => {
    const out = str(exportDoccano(goldenCorpus()).files[0]!.data);
    const first = JSON.parse(out.split('\n')[0]!) as { entities: { start_offset: number; label: string }[] };
    // "Президент " 10, family 5 (3 people + 2 ZWJ), " said:" 6, CRLF 2, "“" 1 → 24 (UTF-16 would say 27)
    expect(first.entities.find((e) => e.label === 'claim')!.start_offset).toBe(24);
  });

  it('reads a doccano export with entities and relations', () => {
    const r = importDoccano([fixture('doccano-relations.jsonl')]);
    expect(r.problems).toEqual([]);
    expect(r.documents).toHaveLength(2);
    const d = r.documents[0]!;
    expect(d.spans.map((s) => [s.label, s.text])).toEqual([
      ['figure', '62 servicemen'],
      ['attribution', 'according to'],
      ['actor', 'the Ministry'],
      ['claim', '62 servicemen died'],
    ]);
    const byId = new Map(d.spans.map((s) => [s.id, s.text]));
    expect(d.relations.map((x) => [x.type, byId.get(x.from), byId.get(x.to)])).toEqual([
      ['source', 'according to', 'the Ministry'],
      ['content', 'according to', '62 servicemen died'],
    ]);
    expect(r.documents[1]!.spans[0]!.text).toBe('Президент');
    expect(r.labels).toEqual(['actor', 'attribution', 'claim', 'figure']);
    expect(r.relationTypes).toEqual(['content', 'source']);
  });

  it('reads the older "label" form', () => {
    const r = importDoccano([fixture('doccano-seq.jsonl')]);
    expect(r.problems).toEqual([]);
    expect(r.documents[0]!.spans.map((s) => [s.label, s.start, s.end, s.text])).toEqual([
      ['actor', 0, 5, '👩‍👩‍👧'],
      ['claim', 6, 21, 'Family of three'],
      ['actor', 32, 37, 'mayor'],
    ]);
    expect(r.documents[1]!.spans).toEqual([]);
  });

  it('reports malformed lines with file and line, without throwing', () => {
    const text = [
      '{"text": "ok", "label": [[0, 2, "claim"]]}',
      '{"text": "bad json"',
      '',
      '{"text": "short", "label": [[0, 99, "claim"]]}',
      '{"entities": []}',
      '{"text": "abc", "entities": [{"id": 1, "label": "a", "start_offset": 0, "end_offset": 1}], "relations": [{"id": 1, "from_id": 1, "to_id": 7, "type": "source"}]}',
    ].join('\n');
    const r = importDoccano([{ name: 'bad.jsonl', text }]);
    expect(r.problems.map((p) => [p.file, p.line])).toEqual([
      ['bad.jsonl', 2],
      ['bad.jsonl', 4],
      ['bad.jsonl', 5],
      ['bad.jsonl', 6],
    ]);
    expect(r.problems[1]!.message).toMatch(/outside the text/);
  });

  it('reads doccano 1.x "labels", keeps meta and unknown keys as document metadata, and warns about keys it cannot read as spans', () => {
    const r = importDoccano([fixture('doccano-1x.jsonl')]);
    expect(r.problems).toEqual([]);
    expect(r.documents.map((d) => d.spans.map((s) => [s.label, s.text]))).toEqual([
      [
        ['actor', 'The mayor'],
        ['figure', '40 homes'],
        ['claim', '40 homes were flooded'],
      ],
      [['actor', 'Officials']],
    ]);
    expect(r.documents[0]!.meta).toEqual({ source: 'wire', batch: 3, annotation_approver: null });
    expect(r.documents[1]!.meta).toEqual({ annotation_approver: 'lead', spans: [{ from: 0, to: 9, tag: 'actor' }] });
    const warned = r.warnings.map((w) => `${w.line}: ${w.message}`);
    expect(warned).toEqual([
      expect.stringMatching(/^2: "spans" looks like annotations but is not a shape Spanmark reads/),
      '2: "label": ["politics"] are labels of the whole document (text classification); not imported',
    ]);
  });

  it('round-trips metadata and document ids (document_id is read back)', () => {
    const r = importDoccano([fixture('doccano-1x.jsonl')]);
    const corpus = { ...goldenCorpus(), documents: r.documents.map((d, i) => ({ ...d, id: `doc-${i + 7}` })) };
    const out = str(exportDoccano(corpus).files[0]!.data);
    expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({ source: 'wire', batch: 3, document_id: 'doc-7' });
    const back = importDoccano([{ name: 'x.jsonl', text: out }]);
    expect(back.problems).toEqual([]);
    expect(back.documents.map((d) => [d.id, d.meta])).toEqual(corpus.documents.map((d) => [d.id, d.meta]));
    expect(back.documents.map((d) => project(d))).toEqual(corpus.documents.map((d) => project(d)));
  });

  it('never lets a metadata key reach an object prototype', () => {
    const r = importDoccano([{ name: 'p.jsonl', text: '{"text": "abc", "__proto__": {"polluted": true}, "meta": {"constructor": 1, "ok": 2}}\n' }]);
    expect(r.documents[0]!.meta).toEqual({ ok: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(r.documents[0]!.meta)).toBe(Object.prototype);
  });
});
