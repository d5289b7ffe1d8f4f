import { CorpusStore } from '../corpus-store';
import { OffsetIndex } from '../../../shared/text/offsets';
import { figureAttributes } from '../../../shared/analysis/figure-attributes';
import type { Document, Relation, Span } from '../../../shared/model/schema';
import { EVAL_ARTICLES, type EvalArticle } from './__fixtures__/eval-articles';

/**
 * Builds the evaluation corpora from the marked-up articles: `[label text]`
 * or `[label#id text]`, nestable; `cue` means `attribution`.
 */

const ANNOTATOR = 'eval';
const TIME = '2026-12-01T00:00:00.000Z';
const LABELS: Record<string, string> = { cue: 'attribution', actor: 'actor', figure: 'figure', claim: 'claim' };

export function parseMarked(a: EvalArticle): Document {
  let text = '';
  const open: { label: string; id: string | null; start: number }[] = [];
  const spans: Span[] = [];
  const ids = new Map<string, string>();
  const src = a.marked;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '[') {
      const m = /^\[(cue|actor|figure|claim)(?:#(\w+))? /.exec(src.slice(i));
      if (!m) throw new Error(`${a.id}: bad markup at ${i}: ${src.slice(i, i + 30)}`);
      open.push({ label: LABELS[m[1]!]!, id: m[2] ?? null, start: text.length });
      i += m[0].length - 1;
    } else if (ch === ']') {
      const o = open.pop();
      if (!o) throw new Error(`${a.id}: unbalanced ] at ${i}`);
      const id = `${a.id}-${o.id ?? `s${spans.length + 1}`}`;
      if (o.id) ids.set(o.id, id);
      spans.push({ id, label: o.label, start: o.start, end: text.length, text: text.slice(o.start, text.length), annotator: ANNOTATOR, createdAt: TIME, updatedAt: TIME });
    } else {
      text += ch;
    }
  }
  if (open.length) throw new Error(`${a.id}: unclosed [${open[0]!.label}`);
  const index = new OffsetIndex(text);
  const cpSpans = spans.map((s) => {
    const attributes = s.label === 'figure' ? figureAttributes(s.text) : undefined;
    return { ...s, start: index.toCodePoint(s.start), end: index.toCodePoint(s.end), ...(attributes ? { attributes } : {}) };
  });
  const relations: Relation[] = [];
  const ref = (k: string) => {
    const id = ids.get(k);
    if (!id) throw new Error(`${a.id}: triple names unknown span ${k}`);
    return id;
  };
  for (const [cue, actor, claim] of a.triples) {
    if (actor) relations.push({ id: `${a.id}-r${relations.length + 1}`, type: 'source', from: ref(cue), to: ref(actor), annotator: ANNOTATOR, createdAt: TIME });
    if (claim) relations.push({ id: `${a.id}-r${relations.length + 1}`, type: 'content', from: ref(cue), to: ref(claim), annotator: ANNOTATOR, createdAt: TIME });
  }
  return { id: a.id, title: a.title, source: { outlet: a.outlet }, text, status: 'done', spans: cpSpans, relations };
}

export function evalDocuments(split?: EvalArticle['split']): Document[] {
  return EVAL_ARTICLES.filter((a) => !split || a.split === split).map(parseMarked);
}

/** Writes one split as a corpus folder through the store (used by the fixture script and tests). */
export async function writeEvalCorpus(dir: string, split?: EvalArticle['split']): Promise<void> {
  const store = await CorpusStore.create(dir, { name: `Suggest evaluation (${split ?? 'all'})`, id: `suggest-eval-${split ?? 'all'}` });
  try {
    await store.addDocuments(evalDocuments(split));
  } finally {
    await store.close();
  }
}
