/** Plain-text tables of an agreement report, for the terminal and for logs. */

import type { AgreementReport } from './index';

export function fmt(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function table(header: string[], rows: string[][], indent = '  '): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  // first column left-aligned (names), the rest right-aligned (numbers)
  const line = (r: string[]) => indent + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatReport(report: AgreementReport): string {
  const out: string[] = [];
  const shared = report.documents.filter((d) => d.annotators.length > 1).length;
  out.push(
    `Agreement between ${report.annotators.length} annotators (${report.annotators.join(', ')}) on ${shared} shared document${shared === 1 ? '' : 's'}` +
      (report.conflicts.length ? `; ${report.conflicts.length} skipped because their text differs.` : '.'),
  );
  if (report.annotators.length < 2) out.push('Agreement needs at least two copies.');

  for (const p of report.pairs) {
    out.push('', `${p.a} × ${p.b} — ${p.documents.length} shared document${p.documents.length === 1 ? '' : 's'}`);
    const rows = report.labels.map((l) => {
      const s = p.labels[l]!;
      return [l, String(s.exact.tp + s.exact.fn), String(s.exact.tp + s.exact.fp), fmt(s.exact.f1), fmt(s.overlap.f1), fmt(s.kappa.kappa)];
    });
    rows.push(['all labels', String(p.micro.exact.tp + p.micro.exact.fn), String(p.micro.exact.tp + p.micro.exact.fp), fmt(p.micro.exact.f1), fmt(p.micro.overlap.f1), '']);
    out.push(table(['label', `spans ${p.a}`, `spans ${p.b}`, 'exact F1', 'overlap F1', 'token κ'], rows));
    const rel = report.relations.find((r) => r.a === p.a && r.b === p.b);
    if (rel) {
      const parts = Object.entries(rel.byType).map(([t, s]) => `${t} ${fmt(s.f1)}`);
      out.push(`  relations F1 ${fmt(rel.micro.f1)}${parts.length ? ` (${parts.join(', ')})` : ''}`);
    }
  }

  if (report.annotators.length >= 2) {
    out.push('', "Krippendorff's α (nominal, per token, all annotators; missing documents allowed)");
    out.push(table(['label', 'α', 'tokens'], report.labels.map((l) => [l, fmt(report.alpha[l]?.alpha), String(report.alpha[l]?.units ?? 0)])));
  }

  if (report.conflicts.length) {
    out.push('', 'Not compared — same document id, different text:');
    for (const c of report.conflicts) out.push(`  ${c.id}: ${c.versions.map((v) => `${v.annotator} (${v.length} chars)`).join(', ')}`);
  }
  out.push('', '– means undefined: no spans on either side, or no variation for κ/α.');
  return out.join('\n') + '\n';
}
