import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA } from '../model/defaults';
import { SCHEMA_VERSION, type Corpus, type Document, type Relation, type Span } from '../model/schema';
import { agreementReport, formatReport, reportToCsv, type AnnotatorCopy } from './index';

const T = '2026-01-01T00:00:00.000Z';
const D1 = 'Officials said 62 soldiers died.';
// tokens: Officials 0–9 | said 10–14 | 62 15–17 | soldiers 18–26 | died 27–31 | . 31–32
const D2 = 'Rebels claimed 80 killed.';
// tokens: Rebels 0–6 | claimed 7–14 | 80 15–17 | killed 18–24 | . 24–25

let n = 0;
const sp = (text: string, label: string, start: number, end: number): Span => ({
  id: `s${++n}`, label, start, end, text: text.slice(start, end), annotator: 'x', createdAt: T, updatedAt: T,
});
const rl = (type: string, from: Span, to: Span): Relation => ({ id: `r${++n}`, type, from: from.id, to: to.id, annotator: 'x' });
function doc(id: string, text: string, spans: Span[], relations: Relation[] = []): Document {
  return { id, title: id.toUpperCase(), source: {}, text, status: 'done', spans, relations };
}
const corpus = (...documents: Document[]): Corpus => ({ schemaVersion: SCHEMA_VERSION, id: 'c', name: 'c', schema: DEFAULT_SCHEMA, guidelines: '', createdAt: T, updatedAt: T, documents });

function d1(claimEnd: number, figEnd: number): Document {
  const actor = sp(D1, 'actor', 0, 9);
  const cue = sp(D1, 'attribution', 10, 14);
  const claim = sp(D1, 'claim', 15, claimEnd);
  return doc('d1', D1, [actor, cue, claim, sp(D1, 'figure', 15, figEnd)], [rl('source', cue, actor), rl('content', cue, claim)]);
}

// ann and cat agree on d1; bob's claim takes the full stop and his figure only the number.
// d2 is not in cat's copy; bob also marks "claimed" there. d3 has different text in ann's and bob's copies.
const annD2 = doc('d2', D2, [sp(D2, 'actor', 0, 6), sp(D2, 'claim', 15, 24)]);
const bobCue = sp(D2, 'attribution', 7, 14);
const bobClaim = sp(D2, 'claim', 15, 24);
const bobD2 = doc('d2', D2, [sp(D2, 'actor', 0, 6), bobCue, bobClaim], [rl('content', bobCue, bobClaim)]);
const copies: AnnotatorCopy[] = [
  { annotator: 'ann', corpus: corpus(d1(31, 26), annD2, doc('d3', 'first wording', [])) },
  { annotator: 'bob', corpus: corpus(d1(32, 17), bobD2, doc('d3', 'second wording', [])) },
  { annotator: 'cat', corpus: corpus(d1(31, 26)) },
];
const report = agreementReport(copies);
const pair = (a: string, b: string) => report.pairs.find((p) => p.a === a && p.b === b)!;

