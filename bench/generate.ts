import { mulberry32 } from '../shared/random';
import { DEFAULT_SCHEMA } from '../shared/model/defaults';
import { sortSpans } from '../shared/model/edits';
import type { Document, Span } from '../shared/model/schema';
import { OffsetIndex } from '../shared/text/offsets';

/**
 * Deterministic workloads for the benchmark: news-like prose with emoji and
 * Cyrillic, and spans of which a fifth nest inside or overlap another.
 * Same seed, same document, on every machine, so figures compare across runs.
 */

export interface Workload {
  name: string;
  chars: number;
  spans: number;
}

export const WORKLOADS: readonly Workload[] = [
  { name: '20k/500', chars: 20_000, spans: 500 },
  { name: '200k/5000', chars: 200_000, spans: 5_000 },
  { name: '1M/20000', chars: 1_000_000, spans: 20_000 },
];


const ACTORS = ['Marta Volkova', 'the governor', 'Olena Shevchuk', 'a ministry spokesman', 'Дмитрий Орлов', 'the regional council', 'Ivan Petrenko', 'police', 'Анна Ковальчук', 'the mayor'];
const VERBS = ['said', 'claimed', 'told reporters', 'denied', 'confirmed', 'wrote', 'заявил', 'insisted', 'announced', 'estimated'];
const FACTS = [
  'that 80 people were killed in the strike near Korvany',
  'that the bridge at Lesna had been closed since Monday',
  'что более 200 человек были эвакуированы',
  'that three days of mourning would be declared',
  'the convoy carried 12 tonnes of flour 🚚',
  'that prices rose by 14 percent in a single week 📈',
  'что в городе нет электричества уже пятый день ⚡',
  'that the ceasefire had held overnight 🕊️',
  'that 1,500 households remained without water',
  'the report was based on satellite images 🛰️ and witness accounts',
];
const FILLERS = ['According to local outlets,', 'On Tuesday,', 'Late at night,', 'По словам очевидцев,', 'In a statement,', 'Earlier,', 'Meanwhile,', 'Officials in Kyiv 🇺🇦 noted that'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

/** Prose of exactly `chars` UTF-16 units, in paragraphs of 3–7 sentences separated by blank lines. */
export function generateText(chars: number, seed = 1): string {
  const rand = mulberry32(seed);
  const parts: string[] = [];
  let len = 0;
  while (len < chars) {
    const n = 3 + Math.floor(rand() * 5);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) sentences.push(`${rand() < 0.4 ? pick(rand, FILLERS) + ' ' : ''}${pick(rand, ACTORS)} ${pick(rand, VERBS)} ${pick(rand, FACTS)}.`);
    const para = sentences.join(' ');
    parts.push(para);
    len += para.length + 2;
  }
  let text = parts.join('\n\n').slice(0, chars);
  // never end on half a surrogate pair
  const last = text.charCodeAt(text.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1) + '.';
  return text;
}

/** Word boundaries (UTF-16 start, end) of every word in the text. */
function words(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^\s.,]+/gu)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/**
 * `count` spans over whole words: 80% spread evenly and disjoint, 20% nested
 * in or overlapping one of those (alternately), all with code point offsets.
 */
export function generateDocument(w: Workload, seed = 1, id = `bench-${w.chars}`): Document {
  const text = generateText(w.chars, seed);
  const rand = mulberry32(seed * 7919 + w.spans);
  const index = new OffsetIndex(text);
  const ws = words(text);
  const labels = DEFAULT_SCHEMA.labels.map((l) => l.name);
  const now = '2025-01-01T00:00:00.000Z';
  const spans: Span[] = [];
  const seen = new Set<string>();
  const add = (a: number, b: number, label: string): boolean => {
    const start = index.toCodePoint(a);
    const end = index.toCodePoint(b, 'end');
    const key = `${start}:${end}:${label}`;
    if (start >= end || seen.has(key)) return false;
    seen.add(key);
    spans.push({ id: `s_${spans.length.toString(36)}`, label, start, end, text: index.slice(start, end), annotator: 'bench', createdAt: now, updatedAt: now });
    return true;
  };
  const base = Math.round(w.spans * 0.8);
  const slot = ws.length / base;
  const bases: Array<[number, number]> = [];
  for (let i = 0; i < base; i++) {
    // 1–3 words inside slot i, so base spans never touch each other
    const first = Math.floor(i * slot);
    const room = Math.max(1, Math.floor(slot) - 1);
    const from = first + Math.floor(rand() * room);
    const to = Math.min(from + Math.floor(rand() * Math.min(3, room)), Math.floor((i + 1) * slot) - 1, ws.length - 1);
    const a = ws[from]![0];
    const b = ws[Math.max(from, to)]![1];
    if (add(a, b, pick(rand, labels))) bases.push([from, Math.max(from, to)]);
  }
  let k = 0;
  while (spans.length < w.spans) {
    const [from, to] = bases[Math.floor(rand() * bases.length)]!;
    const nested = k++ % 2 === 0;
    if (nested) {
      const at = from + Math.floor(rand() * (to - from + 1));
      add(ws[at]![0], ws[at]![1], pick(rand, labels));
    } else {
      const end = Math.min(ws.length - 1, to + 1 + Math.floor(rand() * 2));
      add(ws[from + Math.floor(rand() * (to - from + 1))]![0], ws[end]![1], pick(rand, labels));
    }
  }
  return { id, title: `Bench ${w.name}`, source: {}, text, status: 'in_progress', spans: sortSpans(spans), relations: [], updatedAt: now };
}
