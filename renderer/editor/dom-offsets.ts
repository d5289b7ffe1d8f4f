/**
 * Map a DOM point inside the document view to a global UTF-16 offset, using
 * the data-offset each run element carries. Works on any selection the
 * browser makes, editable or not.
 */
function runElement(node: Node | null): HTMLElement | null {
  let n: Node | null = node;
  while (n && !(n instanceof HTMLElement && n.dataset.offset !== undefined)) {
    if (n instanceof HTMLElement && n.dataset.documentView !== undefined) return null;
    n = n.parentNode;
  }
  return n as HTMLElement | null;
}

export function domPointToOffset(node: Node, offset: number): number | null {
  const run = runElement(node);
  if (run) {
    const base = Number(run.dataset.offset);
    if (node.nodeType === Node.TEXT_NODE) return base + offset;
    return offset === 0 ? base : base + (run.textContent?.length ?? 0);
  }
  // the point sits on a paragraph or the root: use the nearest run around it
  if (node instanceof HTMLElement) {
    const child = node.childNodes[offset] ?? null;
    const after = child instanceof HTMLElement ? (child.dataset.offset !== undefined ? child : child.querySelector<HTMLElement>('[data-offset]')) : null;
    if (after) return Number(after.dataset.offset);
    const before = offset > 0 ? node.childNodes[offset - 1] : null;
    const last = before instanceof HTMLElement ? (before.dataset.offset !== undefined ? before : [...before.querySelectorAll<HTMLElement>('[data-offset]')].pop()) : null;
    if (last) return Number(last.dataset.offset) + (last.textContent?.length ?? 0);
  }
  return null;
}

export function selectionOffsets(root: HTMLElement): { start: number; end: number; collapsed: boolean } | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = domPointToOffset(range.startContainer, range.startOffset);
  const end = domPointToOffset(range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  return { start: Math.min(start, end), end: Math.max(start, end), collapsed: range.collapsed };
}

/** Put the DOM selection on global UTF-16 offsets [start, end). */
export function selectOffsets(root: HTMLElement, start: number, end: number): void {
  const range = rangeOfOffsets(root, start, end);
  const sel = window.getSelection();
  if (!range || !sel) return;
  sel.removeAllRanges();
  sel.addRange(range);
}

/** A DOM range over global UTF-16 offsets [start, end) of the rendered text (find paints its matches with these). */
export function rangeOfOffsets(root: HTMLElement, start: number, end: number): Range | null {
  const a = locate(root, start);
  const b = locate(root, end);
  if (!a || !b) return null;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}

function locate(root: HTMLElement, offset: number): { node: Node; offset: number } | null {
  const runs = root.querySelectorAll<HTMLElement>('[data-offset]');
  let lo = 0;
  let hi = runs.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const el = runs[mid]!;
    const base = Number(el.dataset.offset);
    if (base <= offset) {
      found = el;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found) return null;
  const text = found.firstChild;
  const local = Math.min(offset - Number(found.dataset.offset), found.textContent?.length ?? 0);
  return text ? { node: text, offset: local } : { node: found, offset: 0 };
}

/** Whether a rendered run holds UTF-16 offset `offset` (a windowed view renders only part of the text). */
export function rendersOffset(root: HTMLElement, offset: number): boolean {
  const at = locate(root, offset);
  if (!at) return false;
  const run = at.node instanceof HTMLElement ? at.node : at.node.parentElement;
  const base = Number(run?.closest<HTMLElement>('[data-offset]')?.dataset.offset ?? NaN);
  return base + at.offset === offset;
}

/** UTF-16 offset of the first rendered run still on screen at the top of `frame`, the scrolling view; null when none is rendered. */
export function topRunOffset(frame: HTMLElement): number | null {
  const top = frame.getBoundingClientRect().top;
  for (const run of frame.querySelectorAll<HTMLElement>('[data-offset]')) if (run.getBoundingClientRect().bottom > top) return Number(run.dataset.offset);
  return null;
}
