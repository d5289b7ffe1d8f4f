import type { Document, Span } from '../model/schema';
import { tokenize, type Token } from '../text/tokenize';

/**
 * Projection of spans onto tokens, shared by CoNLL and Hugging Face.
 * Tokens are cut at every span edge, so each span covers whole tokens.
 */

export function tokensFor(doc: Document, spans: Span[] = doc.spans): Token[] {
  const breaks = new Set<number>();
  for (const s of spans) {
    breaks.add(s.start);
    breaks.add(s.end);
  }
  return tokenize(doc.text, breaks);
}

/**
 * Keeps a non-overlapping subset: the longest spans first ('outermost', as
 * spaCy's `ents` and most flat NER data expect) or the shortest first
 * ('innermost'). Ties go to the earlier span.
 */
export function flatten(spans: Span[], policy: 'outermost' | 'innermost'): { kept: Span[]; dropped: Span[] } {
  const order = [...spans].sort((a, b) => {
    const la = a.end - a.start;
    const lb = b.end - b.start;
    return (policy === 'outermost' ? lb - la : la - lb) || a.start - b.start;
  });
  const kept: Span[] = [];
  const dropped: Span[] = [];
  for (const s of order) (kept.some((k) => k.start < s.end && s.start < k.end) ? dropped : kept).push(s);
  kept.sort((a, b) => a.start - b.start);
  return { kept, dropped };
}

/** BIO tags of one layer of non-overlapping spans. */
export function bioTags(tokens: Token[], spans: Span[]): string[] {
  const tags = tokens.map(() => 'O');
  for (const s of spans) {
    let first = true;
    tokens.forEach((t, i) => {
      if (t.start >= s.start && t.end <= s.end) {
        tags[i] = `${first ? 'B' : 'I'}-${s.label}`;
        first = false;
      }
    });
  }
  return tags;
}

export interface Layer {
  label: string;
  spans: Span[];
}

/**
 * Splits spans into layers with no overlap inside a layer: one layer per
 * label, plus extra layers for a label whose own spans nest or cross.
 * The layer count per label is the corpus-wide maximum, so every document
 * has the same columns.
 */
export function layersByLabel(docs: Document[], labelOrder: string[]): { columns: { label: string; depth: number }[]; assign: (doc: Document) => Layer[] } {
  const depth = new Map<string, number>();
  const perDoc = new Map<string, Map<string, Span[][]>>();
  for (const doc of docs) {
    const byLabel = new Map<string, Span[][]>();
    const sorted = [...doc.spans].sort((a, b) => a.start - b.start || b.end - a.end);
    for (const s of sorted) {
      const layers = byLabel.get(s.label) ?? [];
      byLabel.set(s.label, layers);
      let layer = layers.find((l) => !l.some((k) => k.start < s.end && s.start < k.end));
      if (!layer) layers.push((layer = []));
      layer.push(s);
      depth.set(s.label, Math.max(depth.get(s.label) ?? 0, layers.length));
    }
    perDoc.set(doc.id, byLabel);
  }
  const labels = [...labelOrder.filter((l) => depth.has(l)), ...[...depth.keys()].filter((l) => !labelOrder.includes(l)).sort()];
  const columns = labels.flatMap((label) => Array.from({ length: depth.get(label)! }, (_, i) => ({ label, depth: i })));
  return {
    columns,
    assign: (doc) => columns.map((c) => ({ label: c.label, spans: perDoc.get(doc.id)?.get(c.label)?.[c.depth] ?? [] })),
  };
}
