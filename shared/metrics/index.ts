/**
 * The agreement report over annotators' copies of one corpus: for every pair
 * of annotators, span P/R/F1 (exact and overlap) and token κ per label,
 * pooled over their shared documents and per document; Krippendorff's α per
 * label over all annotators at once; relation P/R/F1 per pair.
 *
 * Documents are lined up by shared/review/gather (id, then text hash).
 * Documents whose text differs between copies are listed in `conflicts`
 * and left out of every number.
 */

import type { Corpus, Document } from '../model/schema';
import { gather, type AnnotatorCopy, type DocumentConflict } from '../review/gather';
import { csvCell, type CsvValue } from '../analysis/csv';
import { addBinaryLayers, AlphaAccumulator, type AlphaResult } from './alpha';
import { KappaTable, type KappaResult } from './kappa';
import { relationAgreement, type RelationAgreement } from './relations';
import { addPrf, EMPTY_PRF, prf, spanAgreement, type Prf } from './span-f1';
import { tokenize, tokenLayer } from './tokens';

export type { AnnotatorCopy } from '../review/gather';
export { krippendorffAlphaNominal, type AlphaResult } from './alpha';
export { cohenKappa, tokenKappa, type KappaResult } from './kappa';
export { relationAgreement, type RelationAgreement } from './relations';
export { matchExact, matchOverlap, prf, spanAgreement, type Prf } from './span-f1';
export { tokenize } from './tokens';

export interface LabelScores {
  exact: Prf;
  overlap: Prf;
  /** token-level κ on this label's binary layer */
  kappa: KappaResult;
}

export interface ScoreSet {
  labels: Record<string, LabelScores>;
  /** micro average over labels */
  micro: { exact: Prf; overlap: Prf };
}

export interface PairDocumentScores extends ScoreSet {
  key: string;
  title: string;
  relations: RelationAgreement;
}

export interface PairReport extends ScoreSet {
  a: string;
  b: string;
  /** documents both annotators have */
  documents: PairDocumentScores[];
}

export interface RelationPairReport extends RelationAgreement {
  a: string;
  b: string;
}

export interface AlphaLabel extends AlphaResult {
  label: string;
}

export interface AgreementReport {
  annotators: string[];
  labels: string[];
  relationTypes: string[];
  documents: { key: string; title: string; annotators: string[]; matchedBy: 'id' | 'text' }[];
  conflicts: DocumentConflict[];
  pairs: PairReport[];
  alpha: Record<string, AlphaLabel>;
  relations: RelationPairReport[];
}

/** Schema labels first, in schema order, then any label met only in spans. */
function namesInUse(copies: readonly AnnotatorCopy[], fromSchema: (c: Corpus) => string[], fromDoc: (d: Document) => string[]): string[] {
  const ordered: string[] = [];
  const seen = new Set<string>();
  const push = (n: string) => {
    if (!seen.has(n)) {
      seen.add(n);
      ordered.push(n);
    }
  };
  for (const c of copies) fromSchema(c.corpus).forEach(push);
  const extra = new Set<string>();
  for (const c of copies) for (const d of c.corpus.documents) for (const n of fromDoc(d)) if (!seen.has(n)) extra.add(n);
  [...extra].sort().forEach(push);
  return ordered;
}

