import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpanmarkApi } from '../../shared/ipc/contract';
import { applyOps, textEditOps, type Op } from '../../shared/model/operations';
import type { Document } from '../../shared/model/schema';
import { installRealApi } from '../../test-support/real-api';
import { SaveQueue, type ApplyRequest, type ApplyResponse } from './save-queue';
import { UndoHistory } from './undo-history';

// the renderer's session, in Node against the real handlers: `window` is only where window.api lives
(globalThis as unknown as { window: unknown }).window ??= globalThis;
const actions = await import('./actions');
const { getState } = await import('./store');

let api: Awaited<ReturnType<typeof installRealApi>>;
let applied: ApplyRequest[];

beforeEach(async () => {
  api = await installRealApi();
  const real = window.api;
  applied = [];
  window.api = {
    ...real,
    invoke: ((channel: string, req: unknown) => {
      if (channel === 'document:apply') applied.push(req as ApplyRequest);
      return real.invoke(channel as never, req as never);
    }) as SpanmarkApi['invoke'],
  };
  await actions.boot();
});

afterEach(async () => {
  await actions.flushSave();
  await api.stop();
});

const disk = async (): Promise<Document> => {
  const r = await window.api.invoke('document:get', { id: getState().doc!.id });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('document session (renderer)', () => {
  it('typing in edit mode is one undo step, and main ends with the same text', async () => {
    const before = getState().doc!;
    for (const ch of 'Hello ') {
      const at = getState().doc!.text.indexOf('Minist');
      actions.editText(at, at, ch);
    }
    expect(getState().doc!.text).toContain('Hello Minist');
    await actions.flushSave();
    expect((await disk()).text).toBe(getState().doc!.text);
    actions.undo();
    expect(getState().doc!.text).toBe(before.text);
    expect(getState().doc!.spans).toEqual(before.spans);
    expect(getState().canUndo).toBe(false);
    await actions.flushSave();
    expect((await disk()).text).toBe(before.text);
  });

  it('an earlier edit written while typed keys still wait for their frame does not say "saved"', async () => {
    const doc = getState().doc!;
    const at = doc.text.indexOf('Minist');
    const typed = (d: Document, ch: string, i: number): Document => textEditOps(d, i, i, ch, new Date().toISOString()).doc;
    // the view hands over one key, then paints the next and says it is coming (its edit follows a frame later)
    const first = typed(doc, 'H', at);
    actions.commit(first, {}, 'typing', { start: at, end: at, insert: 'H' });
    actions.unsavedTyping();
    await actions.flushSave();
    expect(getState().save.state).toBe('saving');
    actions.commit(typed(first, 'i', at + 1), {}, 'typing', { start: at + 1, end: at + 1, insert: 'i' });
    await actions.flushSave();
    expect(getState().save.state).toBe('saved');
    expect((await disk()).text).toContain('HiMinist');
  });

  it('a note typed key by key is saved at once, batched on the wire, and undone in one step', async () => {
    const span = getState().doc!.spans[0]!;
    let typed = '';
    for (const ch of 'needs a second source') actions.setNote(span.id, (typed += ch));
    // one request in flight, the rest wait and go together: far fewer requests than keys
    expect(applied.length).toBeLessThanOrEqual(2);
    await actions.flushSave();
    expect((await disk()).spans.find((s) => s.id === span.id)!.note).toBe('needs a second source');
    actions.undo();
    expect(getState().doc!.spans.find((s) => s.id === span.id)!.note).toBe(span.note);
    // the request is O(change): no document text, whatever its length
    expect(Math.max(...applied.map((r) => JSON.stringify(r).length))).toBeLessThan(4000);
    expect(JSON.stringify(applied)).not.toContain(getState().doc!.text.slice(0, 200));
  });

  it('switching documents waits until main has every edit of the previous one', async () => {
    const first = getState().doc!;
    const span = first.spans.find((s) => !first.relations.some((r) => r.from === s.id || r.to === s.id))!;
    actions.deleteSpan(span.id);
    const other = getState().corpus!.documents.find((d) => d.id !== first.id)!;
    await actions.openDocument(other.id);
    const reread = (await window.api.invoke('document:get', { id: first.id })) as unknown as { value: Document };
    expect(reread.value.spans.map((s) => s.id)).not.toContain(span.id);
    expect(getState().doc!.id).toBe(other.id);
    expect(getState().canUndo).toBe(false);
  });

  it('label, relabel, link, delete and undo them all: the document on disk matches the screen at each step', async () => {
    const start = getState().doc!;
    actions.labelRange('actor', 0, 3);
    const added = getState().selectedSpanId!;
    const attribution = start.spans.find((s) => s.label === 'attribution')!;
    actions.link('source', attribution.id, added);
    expect(getState().doc!.relations).toHaveLength(start.relations.length + 1);
    await actions.flushSave();
    expect((await disk()).spans).toEqual(getState().doc!.spans);
    expect((await disk()).relations).toEqual(getState().doc!.relations);
    actions.undo();
    actions.undo();
    await actions.flushSave();
    expect((await disk()).spans).toEqual(start.spans);
    expect((await disk()).relations).toEqual(start.relations);
    actions.redo();
    await actions.flushSave();
    expect((await disk()).spans.find((s) => s.id === added)).toMatchObject({ label: 'actor', start: 0, end: 3 });
  });
});

describe('SaveQueue', () => {
  it('keeps one request in flight and sends what came meanwhile as one batch on the version main returned', async () => {
    const sent: ApplyRequest[] = [];
    const resolvers: ((r: ApplyResponse) => void)[] = [];
    const q = new SaveQueue('d', 5, (req) => (sent.push(req), new Promise((r) => resolvers.push(r))), { saving: () => undefined, saved: () => undefined, notSaved: () => undefined, refused: () => undefined });
    const op = (n: number): Op => ({ op: 'status', before: 'todo', after: n % 2 ? 'done' : 'todo' });
    q.push([op(1)]);
    q.push([op(2)]);
    q.push([op(3)]);
    expect(sent).toEqual([{ id: 'd', baseVersion: 5, ops: [op(1)] }]);
    const summary = { id: 'd', title: '', status: 'todo' as const, spanCount: 0, relationCount: 0, charCount: 0, annotators: [] };
    resolvers[0]!({ version: 9, summary, savedAt: 'now' });
    await new Promise((r) => setTimeout(r, 0));
    expect(sent[1]).toEqual({ id: 'd', baseVersion: 9, ops: [op(2), op(3)] });
    const flushed = q.flush();
    resolvers[1]!({ version: 10, summary, savedAt: 'now' });
    await flushed;
    expect(q.busy).toBe(false);
  });

  it('a refused batch drops what was built on it and reports it once', async () => {
    const refused: Op[][] = [];
    let calls = 0;
    const q = new SaveQueue('d', 1, async () => {
      calls++;
      throw Object.assign(new Error('stale'), { code: 'stale' });
    }, { saving: () => undefined, saved: () => undefined, notSaved: () => undefined, refused: (_e, ops) => refused.push(ops) });
    q.push([{ op: 'status', before: 'todo', after: 'done' }]);
    q.push([{ op: 'status', before: 'done', after: 'todo' }]);
    await q.flush();
    expect(calls).toBe(1);
    expect(refused).toHaveLength(1);
  });
});

describe('UndoHistory', () => {
  const doc: Document = { id: 'd', title: 't', source: {}, text: 'abc', status: 'todo', spans: [], relations: [] };
  const type = (d: Document, ch: string): Op => ({ op: 'text', at: d.text.length, removed: '', insert: ch, range: [d.text.length, d.text.length], rangeAfter: [d.text.length, d.text.length + 1], moves: [] });

  it('groups quick edits of one group, splits on a pause, another group, or a closed group', () => {
    const h = new UndoHistory();
    let d = doc;
    const step = (ch: string, group: string | undefined, at: number) => {
      const ops = [type(d, ch)];
      d = applyOps(d, ops);
      h.record(ops, group, at);
    };
    step('d', 'typing', 0);
    step('e', 'typing', 500);
    step('f', 'typing', 2000); // a pause: new step
    step('g', 'note:x', 2100); // another group: new step
    h.closeGroup();
    step('h', 'note:x', 2200); // the field was left: new step
    const undoAll: string[] = [];
    for (let ops = h.undo(); ops; ops = h.undo()) {
      d = applyOps(d, ops);
      undoAll.push(d.text);
    }
    expect(undoAll).toEqual(['abcdefg', 'abcdef', 'abcde', 'abc']);
    expect(h.canRedo).toBe(true);
    d = applyOps(d, h.redo()!);
    expect(d.text).toBe('abcde');
  });
});
