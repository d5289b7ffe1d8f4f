import { $applyNodeReplacement, TextNode, type EditorConfig, type LexicalNode, type NodeKey, type SerializedTextNode, type Spread } from 'lexical';

/**
 * One run of text with the same covering spans. Carries its global UTF-16
 * offset so a DOM selection maps back to document offsets without walking
 * the tree, and the automation attributes (data-span-ids, data-labels).
 */
export interface RunStyle {
  /** span ids, outermost first */
  ids: string[];
  labels: string[];
  colors: string[];
  /** extra classes from the view's decorations (review candidate states, suggestions); selection is not one: it is toggled on the element */
  classes?: string;
  title?: string;
}

export type SerializedSpanRunNode = Spread<{ offset: number; ids: string[]; labels: string[]; colors: string[]; classes?: string; title?: string }, SerializedTextNode>;

export class SpanRunNode extends TextNode {
  __offset: number;
  __ids: string[];
  __labels: string[];
  __colors: string[];
  __classes: string;
  __title: string;

  static override getType(): string {
    return 'span-run';
  }

  static override clone(node: SpanRunNode): SpanRunNode {
    return new SpanRunNode(node.__text, node.__offset, { ids: node.__ids, labels: node.__labels, colors: node.__colors, classes: node.__classes, title: node.__title }, node.__key);
  }

  constructor(text: string, offset: number, style: RunStyle, key?: NodeKey) {
    super(text, key);
    this.__offset = offset;
    this.__ids = style.ids;
    this.__labels = style.labels;
    this.__colors = style.colors;
    this.__classes = style.classes ?? '';
    this.__title = style.title ?? '';
  }

  /** span ids, outermost first */
  getIds(): string[] {
    return this.getLatest().__ids;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config);
    applyRunAttributes(dom, this);
    return dom;
  }

  override updateDOM(prev: this, dom: HTMLElement, config: EditorConfig): boolean {
    if (super.updateDOM(prev, dom, config)) return true;
    applyRunAttributes(dom, this);
    return false;
  }

  static override importJSON(json: SerializedSpanRunNode): SpanRunNode {
    return $createSpanRunNode(json.text, json.offset, json);
  }

  override exportJSON(): SerializedSpanRunNode {
    return { ...super.exportJSON(), type: 'span-run', version: 1, offset: this.__offset, ids: this.__ids, labels: this.__labels, colors: this.__colors, classes: this.__classes, title: this.__title };
  }

  override isTextEntity(): boolean {
    return false;
  }
}

function applyRunAttributes(dom: HTMLElement, node: SpanRunNode): void {
  dom.dataset.offset = String(node.__offset);
  if (!node.__ids.length) {
    dom.removeAttribute('data-span-ids');
    dom.removeAttribute('data-labels');
    dom.className = 'sm-text';
    dom.removeAttribute('style');
    dom.removeAttribute('title');
    return;
  }
  dom.dataset.spanIds = node.__ids.join(' ');
  dom.dataset.labels = node.__labels.join(' ');
  dom.className = node.__classes ? `sm-hl ${node.__classes}` : 'sm-hl';
  dom.style.cssText = highlightCss(node.__colors);
  // labels are never told apart by colour alone: hovering a highlight names them
  dom.title = node.__title || node.__labels.join(' › ');
}

/**
 * Nested and overlapping spans stay distinct: each layer draws its own band
 * under the text (outermost lowest, so a claim's band runs unbroken), and the innermost tints the background.
 */
export function highlightCss(colors: readonly string[]): string {
  const layers = colors.length;
  if (layers === 0) return ''; // only hollow decorations here: their classes draw them
  const inner = colors[layers - 1]!;
  const bands = colors
    .map((c, i) => `inset 0 -${(i + 1) * 3}px 0 ${c}`)
    .join(', ');
  return `background-color: ${inner}33; box-shadow: ${bands}; padding-bottom: ${layers * 3}px;`;
}

export function $createSpanRunNode(text: string, offset: number, style: RunStyle): SpanRunNode {
  return $applyNodeReplacement(new SpanRunNode(text, offset, style));
}

export function $isSpanRunNode(node: LexicalNode | null | undefined): node is SpanRunNode {
  return node instanceof SpanRunNode;
}
