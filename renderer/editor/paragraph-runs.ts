import type { LexicalNode, ParagraphNode } from 'lexical';
import type { Decoration } from './controller';
import { $createSpanRunNode, SpanRunNode, type RunStyle } from './nodes/SpanRunNode';
import type { Run } from './segments';

/*
 * A rendered paragraph as Lexical nodes: one SpanRunNode per run of text
 * with the same covering spans. Call inside editor.update().
 */

/** How a run looks: its spans' ids, labels and colours, and what decorations add. */
function runStyle(r: Run, colors: Map<string, string>, decorations: ReadonlyMap<string, Decoration> | undefined): RunStyle {
  if (!r.spans.length) return { ids: [], labels: [], colors: [] };
  const decos = decorations ? r.spans.map((s) => decorations.get(s.id)) : [];
  const classes = [...new Set(decos.flatMap((d) => (d?.className ? d.className.split(' ') : [])))].join(' ');
  const title = decos.map((d) => d?.title).filter(Boolean).join('\n');
  return {
    ids: r.spans.map((s) => s.id),
    labels: r.spans.map((s) => s.label),
    colors: r.spans.flatMap((s, i) => (decos[i]?.hollow ? [] : [decos[i]?.color ?? colors.get(s.label) ?? '#999999'])),
    ...(classes ? { classes } : {}),
    ...(title ? { title } : {}),
  };
}

export function fillParagraph(para: ParagraphNode, text: string, runs: Run[], colors: Map<string, string>, decorations: ReadonlyMap<string, Decoration> | undefined): void {
  for (const r of runs) para.append($createSpanRunNode(text.slice(r.start, r.end), r.start, runStyle(r, colors, decorations)));
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether a rendered run already shows run `r` in `style` (the text is the same: a new text rebuilds the window). */
function shows(node: LexicalNode | undefined, r: Run, style: RunStyle): boolean {
  return (
    node instanceof SpanRunNode &&
    node.__offset === r.start &&
    node.getTextContentSize() === r.end - r.start &&
    sameList(node.__ids, style.ids) &&
    sameList(node.__labels, style.labels) &&
    sameList(node.__colors, style.colors) &&
    node.__classes === (style.classes ?? '') &&
    node.__title === (style.title ?? '')
  );
}

/**
 * Bring a rendered paragraph to `runs`, replacing only the runs between the
 * first and the last that differ: a new span changes two or three runs of a
 * paragraph, so the other nodes (and their DOM) stay.
 */
export function patchParagraph(para: ParagraphNode, text: string, runs: Run[], colors: Map<string, string>, decorations: ReadonlyMap<string, Decoration> | undefined): void {
  const children = para.getChildren();
  const styles = runs.map((r) => runStyle(r, colors, decorations));
  let head = 0;
  while (head < runs.length && head < children.length && shows(children[head], runs[head]!, styles[head]!)) head++;
  let tail = 0;
  while (tail < runs.length - head && tail < children.length - head && shows(children[children.length - 1 - tail], runs[runs.length - 1 - tail]!, styles[runs.length - 1 - tail]!)) tail++;
  for (let k = head; k < children.length - tail; k++) children[k]!.remove();
  let before: LexicalNode | null = head > 0 ? children[head - 1]! : null;
  for (let k = head; k < runs.length - tail; k++) {
    const node = $createSpanRunNode(text.slice(runs[k]!.start, runs[k]!.end), runs[k]!.start, styles[k]!);
    if (before) before.insertAfter(node);
    else if (para.getFirstChild()) para.getFirstChild()!.insertBefore(node);
    else para.append(node);
    before = node;
  }
}
