import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Pos, Token } from './tokens';

/**
 * English tokens with part of speech, lemma and sentence starts from
 * wink-nlp and its lite web model: pure JavaScript, no DOM or Node APIs,
 * the model ships inside the npm package, so it runs offline in a worker or
 * in Node. Only sentence boundaries and POS tagging run (no NER, sentiment or
 * negation), which keeps 1M characters near a second.
 */

type Wink = ReturnType<typeof winkNLP>;
let nlp: Wink | null = null;

function engine(): Wink {
  nlp ??= winkNLP(model, ['sbd', 'pos']);
  return nlp;
}

export function winkTokens(text: string): Token[] {
  const w = engine();
  const its = w.its;
  const doc = w.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const pos = tokens.out(its.pos) as string[];
  // the typings declare lemma with an addons argument that out() supplies itself
  const lemma = tokens.out(its.lemma as unknown as typeof its.pos) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const starts = new Set<number>();
  for (const [first] of doc.sentences().out(its.span) as unknown as [number, number][]) starts.add(first);

  const out: Token[] = [];
  let at = 0;
  let afterBreak = false;
  let nextStartsSentence = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const gap = spaces[i] ?? '';
    at += gap.length;
    if (text.startsWith(value, at)) {
      // wink keeps the text as it is; the check guards against a model that normalises
    } else {
      const found = text.indexOf(value, at);
      if (found < 0) continue;
      at = found;
    }
    const start = at;
    at += value.length;
    if (gap.includes('\n')) afterBreak = true;
    if (pos[i] === 'SPACE' || value.trim() === '') {
      if (value.includes('\n')) afterBreak = true;
      if (/\n\s*\n/.test(value)) nextStartsSentence = true;
      if (starts.has(i)) nextStartsSentence = true;
      continue;
    }
    out.push({
      text: value,
      lower: value.toLowerCase(),
      start,
      end: start + value.length,
      afterBreak,
      sentStart: starts.has(i) || nextStartsSentence || out.length === 0,
      pos: pos[i] as Pos,
      lemma: lemma[i],
    });
    afterBreak = false;
    nextStartsSentence = false;
  }
  return out;
}