export function agreementReport(copies: readonly AnnotatorCopy[]): AgreementReport {
  const { annotators, groups, conflicts } = gather(copies);
  const labels = namesInUse(copies, (c) => c.schema.labels.map((l) => l.name), (d) => d.spans.map((s) => s.label));
  const relationTypes = namesInUse(copies, (c) => c.schema.relationTypes.map((t) => t.name), (d) => d.relations.map((r) => r.type));

  interface PairAcc {
    a: string;
    b: string;
    exact: Record<string, Prf>;
    overlap: Record<string, Prf>;
    kappa: Record<string, KappaTable>;
    documents: PairDocumentScores[];
    relations: RelationAgreement;
  }
  const pairs: PairAcc[] = [];
  for (let i = 0; i < annotators.length; i++) {
    for (let j = i + 1; j < annotators.length; j++) {
      pairs.push({
        a: annotators[i]!,
        b: annotators[j]!,
        exact: Object.fromEntries(labels.map((l) => [l, EMPTY_PRF])),
        overlap: Object.fromEntries(labels.map((l) => [l, EMPTY_PRF])),
        kappa: Object.fromEntries(labels.map((l) => [l, new KappaTable()])),
        documents: [],
        relations: { byType: Object.fromEntries(relationTypes.map((t) => [t, EMPTY_PRF])), micro: EMPTY_PRF },
      });
    }
  }
  const alphaAcc = Object.fromEntries(labels.map((l) => [l, new AlphaAccumulator()]));

  for (const g of groups) {
    const text = g.versions[0]!.doc.text;
    const tokens = tokenize(text);
    const docOf = new Map(g.versions.map((v) => [v.annotator, v.doc]));
    const layers = new Map<string, Record<string, Uint8Array>>();
    for (const v of g.versions) {
      layers.set(v.annotator, Object.fromEntries(labels.map((l) => [l, tokenLayer(tokens, v.doc.spans.filter((s) => s.label === l))])));
    }

    for (const l of labels) {
      addBinaryLayers(alphaAcc[l]!, annotators.map((a) => layers.get(a)?.[l] ?? null), tokens.length);
    }

    for (const p of pairs) {
      const da = docOf.get(p.a);
      const db = docOf.get(p.b);
      if (!da || !db) continue;
      const exact = spanAgreement(da.spans, db.spans, 'exact', labels);
      const overlap = spanAgreement(da.spans, db.spans, 'overlap', labels);
      const docLabels = Object.create(null) as Record<string, LabelScores>;
      for (const l of labels) {
        const table = new KappaTable();
        table.addLayers(layers.get(p.a)![l]!, layers.get(p.b)![l]!);
        p.kappa[l]!.addLayers(layers.get(p.a)![l]!, layers.get(p.b)![l]!);
        p.exact[l] = addPrf(p.exact[l]!, exact.byLabel[l]!);
        p.overlap[l] = addPrf(p.overlap[l]!, overlap.byLabel[l]!);
        docLabels[l] = { exact: exact.byLabel[l]!, overlap: overlap.byLabel[l]!, kappa: table.result() };
      }
      const rel = relationAgreement(da, db, relationTypes);
      for (const [t, s] of Object.entries(rel.byType)) p.relations.byType[t] = addPrf(p.relations.byType[t] ?? EMPTY_PRF, s);
      p.relations.micro = addPrf(p.relations.micro, rel.micro);
      p.documents.push({ key: g.key, title: g.title, labels: docLabels, micro: { exact: exact.micro, overlap: overlap.micro }, relations: rel });
    }
  }

  const sum = (r: Record<string, Prf>) => Object.values(r).reduce(addPrf, prf(0, 0, 0));
  return {
    annotators,
    labels,
    relationTypes,
    documents: groups.map((g) => ({ key: g.key, title: g.title, annotators: g.versions.map((v) => v.annotator), matchedBy: g.matchedBy })),
    conflicts,
    pairs: pairs.map((p) => ({
      a: p.a,
      b: p.b,
      labels: Object.fromEntries(labels.map((l) => [l, { exact: p.exact[l]!, overlap: p.overlap[l]!, kappa: p.kappa[l]!.result() }])),
      micro: { exact: sum(p.exact), overlap: sum(p.overlap) },
      documents: p.documents,
    })),
    alpha: Object.fromEntries(labels.map((l) => [l, { label: l, ...alphaAcc[l]!.result() }])),
    relations: pairs.map((p) => ({ a: p.a, b: p.b, ...p.relations })),
  };
}

export const ALL = '(all)';

const CSV_HEADER = ['section', 'annotator_a', 'annotator_b', 'document', 'label', 'metric', 'value', 'tp', 'fp', 'fn', 'n'];

/**
 * Long ("tidy") CSV: one number per row, so a spreadsheet pivot or R/pandas
 * can slice it any way without a wide header that changes with the labels.
 * `document` is empty for figures pooled over all shared documents.
 */
export function reportToCsv(report: AgreementReport): string {
  const rows: CsvValue[][] = [];
  const prfRows = (section: string, a: string, b: string, doc: string, label: string, mode: string, s: Prf) => {
    rows.push([section, a, b, doc, label, `${mode}_precision`, s.precision, s.tp, s.fp, s.fn, null]);
    rows.push([section, a, b, doc, label, `${mode}_recall`, s.recall, s.tp, s.fp, s.fn, null]);
    rows.push([section, a, b, doc, label, `${mode}_f1`, s.f1, s.tp, s.fp, s.fn, null]);
  };
  const scoreRows = (section: string, a: string, b: string, doc: string, set: ScoreSet) => {
    for (const [label, s] of Object.entries(set.labels)) {
      prfRows(section, a, b, doc, label, 'exact', s.exact);
      prfRows(section, a, b, doc, label, 'overlap', s.overlap);
      rows.push([section, a, b, doc, label, 'token_kappa', s.kappa.kappa, null, null, null, s.kappa.n]);
    }
    prfRows(section, a, b, doc, ALL, 'exact', set.micro.exact);
    prfRows(section, a, b, doc, ALL, 'overlap', set.micro.overlap);
  };
  for (const p of report.pairs) {
    scoreRows('pair', p.a, p.b, '', p);
    for (const d of p.documents) scoreRows('pair_document', p.a, p.b, d.key, d);
  }
  for (const r of report.relations) {
    for (const [type, s] of Object.entries(r.byType)) prfRows('relations', r.a, r.b, '', type, 'relation', s);
    prfRows('relations', r.a, r.b, '', ALL, 'relation', r.micro);
  }
  for (const a of Object.values(report.alpha)) {
    rows.push(['alpha', '', '', '', a.label, 'krippendorff_alpha_nominal_tokens', a.alpha, null, null, null, a.pairable]);
  }
  for (const c of report.conflicts) {
    rows.push(['conflict', c.versions.map((v) => v.annotator).join(' '), '', c.id, '', 'text_differs', null, null, null, null, null]);
  }
  return [CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
export { formatReport, fmt } from './format';
