import { createTextAnnotator, W3CTextFormat, type TextAnnotator } from '@recogito/text-annotator';
import '@recogito/text-annotator/text-annotator.css';
import { createRoot } from 'react-dom/client';
import { labelRange, offsetIndexFor, openDocument, relabel } from '../../renderer/app/actions';
import { getState, useAppState } from '../../renderer/app/store';
import '../../renderer/app/styles.css';
import { DocumentView } from '../../renderer/editor/DocumentView';
import { buildRuns, splitParagraphs, toViewSpans } from '../../renderer/editor/segments';
import { DEFAULT_SCHEMA } from '../../shared/model/defaults';
import type { Document } from '../../shared/model/schema';
import { OffsetIndex } from '../../shared/text/offsets';
import { generateDocument, WORKLOADS } from '../generate';

/**
 * One contender per page load, driven by bench/run.ts through window.bench:
 * prepare → mount → count → add → relabel → scroll → heap.
 */

type Contender = 'spanmark' | 'recogito' | 'floor';

export interface Counts {
  /** spans in the document */
  total: number;
  /** spans the contender holds in its model (after anchoring) */
  model: number;
  /** distinct spans with a highlight in the DOM */
  dom: number;
  /** spans that should have one in the DOM, given what it renders */
  expectedInDom: number;
  note: string;
}

const colors = new Map(DEFAULT_SCHEMA.labels.map((l) => [l.name, l.color]));
const stage = document.getElementById('stage')!;
let doc: Document;
let contender: Contender;
let scrollerEl: HTMLElement;
let anno: TextAnnotator | null = null;
let added: { id: string; start: number; end: number } | null = null;

// edits go nowhere: the view under test, not the disk (the full-app bench measures the rest)
window.api = {
  invoke: async (channel: string, req: { baseVersion?: number }) =>
    channel === 'document:open'
      ? { ok: true, value: { document: doc, version: 1 } }
      : channel === 'document:apply'
        ? { ok: true, value: { version: (req.baseVersion ?? 0) + 1, summary: { id: doc.id }, savedAt: new Date().toISOString() } }
        : { ok: true, value: {} },
  on: () => () => undefined,
} as unknown as typeof window.api;

function afterPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => resolve();
      ch.port2.postMessage(0);
    }),
  );
}

/** Wait until `cond` holds in an animation frame, then until that frame is painted. */
async function until(cond: () => boolean, timeoutMs = 120_000): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) =>
      requestAnimationFrame(() => {
        if (!cond()) return resolve(false);
        // a message posted from a frame callback is handled after that frame's style, layout and paint
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve(true);
        ch.port2.postMessage(0);
      }),
    );
    if (ok) return;
    if (performance.now() - t0 > timeoutMs) throw new Error('timed out');
  }
}

/**
 * Wait (in tasks, not frames) until `cond` holds, then force style and
 * layout: the work an update costs before the browser can paint it,
 * without the wait for the next frame's slot (up to one refresh interval
 * on a real screen, and in headless Chromium's frame clock).
 */
async function settled(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = performance.now();
  const tick = () => new Promise<void>((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(0);
  });
  while (!cond()) {
    if (performance.now() - t0 > timeoutMs) throw new Error('timed out');
    await tick();
  }
  void stage.getBoundingClientRect(); // style + layout now
  void scrollerEl.scrollHeight;
}

function BenchView() {
  const d = useAppState((s) => s.doc);
  const selected = useAppState((s) => s.selectedSpanId);
  const mode = useAppState((s) => s.mode);
  return d ? <DocumentView doc={d} schema={DEFAULT_SCHEMA} selectedSpanId={selected} mode={mode} snapToWords /> : null;
}

