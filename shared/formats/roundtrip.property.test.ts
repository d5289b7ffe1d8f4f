import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Corpus, type Document, type Span } from '../model/schema';
import { DEFAULT_SCHEMA } from '../model/defaults';
import { OffsetIndex } from '../text/offsets';
import { project } from './__fixtures__/golden';
import { exportBrat, importBrat } from './brat';
import { exportDoccano, importDoccano } from './doccano';
import { exportLabelStudio, importLabelStudio } from './labelstudio';
import { exportSpanmark, importSpanmark } from './spanmark';
import type { OutputFile } from './types';

/**
 * Random texts built from the awkward pieces (astral emoji, ZWJ
 * sequences, combining marks, CRLF, RTL, tabs) with random spans and
 * relations: every offset-carrying format must give them back exactly.
 */

const PIECES = ['a', 'Ж', 'م', '🚀', '👩‍👩‍👧', 'e\u0301', '\r\n', '\n', ' ', '\t', '“', '62', 'word', '🇺🇦', '\u00a0'];
const T = '2024-01-01T00:00:00.000Z';
const LABELS = ['claim', 'actor', 'figure', 'attribution'];

const docArb = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 })
  .chain((pieces) => {
    const text = pieces.join('');
    const n = new OffsetIndex(text).cpLength;
    const span = fc
      .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }), fc.constantFrom(...LABELS), fc.constantFrom('alice', 'bob'))
      .filter(([a, b]) => a < b);
    return fc.tuple(fc.constant(text), fc.array(span, { maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('source', 'content')), { maxLength: 4 }));
  })
  .map(([text, raw, rels]): Document => {
    const index = new OffsetIndex(text);
    // brat, doccano and Label Studio cannot tell two identical spans apart, and neither can `project`
    const seen = new Set<string>();
    const spans: Span[] = [];
    raw.forEach(([start, end, label, annotator], i) => {
      const key = `${start}-${end}-${label}`;
      if (seen.has(key)) return;
      seen.add(key);
      spans.push({ id: `s${i}`, label, start, end, text: index.slice(start, end), annotator, createdAt: T, updatedAt: T });
    });
    const relations = spans.length
      ? rels.map(([a, b, type], i) => ({ id: `r${i}`, type, from: spans[a % spans.length]!.id, to: spans[b % spans.length]!.id, annotator: spans[a % spans.length]!.annotator, createdAt: T }))
      : [];
    return { id: 'd', title: 'Random', source: {}, text, status: 'todo', spans, relations };
  });

const corpusOf = (doc: Document): Corpus => ({ schemaVersion: SCHEMA_VERSION, id: 'c', name: 'c', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents: [doc] });
const str = (f: OutputFile) => (typeof f.data === 'string' ? f.data : new TextDecoder().decode(f.data));

describe('round trips on random texts', () => {
  it('spanmark, doccano, Label Studio (both offset units) and brat keep every span and relation', () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const corpus = corpusOf(doc);
        const want = project(doc);
        const sm = importSpanmark([{ name: 'x', text: str(exportSpanmark(corpus).files[0]!) }]);
        expect(sm.documents[0]).toEqual(doc);
        for (const offsets of ['codepoint', 'utf16'] as const) {
          const dc = importDoccano([{ name: 'x', text: str(exportDoccano(corpus, { offsets }).files[0]!) }], { offsets });
          expect(dc.problems).toEqual([]);
          expect(project(dc.documents[0]!)).toEqual(want);
          const ls = importLabelStudio([{ name: 'x', text: str(exportLabelStudio(corpus, { offsets }).files[0]!) }], { offsets });
          expect(ls.problems).toEqual([]);
          expect(project(ls.documents[0]!, { annotator: true })).toEqual(project(doc, { annotator: true }));
        }
        const files = exportBrat(corpus).files.filter((f) => f.path !== 'annotation.conf');
        const br = importBrat(files.map((f) => ({ name: f.path, text: str(f) })));
        expect(br.problems).toEqual([]);
        expect(project(br.documents[0]!)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