describe('agreementReport: worked example', () => {
  it('lines up documents and reports the conflict', () => {
    expect(report.annotators).toEqual(['ann', 'bob', 'cat']);
    expect(report.labels).toEqual(['claim', 'actor', 'figure', 'attribution']);
    expect(report.documents.map((d) => [d.key, d.annotators.join('+')])).toEqual([
      ['d1', 'ann+bob+cat'],
      ['d2', 'ann+bob'],
    ]);
    expect(report.conflicts.map((c) => c.id)).toEqual(['d3']);
    expect(report.pairs.map((p) => `${p.a}×${p.b}:${p.documents.length}`)).toEqual(['ann×bob:2', 'ann×cat:1', 'bob×cat:1']);
  });

  it('span F1, exact and overlap, pooled over the shared documents', () => {
    const p = pair('ann', 'bob');
    // actor: d1 + d2 match → tp 2 → F1 1
    expect(p.labels.actor!.exact.f1).toBe(1);
    // attribution: d1 matches, d2 only bob → tp 1, fp 1 → F1 2/(2+1) = 2/3
    expect(p.labels.attribution!.exact.f1).toBeCloseTo(2 / 3, 12);
    // claim: d1 15–31 vs 15–32 → fn 1, fp 1; d2 matches → F1 2/(2+2) = 0.5; overlap: both match → 1
    expect(p.labels.claim!.exact.f1).toBe(0.5);
    expect(p.labels.claim!.overlap.f1).toBe(1);
    // figure: 15–26 vs 15–17 → F1 0; overlap 1
    expect(p.labels.figure!.exact.f1).toBe(0);
    expect(p.labels.figure!.overlap.f1).toBe(1);
    // micro exact: tp 2+1+1+0 = 4, fp 0+1+1+1 = 3, fn 0+0+1+1 = 2 → F1 8/13
    expect(p.micro.exact).toMatchObject({ tp: 4, fp: 3, fn: 2 });
    expect(p.micro.exact.f1).toBeCloseTo(8 / 13, 12);
    // micro overlap: tp 6, fp 1, fn 0 → F1 12/13
    expect(p.micro.overlap.f1).toBeCloseTo(12 / 13, 12);
    // per document d1, exact: tp 2 (actor, cue), fp 2, fn 2 → 0.5
    expect(p.documents[0]!.micro.exact.f1).toBe(0.5);
    expect(pair('ann', 'cat').micro.exact.f1).toBe(1);
    expect(pair('bob', 'cat').micro.exact.f1).toBe(0.5);
  });

  it('token κ per label, pooled over 6 + 5 = 11 tokens', () => {
    const p = pair('ann', 'bob');
    // claim: ann 0 0 1 1 1 0 | 0 0 1 1 0, bob 0 0 1 1 1 1 | 0 0 1 1 0
    //   p_o = 10/11; ann 5/11, bob 6/11 → p_e = (5·6 + 6·5)/121 = 60/121
    //   κ = (110 − 60)/(121 − 60) = 50/61
    expect(p.labels.claim!.kappa.kappa).toBeCloseTo(50 / 61, 12);
    // figure: ann 0 0 1 1 0 0 | 0…, bob 0 0 1 0 0 0 | 0… → p_o = 10/11; ann 2/11, bob 1/11
    //   p_e = (2·1 + 9·10)/121 = 92/121 → κ = (110 − 92)/(121 − 92) = 18/29
    expect(p.labels.figure!.kappa.kappa).toBeCloseTo(18 / 29, 12);
    // attribution: ann 0 1 0 0 0 0 | 0…, bob 0 1 0 0 0 0 | 0 1 0 0 0 → same counts as figure → 18/29
    expect(p.labels.attribution!.kappa.kappa).toBeCloseTo(18 / 29, 12);
    expect(p.labels.actor!.kappa.kappa).toBe(1);
    // d1 alone, claim: p_o = 5/6; ann 3/6, bob 4/6 → p_e = (3·4 + 3·2)/36 = 1/2 → κ = (5/6 − 1/2)/(1/2) = 2/3
    expect(p.documents[0]!.labels.claim!.kappa.kappa).toBeCloseTo(2 / 3, 12);
  });

  it("Krippendorff's α per label over all three annotators, cat missing d2", () => {
    // claim: d1 6 tokens × 3 coders + d2 5 tokens × 2 coders → n = 28; n_1 = 3·3 + 1 + 2·2 = 14, n_0 = 14
    //   only d1's "." disagrees: values (0, 1, 0) → (3² − (2² + 1²))/(3 − 1) = 2
    //   α = 1 − 27·2/(28² − 14² − 14²) = 1 − 54/392
    expect(report.alpha.claim!.alpha).toBeCloseTo(1 - 54 / 392, 12);
    // figure: n_1 = 3 ("62") + 2 ("soldiers": ann, cat) = 5, n_0 = 23; "soldiers" (1, 0, 1) → 2
    //   α = 1 − 27·2/(784 − 25 − 529) = 1 − 54/230
    expect(report.alpha.figure!.alpha).toBeCloseTo(1 - 54 / 230, 12);
    // attribution: n_1 = 3 + 1 = 4, n_0 = 24; d2 "claimed" (0, 1) → (4 − 2)/1 = 2
    //   α = 1 − 27·2/(784 − 16 − 576) = 1 − 54/192
    expect(report.alpha.attribution!.alpha).toBeCloseTo(1 - 54 / 192, 12);
    expect(report.alpha.actor!.alpha).toBe(1);
    expect(report.alpha.claim!.pairable).toBe(28);
  });

  it('relation agreement per pair', () => {
    const r = report.relations.find((x) => x.a === 'ann' && x.b === 'bob')!;
    // source: d1 matches → F1 1
    expect(r.byType.source!.f1).toBe(1);
    // content: d1 claim ends differ → fn 1, fp 1; d2 only bob → fp 1 → tp 0 → F1 0
    expect(r.byType.content).toMatchObject({ tp: 0, fp: 2, fn: 1, f1: 0 });
    // micro: tp 1, fp 2, fn 1 → F1 2/(2+3) = 0.4
    expect(r.micro.f1).toBeCloseTo(0.4, 12);
    expect(report.relations.find((x) => x.a === 'ann' && x.b === 'cat')!.micro.f1).toBe(1);
  });

  it('handles a single copy and empty corpora without dividing by zero', () => {
    const one = agreementReport([copies[0]!]);
    expect(one.pairs).toEqual([]);
    expect(one.alpha.claim!.alpha).toBeNull();
    expect(formatReport(one)).toMatch(/at least two copies/);
    const empty = agreementReport([
      { annotator: 'a', corpus: corpus() },
      { annotator: 'b', corpus: corpus() },
    ]);
    expect(empty.pairs[0]!.micro.exact.f1).toBeNull();
  });
});

