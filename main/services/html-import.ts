import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

/**
 * Saved web pages → plain article text. jsdom parses without running
 * anything: no `runScripts` (so <script>, on* handlers and javascript:
 * URLs stay inert) and no `resources` (no image, iframe or stylesheet is
 * fetched). Readability then picks the article and drops navigation,
 * comment forms and sidebars. We keep no HTML at all, only text, so
 * there is nothing left for DOMPurify to clean; paragraphs are joined with
 * a blank line so offsets stay stable and readable.
 */

export interface HtmlArticle {
  title: string;
  text: string;
  url?: string;
}

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
/** never text, even if Readability's fallback leaves them in */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS', 'FORM', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT', 'NAV']);

export function htmlToArticle(html: string, opts: { url?: string; fileName?: string } = {}): HtmlArticle {
  const dom = parse(html, opts.url);
  const doc = dom.window.document;
  const url = canonicalUrl(doc) ?? (opts.url && /^https?:/i.test(opts.url) ? opts.url : undefined);
  const fallbackTitle = doc.title.trim() || doc.querySelector('h1')?.textContent?.trim() || opts.fileName?.replace(/\.[^.]+$/, '') || 'Untitled';
  // Readability mutates the tree it reads, so it gets its own copy
  const article = new Readability(parse(html, opts.url).window.document, { charThreshold: 200 }).parse();
  let text = '';
  if (article?.content) text = blocksToText(parse(`<body>${article.content}</body>`).window.document.body);
  if (!text.trim()) text = blocksToText(doc.body ?? doc.documentElement);
  dom.window.close();
  return { title: (article?.title ?? '').trim() || fallbackTitle, text, ...(url ? { url } : {}) };
}

function parse(html: string, url?: string): JSDOM {
  // a silent console: page errors are not ours to print
  return new JSDOM(html, { url: url && /^https?:/i.test(url) ? url : 'about:blank', virtualConsole: new VirtualConsole() });
}

function canonicalUrl(doc: Document): string | undefined {
  const candidates = [doc.querySelector('link[rel="canonical"]')?.getAttribute('href'), doc.querySelector('meta[property="og:url"]')?.getAttribute('content')];
  return candidates.find((u): u is string => !!u && /^https?:\/\//i.test(u));
}

/** Text of the tree with a blank line between blocks and `\n` for <br>; whitespace collapsed outside <pre>. */
function blocksToText(root: Element): string {
  const paragraphs: string[] = [];
  let cur = '';
  const flush = () => {
    const p = cur.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
    if (p) paragraphs.push(p);
    cur = '';
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      cur += pre ? t : t.replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return;
    if (tag === 'BR') {
      cur += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of Array.from(el.childNodes)) walk(child, pre || tag === 'PRE');
    if (block) flush();
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}
