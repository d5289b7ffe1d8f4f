import { describe, expect, it } from 'vitest';
import { goldenCorpus } from './__fixtures__/golden';
import { exportSpanmark, importSpanmark } from './spanmark';

const text = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

describe('spanmark codec', () => {
  it('round-trips every field', () => {
    const corpus = goldenCorpus();
    const out = exportSpanmark(corpus);
    const back = importSpanmark([{ name: 'c.json', text: text(out.files[0]!.data) }]);
    expect(back.problems).toEqual([]);
    expect(back.documents).toEqual(corpus.documents);
    expect(back.labels).toEqual(['actor', 'attribution', 'claim', 'figure']);
    expect(back.relationTypes).toEqual(['content', 'source']);
  });

  it('applies filters', () => {
    const out = exportSpanmark(goldenCorpus(), { filters: { status: ['done'], labels: ['attribution', 'actor'] } });
    const back = importSpanmark([{ name: 'c.json', text: text(out.files[0]!.data) }]);
    expect(back.documents.map((d) => d.id)).toEqual(['doc-1']);
    expect(new Set(back.documents[0]!.spans.map((s) => s.label))).toEqual(new Set(['actor', 'attribution']));
    // the content relation lost its claim, so it is gone; source remains
    expect(back.documents[0]!.relations.map((r) => r.type)).toEqual(['source']);
  });

  it('reports the line of a broken document', () => {
    const corpus = goldenCorpus();
    corpus.documents[1]!.spans[0]!.text = 'wrong';
    const json = JSON.stringify(corpus, null, 2);
    const back = importSpanmark([{ name: 'c.json', text: json }]);
    expect(back.problems).toHaveLength(1);
    expect(back.problems[0]!.file).toBe('c.json');
    expect(json.split('\n')[back.problems[0]!.line! - 1]).toContain('"doc-2"');
    expect(back.problems[0]!.message).toMatch(/does not match/);
  });

  it('reports JSON syntax errors with a line', () => {
    const back = importSpanmark([{ name: 'bad.json', text: '{\n  "documents": [\n  }\n' }]);
    expect(back.problems[0]).toMatchObject({ file: 'bad.json', line: 3 });
  });

  it('reports schema errors', () => {
    const back = importSpanmark([{ name: 'x.json', text: JSON.stringify({ documents: [{ id: 'a' }] }) }]);
    expect(back.problems.length).toBeGreaterThan(0);
    expect(back.documents).toEqual([]);
  });
});