describe('reportToCsv', () => {
  const csv = reportToCsv(report);
  const lines = csv.trimEnd().split('\r\n');
  it('is long format with one number per row', () => {
    expect(lines[0]).toBe('section,annotator_a,annotator_b,document,label,metric,value,tp,fp,fn,n');
    expect(lines).toContain('pair,ann,bob,,claim,exact_f1,0.5,1,1,1,');
    const kappa = lines.find((l) => l.startsWith('pair,ann,bob,,claim,token_kappa,'))!.split(',');
    expect(Number(kappa[6])).toBeCloseTo(50 / 61, 12);
    expect(kappa[10]).toBe('11');
    expect(lines).toContain('pair_document,ann,bob,d1,(all),exact_f1,0.5,2,2,2,');
    expect(lines).toContain('relations,ann,bob,,(all),relation_f1,0.4,1,2,1,');
    const alpha = lines.find((l) => l.startsWith('alpha,,,,figure,krippendorff_alpha_nominal_tokens,'))!.split(',');
    expect(Number(alpha[6])).toBeCloseTo(1 - 54 / 230, 12);
    expect(lines).toContain('conflict,ann bob,,d3,,text_differs,,,,,');
  });
  it('defuses formula-like names', () => {
    const evil = reportToCsv(agreementReport([
      { annotator: '=HYPERLINK("x")', corpus: corpus(d1(31, 26)) },
      { annotator: 'bob', corpus: corpus(d1(31, 26)) },
    ]));
    expect(evil).toContain(`pair,"'=HYPERLINK(""x"")",bob,`);
  });
});

describe('formatReport', () => {
  it('prints a table per pair, α and the conflicts', () => {
    const text = formatReport(report);
    expect(text).toContain('Agreement between 3 annotators (ann, bob, cat) on 2 shared documents; 1 skipped');
    expect(text).toMatch(/ann × bob — 2 shared documents/);
    expect(text).toMatch(/claim\s+2\s+2\s+0\.500\s+1\.000\s+0\.820/);
    expect(text).toMatch(/relations F1 0\.400 \(source 1\.000, content 0\.000\)/);
    expect(text).toMatch(/figure\s+0\.765\s+11/);
    expect(text).toMatch(/d3: ann \(13 chars\), bob \(14 chars\)/);
  });
});
