import { evalDocuments } from '../main/services/suggest/eval-set';
import { DEFAULT_SCHEMA } from '../shared/model/defaults';
import { suggest } from '../shared/suggest/suggest';
import { winkTokens } from '../shared/suggest/wink-tagger';
import type { ResultRecord } from './run';

/**
 * Suggestion figures in Node, with the code the renderer's worker runs:
 * tagging (wink-nlp) plus every built-in suggester over a 1M-character
 * document of news prose (the evaluation articles repeated), then a re-run
 * after one more span (what labelling costs: the worker keeps the tokens).
 * Wall time and CPU time are both reported: on a shared machine the wall
 * clock mostly measures the other processes.
 */

function newsText(chars: number): string {
  const base = evalDocuments()
    .map((d) => d.text)
    .join('\n\n');
  let text = '';
  while (text.length < chars) text += `${base}\n\n`;
  return text.slice(0, text.lastIndexOf('\n\n', chars));
}

function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

export async function runSuggestBench(runs: number): Promise<ResultRecord[]> {
  const text = newsText(1_000_000);
  winkTokens('Warm the model up.');
  const first = { wall: [] as number[], cpu: [] as number[] };
  const again = { wall: [] as number[], cpu: [] as number[] };
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const full = timed(() => {
      const tokens = winkTokens(text);
      return { tokens, found: suggest({ text, spans: [] }, { schema: DEFAULT_SCHEMA, tagger: (t) => (t === text ? tokens : winkTokens(t)) }) };
    });
    first.wall.push(full.wall);
    first.cpu.push(full.cpu);
    count = full.value.found.length;
    const s = full.value.found[0]!;
    const spans = [{ id: 's1', label: s.label, start: s.start, end: s.end, text: s.text, annotator: 'bench', createdAt: '', updatedAt: '' }];
    const tokens = full.value.tokens;
    const re = timed(() => suggest({ text, spans }, { schema: DEFAULT_SCHEMA, tagger: (t) => (t === text ? tokens : winkTokens(t)) }));
    again.wall.push(re.wall);
    again.cpu.push(re.cpu);
  }
  const w = `1M chars (${text.length.toLocaleString('en')}), ${count} suggestions`;
  const row = (metric: string, v: number): ResultRecord => ({ workload: w, metric, spanmark: v, recogito: null, floor: null, unit: 'ms' });
  return [
    row('suggest: tag + all suggesters, wall (target < 2000)', median(first.wall)),
    row('suggest: tag + all suggesters, CPU', median(first.cpu)),
    row('suggest: after labelling one span, wall', median(again.wall)),
    row('suggest: after labelling one span, CPU', median(again.cpu)),
  ];
}
