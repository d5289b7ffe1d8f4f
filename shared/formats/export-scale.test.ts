import { describe, expect, it } from 'vitest';
import type { Corpus, Span } from '../model/schema';
import { goldenCorpus } from './__fixtures__/golden';
import { exportConll } from './conll';
import { exportHf } from './hf';

/**
 * Issue 10 item 11: CoNLL and Hugging Face exports were quadratic per
 * document (20,000 spans took 58 s and 28 s here; a million never ended).
 * One document with about a million spans, nested ones among them, must
 * export in time that grows linearly. The bound is generous (a hang or a
 * quadratic pass would take hours); `npm run bench` is where speed is tracked.
 */

const T = '2024-01-01T00:00:00.000Z';

function bigCorpus(words: number): Corpus {
  const parts: string[] = [];
  const spans: Span[] = [];
  let cp = 0;
  for (let i = 0; i < words; i++) {
    const w = `Word${i % 997}`;
    const sep = i % 12 === 11 ? '. ' : ' ';
    spans.push({ id: `s${i}`, label: i % 3 ? 'actor' : 'claim', start: cp, end: cp + w.length, text: w, annotator: 'a', createdAt: T, updatedAt: T });
    // a claim over two words every 50 words: nesting, so layers and flattening have work to do
    if (i % 50 === 0 && i + 1 < words) spans.push({ id: `n${i}`, label: 'claim', start: cp, end: cp + w.length + 1 + `Word${(i + 1) % 997}`.length, text: '', annotator: 'a', createdAt: T, updatedAt: T });
    parts.push(w, sep);
    cp += w.length + sep.length;
  }
  const text = parts.join('');
  for (const s of spans) s.text = text.slice(s.start, s.end);
  return { ...goldenCorpus(), documents: [{ id: 'big', title: 'big', source: {}, text, status: 'todo', spans, relations: [] }] };
}

describe('exports stay linear on a huge document', () => {
  it('CoNLL and Hugging Face export a document of a million spans', { timeout: 600_000 }, () => {
    const corpus = bigCorpus(1_000_000);
    const n = corpus.documents[0]!.spans.length;
    expect(n).toBeGreaterThan(1_000_000);
    const started = Date.now();
    const conll = exportConll(corpus);
    expect(conll.spans).toBe(n);
    const lines = String(conll.files[0]!.data).split('\n');
    expect(lines.filter((l) => l.includes('B-')).length).toBeGreaterThanOrEqual(1_000_000);
    const hf = exportHf(corpus);
    expect(hf.spans).toBe(n);
    // quadratic work on a million spans would take hours; linear work takes well under a minute each here
    expect(Date.now() - started).toBeLessThan(300_000);
  });
});
