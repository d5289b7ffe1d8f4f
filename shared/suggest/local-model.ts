import type { AnnotationSchema } from '../model/schema';
import type { Hit } from './types';

/**
 * The optional local model (off by default, per corpus): a chat request to
 * an OpenAI-compatible server (Ollama, llama.cpp's server, LM Studio) and
 * the reading of its answer. The model is asked for the exact words of each
 * span, never offsets; every span is found again in the text here, and
 * anything not found word for word is dropped and counted. Long documents go
 * in chunks of whole paragraphs.
 */

export interface ChatRequest {
  model: string;
  messages: { role: 'system' | 'user'; content: string }[];
  temperature: number;
  response_format: { type: 'json_object' };
  stream: false;
}

export const CHUNK_CHARS = 6000;

export function systemPrompt(schema: AnnotationSchema): string {
  const labels = schema.labels.map((l) => `- ${l.name}: ${l.description || l.name}${l.examples.length ? ` (e.g. ${l.examples.map((e) => `"${e}"`).join(', ')})` : ''}`);
  return [
    'You annotate news text. Mark every span that fits one of these labels:',
    ...labels,
    'Answer with JSON only, in this shape:',
    '{"spans": [{"label": "<one of the labels>", "text": "<the exact words, copied character for character from the text>", "occurrence": <1 for the first time these words appear in the text, 2 for the second, ...>}]}',
    'Copy the words exactly; do not paraphrase, do not give offsets.',
  ].join('\n');
}

export function chatRequest(schema: AnnotationSchema, model: string, chunk: string): ChatRequest {
  return {
    model,
    messages: [
      { role: 'system', content: systemPrompt(schema) },
      { role: 'user', content: chunk },
    ],
    temperature: 0,
    response_format: { type: 'json_object' },
    stream: false,
  };
}

/** Paragraph-aligned chunks of at most `max` UTF-16 units (a longer paragraph is cut at a space). */
export function chunks(text: string, max = CHUNK_CHARS): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const para = text.lastIndexOf('\n\n', end);
      const space = text.lastIndexOf(' ', end);
      end = para > start ? para + 2 : space > start ? space + 1 : end;
    }
    out.push({ start, text: text.slice(start, end) });
    start = end;
  }
  return out;
}

export interface ParsedAnswer {
  hits: Hit[];
  /** spans whose words are not in the text, or whose label is not in the schema */
  dropped: number;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c);

/** Every whole-word occurrence of `words` in `text` (exact case first; any case if none). */
function occurrences(text: string, words: string): number[] {
  const find = (hay: string, needle: string) => {
    const at: number[] = [];
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      if (!isWordChar(hay[i - 1]) || !isWordChar(needle[0])) {
        if (!isWordChar(hay[i + needle.length]) || !isWordChar(needle[needle.length - 1])) at.push(i);
      }
    }
    return at;
  };
  const exact = find(text, words);
  return exact.length > 0 ? exact : find(text.toLowerCase(), words.toLowerCase());
}

export function parseAnswer(content: string, chunk: { start: number; text: string }, labels: ReadonlySet<string>): ParsedAnswer {
  const json = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('The local model did not answer with JSON.');
  }
  const list = Array.isArray(data) ? data : (data as { spans?: unknown })?.spans;
  if (!Array.isArray(list)) throw new Error('The local model\'s answer has no "spans" list.');
  const hits: Hit[] = [];
  let dropped = 0;
  for (const item of list) {
    const { label, text, occurrence } = (item ?? {}) as { label?: unknown; text?: unknown; occurrence?: unknown };
    if (typeof label !== 'string' || !labels.has(label) || typeof text !== 'string' || text.trim() === '') {
      dropped++;
      continue;
    }
    const words = text.trim();
    const at = occurrences(chunk.text, words);
    const nth = typeof occurrence === 'number' && Number.isInteger(occurrence) && occurrence >= 1 ? occurrence : 1;
    const i = at[nth - 1];
    if (i === undefined) {
      dropped++;
      continue;
    }
    hits.push({ label, start: chunk.start + i, end: chunk.start + i + words.length, suggester: 'model', origin: 'local model' });
  }
  return { hits, dropped };
}

/** Only this computer: loopback addresses, so nothing leaves the machine. */
export function modelUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'The model address is not a URL (for example http://127.0.0.1:11434/v1).';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'The model address must start with http:// or https://.';
  if (u.username || u.password) return 'The model address must not contain a user name or password.';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  if (!loopback) return 'Spanmark only talks to a model on this computer (localhost, 127.0.0.1 or ::1), so no text leaves the machine.';
  return null;
}

/** The chat completions URL for a base such as http://127.0.0.1:11434/v1 (or a full …/chat/completions). */
export function completionsUrl(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
}