function plainScroller(): { scroller: HTMLElement; content: HTMLElement } {
  const scroller = document.createElement('div');
  scroller.className = 'document-view';
  const content = document.createElement('div');
  content.className = 'sm-content plain';
  scroller.appendChild(content);
  stage.appendChild(scroller);
  return { scroller, content };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A UTF-16 word range near the top that no span covers yet, for the "add one span" step. */
function freeWord(): { a: number; b: number } {
  const index = new OffsetIndex(doc.text);
  const covered = doc.spans.map((s) => [index.toUtf16(s.start), index.toUtf16(s.end)] as const);
  for (const m of doc.text.slice(0, 5000).matchAll(/[A-Za-z]{4,}/g)) {
    const a = m.index;
    const b = a + m[0].length;
    if (!covered.some(([s, e]) => s < b && e > a)) return { a, b };
  }
  throw new Error('no free word');
}

function w3c(id: string, label: string, a: number, b: number): Record<string, unknown> {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    id,
    body: [{ type: 'TextualBody', purpose: 'tagging', value: label }],
    target: {
      source: 'bench',
      selector: [
        { type: 'TextQuoteSelector', exact: doc.text.slice(a, b) },
        { type: 'TextPositionSelector', start: a, end: b },
      ],
    },
  };
}

const bench = {
  prepare(workload: string, c: Contender): { chars: number; spans: number } {
    const w = WORKLOADS.find((x) => x.name === workload);
    if (!w) throw new Error(`unknown workload ${workload}`);
    doc = generateDocument(w);
    contender = c;
    return { chars: doc.text.length, spans: doc.spans.length };
  },

  /** open → first paint with highlights, in ms */
  async mount(): Promise<number> {
    const t0 = performance.now();
    if (contender === 'spanmark') {
      await openDocument(doc.id);
      createRoot(stage).render(<BenchView />);
      await until(() => !!stage.querySelector('.sm-content [data-span-ids]'));
      scrollerEl = stage.querySelector<HTMLElement>('.document-view')!;
    } else if (contender === 'recogito') {
      const { scroller, content } = plainScroller();
      scrollerEl = scroller;
      content.textContent = doc.text;
      const index = new OffsetIndex(doc.text);
      anno = createTextAnnotator(content, {
        adapter: W3CTextFormat('bench', content),
        style: (a) => ({ fill: (colors.get(a.bodies[0]?.value ?? '') ?? '#999999') as never, fillOpacity: 0.25 }),
      }) as unknown as TextAnnotator;
      anno.setAnnotations(doc.spans.map((s) => w3c(s.id, s.label, index.toUtf16(s.start), index.toUtf16(s.end))) as never);
      await until(() => !!stage.querySelector('.r6o-annotation'));
    } else {
      const { scroller, content } = plainScroller();
      scrollerEl = scroller;
      const paragraphs = splitParagraphs(doc.text);
      const runs = buildRuns(paragraphs, toViewSpans(doc.spans, new OffsetIndex(doc.text)));
      let html = '';
      paragraphs.forEach((p, i) => {
        for (const r of runs[i]!) {
          const open = r.spans.map((s) => `<mark data-id="${s.id}" data-label="${s.label}">`).join('');
          html += open + escapeHtml(doc.text.slice(r.start, r.end)) + '</mark>'.repeat(r.spans.length);
        }
        html += p.sep;
      });
      content.innerHTML = html;
      await afterPaint();
    }
    return performance.now() - t0;
  },

  count(): Counts {
    const total = doc.spans.length;
    if (contender === 'spanmark') {
      const els = [...stage.querySelectorAll<HTMLElement>('[data-span-ids]')];
      const dom = new Set(els.flatMap((e) => (e.dataset.spanIds ?? '').split(' ')));
      const runs = [...stage.querySelectorAll<HTMLElement>('[data-offset]')];
      const from = Number(runs[0]?.dataset.offset ?? 0);
      const last = runs[runs.length - 1];
      const to = Number(last?.dataset.offset ?? 0) + (last?.textContent?.length ?? 0);
      const index = new OffsetIndex(doc.text);
      const expectedInDom = doc.spans.filter((s) => index.toUtf16(s.start) < to && index.toUtf16(s.end) > from).length;
      return { total, model: getState().doc?.spans.length ?? 0, dom: dom.size, expectedInDom, note: `windowed: renders text ${from}–${to} of ${doc.text.length}` };
    }
    if (contender === 'recogito') {
      const dom = new Set([...stage.querySelectorAll<HTMLElement>('.r6o-annotation')].map((e) => e.dataset.annotation));
      // getAnnotations() serializes through the W3C adapter and needs live ranges; the store count is what it holds
      const model = anno!.state.store.all().length;
      return { total, model, dom: dom.size, expectedInDom: dom.size, note: 'draws highlights for the viewport only' };
    }
    const dom = new Set([...stage.querySelectorAll<HTMLElement>('mark')].map((e) => e.dataset.id));
    return { total, model: total, dom: dom.size, expectedInDom: total, note: 'whole document in the DOM' };
  },

  /** one new span on a free word near the top, until it is in the DOM and laid out, in ms */
  async add(): Promise<number> {
    const { a, b } = freeWord();
    const t0 = performance.now();
    if (contender === 'spanmark') {
      const index = offsetIndexFor(doc.text); // as LabelPlugin does on a key press
      labelRange('source', index.toCodePoint(a), index.toCodePoint(b, 'end'));
      const id = getState().selectedSpanId!;
      added = { id, start: a, end: b };
      await settled(() => !!stage.querySelector(`[data-span-ids~="${id}"]`));
    } else if (contender === 'recogito') {
      added = { id: 'bench-added', start: a, end: b };
      anno!.addAnnotation(w3c('bench-added', 'source', a, b) as never);
      await settled(() => !!stage.querySelector('[data-annotation="bench-added"]'));
    } else {
      const content = stage.querySelector('.plain')!;
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      let pos = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent!.length;
        if (pos + len >= b) {
          const range = document.createRange();
          range.setStart(n, a - pos);
          range.setEnd(n, b - pos);
          const mark = document.createElement('mark');
          mark.dataset.id = 'bench-added';
          mark.dataset.label = 'source';
          range.surroundContents(mark);
          break;
        }
        pos += len;
      }
      added = { id: 'bench-added', start: a, end: b };
      await settled(() => true);
    }
    return performance.now() - t0;
  },

  /** relabel the span just added, until the DOM shows it and is laid out, in ms */
  async relabel(): Promise<number> {
    const t0 = performance.now();
    if (contender === 'spanmark') {
      relabel(added!.id, 'claim');
      await settled(() => stage.querySelector<HTMLElement>(`[data-span-ids~="${added!.id}"]`)?.dataset.labels?.includes('claim') ?? false);
    } else if (contender === 'recogito') {
      const el = () => stage.querySelector<HTMLElement>('[data-annotation="bench-added"]');
      const before = el()?.style.backgroundColor;
      anno!.updateAnnotation(w3c('bench-added', 'claim', added!.start, added!.end) as never);
      await settled(() => !!el() && el()!.style.backgroundColor !== before, 5_000).catch(() => settled(() => true));
    } else {
      const mark = stage.querySelector<HTMLElement>('mark[data-id="bench-added"]')!;
      mark.dataset.label = 'claim';
      mark.style.background = `${colors.get('claim')}33`;
      await settled(() => true);
    }
    return performance.now() - t0;
  },

  /**
   * Scroll the whole document in ~300 equal steps, one per frame, and return
   * frame times (deltas between animation frames). Long documents are
   * crossed in strides of more than a screen: a harder test than reading,
   * as every frame shows text that was not rendered before.
   */
  async scroll(): Promise<{ p50: number; p95: number; frames: number; reachedEnd: boolean }> {
    const c = scrollerEl;
    c.scrollTop = 0;
    await afterPaint();
    const step = Math.max(40, (c.scrollHeight - c.clientHeight) / 300);
    const deltas: number[] = [];
    let last = -1;
    let stuck = 0;
    await new Promise<void>((resolve) => {
      const frame = (ts: number): void => {
        const now = performance.now();
        if (last >= 0) deltas.push(now - last);
        last = now;
        const before = c.scrollTop;
        c.scrollTop = before + step;
        stuck = c.scrollTop <= before ? stuck + 1 : 0;
        if (stuck > 3 || deltas.length > 1500) resolve();
        else requestAnimationFrame(frame);
        void ts;
      };
      requestAnimationFrame(frame);
    });
    const sorted = deltas.slice(4).sort((a, b) => a - b); // the last frames only check for the end
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    return { p50: q(0.5), p95: q(0.95), frames: deltas.length, reachedEnd: c.scrollTop + c.clientHeight >= c.scrollHeight - 2 };
  },

  /** used JS heap in MB, after a GC when the page may force one */
  async heap(): Promise<number | null> {
    const w = window as unknown as { gc?: () => void };
    w.gc?.();
    await new Promise((r) => setTimeout(r, 50));
    w.gc?.();
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return mem ? mem.usedJSHeapSize / 1e6 : null;
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
