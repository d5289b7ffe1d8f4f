import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../api';
import { attempt, notify } from '../../app/actions';
import { TeamProgressCard } from '../team/TeamSync';
import { ChartTable } from './ChartTable';
import { useAppState } from '../../app/store';
import type { CorpusStats } from '../../../shared/ipc/contract';
import type { AgreementReport } from '../../../shared/metrics';

const STATUS_COLORS = { todo: '#9aa0a6', in_progress: '#e0a100', done: '#3aa67a', reviewed: '#2f5fd0' } as const;

const round = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x * 1000) / 1000);

/** Per-label agreement rows for a chart: F1 (exact, overlap) of the first pair, κ of that pair, α across everyone. */
export function agreementRows(report: AgreementReport) {
  const pair = report.pairs[0];
  return report.labels.map((label) => ({
    label,
    'F1 exact': round(pair?.labels[label]?.exact.f1),
    'F1 overlap': round(pair?.labels[label]?.overlap.f1),
    'Cohen κ': round(pair?.labels[label]?.kappa.kappa),
    'Krippendorff α': round(report.alpha[label]?.alpha),
  }));
}

function AgreementPanel() {
  const [result, setResult] = useState<{ report: AgreementReport; paths: string[] } | null>(null);
  const report = result?.report;
  return (
    <section className="card" data-testid="agreement">
      <h2>Agreement between annotators</h2>
      <div className="view-actions">
        <button type="button" data-testid="agreement-open" onClick={() => void attempt(async () => setResult((await call('review:agreement', { paths: [] })) ?? result))}>
          Compare annotator copies…
        </button>
        {result && (
          <button
            type="button"
            data-testid="agreement-csv"
            onClick={() =>
              void attempt(async () => {
                const r = await call('review:agreement', { paths: result.paths, saveCsv: true });
                if (r?.csvPath) notify(`Saved ${r.csvPath}`, 'info');
              })
            }
          >
            Export CSV
          </button>
        )}
      </div>
      {report && (
        <>
          <p className="muted">
            {report.annotators.join(', ')} · {report.documents.length} shared documents
            {report.conflicts.length > 0 && ` · ${report.conflicts.length} documents with different text were left out`}
          </p>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={agreementRows(report)}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" />
              <YAxis domain={[0, 1]} />
              <Tooltip />
              <Legend />
              <Bar dataKey="F1 exact" fill="#5b8def" isAnimationActive={false} />
              <Bar dataKey="F1 overlap" fill="#a3bffa" isAnimationActive={false} />
              <Bar dataKey="Cohen κ" fill="#3aa67a" isAnimationActive={false} />
              <Bar dataKey="Krippendorff α" fill="#e4572e" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
          <table className="figures-table" data-testid="agreement-table">
            <caption>Agreement per label (the chart’s numbers)</caption>
            <thead>
              <tr>
                <th>Label</th>
                <th>F1 exact</th>
                <th>F1 overlap</th>
                <th>Cohen κ</th>
                <th>Krippendorff α</th>
              </tr>
            </thead>
            <tbody>
              {agreementRows(report).map((r) => (
                <tr key={r.label} data-testid="agreement-row" data-label={r.label}>
                  <td dir="auto">{r.label}</td>
                  <td dir="auto" className="num">{r['F1 exact'] ?? '–'}</td>
                  <td dir="auto" className="num">{r['F1 overlap'] ?? '–'}</td>
                  <td dir="auto" className="num">{r['Cohen κ'] ?? '–'}</td>
                  <td dir="auto" className="num">{r['Krippendorff α'] ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {report.pairs.map((p) => (
            <details key={`${p.a}-${p.b}`} open={report.pairs.length === 1}>
              <summary>
                Per document: {p.a} vs {p.b}
              </summary>
              <table className="figures-table" data-testid="agreement-documents">
                <thead>
                  <tr>
                    <th>Document</th>
                    <th>F1 exact</th>
                    <th>F1 overlap</th>
                    <th>Relations F1</th>
                  </tr>
                </thead>
                <tbody>
                  {p.documents.map((d) => (
                    <tr key={d.key} data-testid="agreement-document-row">
                      <td dir="auto">{d.title}</td>
                      <td dir="auto" className="num">{round(d.micro.exact.f1) ?? '–'}</td>
                      <td dir="auto" className="num">{round(d.micro.overlap.f1) ?? '–'}</td>
                      <td dir="auto" className="num">{round(d.relations.micro.f1) ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </>
      )}
    </section>
  );
}

/** Progress by status and annotator, spans per label, agreement — as charts, each with its numbers in a table. */
export function DashboardView() {
  const documents = useAppState((s) => s.corpus?.documents);
  const schema = useAppState((s) => s.corpus?.meta.schema);
  const [stats, setStats] = useState<CorpusStats | null>(null);
  useEffect(() => {
    void attempt(async () => setStats(await call('analysis:stats', {})));
  }, [documents]);
  if (!stats || !schema) return <div className="empty">Counting…</div>;
  const colors = new Map(schema.labels.map((l) => [l.name, l.color]));
  const statusData = (Object.keys(stats.byStatus) as (keyof typeof STATUS_COLORS)[]).map((k) => ({ status: k.replace('_', ' '), key: k, documents: stats.byStatus[k] }));
  return (
    <div className="project-view dashboard" data-testid="dashboard">
      <TeamProgressCard />
      <section className="card" data-testid="progress">
        <h2>Progress · {stats.documents} documents</h2>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={statusData}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="status" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="documents" isAnimationActive={false}>
              {statusData.map((d) => (
                <Cell key={d.key} fill={STATUS_COLORS[d.key]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        <ChartTable caption="Documents by status" head={['Status', 'Documents']} rows={statusData.map((d) => ({ key: d.key, name: d.status, value: d.documents }))} cellTestId="status-count" keyAttr="status" />
      </section>
      <section className="card">
        <h2>Spans per label</h2>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={stats.perLabel}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" isAnimationActive={false}>
              {stats.perLabel.map((d) => (
                <Cell key={d.label} fill={colors.get(d.label) ?? '#999'} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
        <ChartTable caption="Spans per label" head={['Label', 'Spans']} rows={stats.perLabel.map((d) => ({ key: d.label, name: d.label, value: d.count }))} cellTestId="label-count" keyAttr="label" />
      </section>
      <section className="card">
        <h2>By annotator</h2>
        <table className="figures-table">
          <thead>
            <tr>
              <th>Annotator</th>
              <th>Documents</th>
              <th>Spans</th>
              <th>Relations</th>
            </tr>
          </thead>
          <tbody>
            {stats.byAnnotator.map((a) => (
              <tr key={a.annotator} data-testid="annotator-row">
                <td dir="auto">{a.annotator}</td>
                <td dir="auto" className="num">{a.documents}</td>
                <td dir="auto" className="num">{a.spans}</td>
                <td dir="auto" className="num">{a.relations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <AgreementPanel />
    </div>
  );
}
