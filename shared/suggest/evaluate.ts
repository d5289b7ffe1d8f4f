import type { Document } from '../model/schema';
import { addPrf, EMPTY_PRF, matchOverlap, spanAgreement, type Prf, type SpanLike } from '../metrics/span-f1';
import type { Roles } from './roles';
import type { Suggestion } from './types';

/**
 * Scores suggestions against the spans already in a corpus (read as gold):
 * P/R/F1 per label, exact and overlap (the agreement module's matching),
 * plus the recall of speaking actors — actors that some cue's `source`
 * relation points at — since the speaker is what a who-said-what table needs.
 */

export interface LabelScore {
  label: string;
  exact: Prf;
  overlap: Prf;
}

export interface Evaluation {
  labels: LabelScore[];
  micro: { exact: Prf; overlap: Prf };
  speakingActors: { total: number; foundOverlap: number; foundExact: number };
  documents: number;
}

/** A suggestion and the spans it links (a triple's actor and claim), once each. */
export function suggestedSpans(suggestions: readonly Suggestion[]): SpanLike[] {
  const seen = new Set<string>();
  const out: SpanLike[] = [];
  const add = (s: SpanLike) => {
    const k = `${s.label}:${s.start}:${s.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ label: s.label, start: s.start, end: s.end });
  };
  for (const s of suggestions) {
    add(s);
    for (const l of s.links ?? []) add(l.span);
  }
  return out;
}

export function evaluate(pairs: readonly { gold: Document; suggestions: readonly Suggestion[] }[], labels: readonly string[], roles: Roles): Evaluation {
  const acc = new Map<string, { exact: Prf; overlap: Prf }>(labels.map((l) => [l, { exact: EMPTY_PRF, overlap: EMPTY_PRF }]));
  const speaking = { total: 0, foundOverlap: 0, foundExact: 0 };
  for (const { gold, suggestions } of pairs) {
    const predicted = suggestedSpans(suggestions);
    for (const mode of ['exact', 'overlap'] as const) {
      const r = spanAgreement(gold.spans, predicted, mode, labels);
      for (const [label, prf] of Object.entries(r.byLabel)) {
        const slot = acc.get(label) ?? { exact: EMPTY_PRF, overlap: EMPTY_PRF };
        slot[mode] = addPrf(slot[mode], prf);
        acc.set(label, slot);
      }
    }
    if (roles.actor && roles.source) {
      const speakerIds = new Set(gold.relations.filter((r) => r.type === roles.source).map((r) => r.to));
      const speakers = gold.spans.filter((s) => speakerIds.has(s.id) && s.label === roles.actor);
      const actorsPredicted = predicted.filter((p) => p.label === roles.actor);
      speaking.total += speakers.length;
      speaking.foundOverlap += matchOverlap(speakers, actorsPredicted).length;
      speaking.foundExact += speakers.filter((s) => actorsPredicted.some((p) => p.start === s.start && p.end === s.end)).length;
    }
  }
  const rows = [...acc].map(([label, v]) => ({ label, ...v }));
  const micro = rows.reduce((m, r) => ({ exact: addPrf(m.exact, r.exact), overlap: addPrf(m.overlap, r.overlap) }), { exact: EMPTY_PRF, overlap: EMPTY_PRF });
  return { labels: rows, micro, speakingActors: speaking, documents: pairs.length };
}

function pct(x: number | null): string {
  return x === null ? '–' : x.toFixed(2);
}

/** A plain-text table for the terminal. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [`${e.documents} documents`, 'label          exact P  R     F1    | overlap P  R     F1    | gold  suggested'];
  const row = (name: string, x: { exact: Prf; overlap: Prf }) =>
    `${name.padEnd(14)} ${pct(x.exact.precision).padStart(7)} ${pct(x.exact.recall).padStart(5)} ${pct(x.exact.f1).padStart(5)} | ${pct(x.overlap.precision).padStart(9)} ${pct(x.overlap.recall).padStart(5)} ${pct(x.overlap.f1).padStart(5)} | ${String(x.exact.tp + x.exact.fn).padStart(4)} ${String(x.exact.tp + x.exact.fp).padStart(10)}`;
  for (const r of e.labels) lines.push(row(r.label, r));
  lines.push(row('all (micro)', e.micro));
  const s = e.speakingActors;
  if (s.total > 0) lines.push(`speaking actors: recall ${pct(s.foundOverlap / s.total)} overlap, ${pct(s.foundExact / s.total)} exact (${s.total} in gold)`);
  return lines.join('\n');
}
