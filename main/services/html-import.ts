import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import path from 'node:path';
import { newDocument } from '../../shared/formats/common';
import type { ImportResult, TextFile } from '../../shared/formats/types';

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

/**
 * Real articles nest a few dozen elements deep. Readability's work grows
 * roughly with the cube of the depth (1,000 nested <div>s took 7.5 s, 4,000
 * over 5 minutes; 250 levels still took seconds), so a page nested deeper
 * than this is refused unread.
 */
export const MAX_HTML_DEPTH = 128;

export class HtmlTooDeepError extends Error {}

export function htmlToArticle(html: string, opts: { url?: string; fileName?: string; maxDepth?: number } = {}): HtmlArticle {
  const limit = opts.maxDepth ?? MAX_HTML_DEPTH;
  const tooDeep = () =>
    new HtmlTooDeepError(`not imported: the page nests elements more than ${limit} levels deep, which real articles never do (and which would stall the article reader)`);
  // jsdom's own parse slows with depth too (4,000 levels: seconds), so a linear scan of the tags refuses the worst first
  if (tagDepthUpperBound(html) > limit * 4) throw tooDeep();
  const dom = parse(html, opts.url);
  const doc = dom.window.document;
  if (maxDepth(doc.documentElement, limit) > limit) {
    dom.window.close();
    throw tooDeep();
  }
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

/** elements that never nest (void) or whose end tag may be left out: a scan cannot tell their depth, so they do not count */
const UNCOUNTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'option',
  'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rt', 'rtc', 'rp', 'colgroup', 'caption', 'html', 'head', 'body',
]);

/** Open minus closed tags at the deepest point, in one pass over the text; at least the real depth for well-formed nesting. */
function tagDepthUpperBound(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(\/?)>/g)) {
    const name = m[2]!.toLowerCase();
    if (UNCOUNTED.has(name) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > deepest) deepest = depth;
  }
  return deepest;
}

/** The element nesting depth, walked without recursion and stopped once it passes `limit`. */
function maxDepth(root: Element, limit: number): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, d + 1]);
  }
  return deepest;
}

/** A saved web page as an import result: one document, or the reason it was refused. */
export function importHtmlFile(file: TextFile): ImportResult {
  const none = { documents: [], labels: [], relationTypes: [], warnings: [] };
  let article: HtmlArticle;
  try {
    article = htmlToArticle(file.text, { fileName: path.basename(file.name) });
  } catch (e) {
    if (e instanceof HtmlTooDeepError) return { ...none, problems: [{ file: file.name, message: e.message }] };
    throw e;
  }
  const doc = newDocument({ title: article.title, text: article.text, fileName: file.name, format: 'html' });
  if (article.url) doc.source.url = article.url;
  const problems = article.text.trim() ? [] : [{ file: file.name, message: 'no readable text found in this page' }];
  return { documents: [doc], labels: [], relationTypes: [], problems, warnings: [] };
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
