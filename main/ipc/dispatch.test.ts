import { describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerMap } from './dispatch';

/** A handler map where every channel records its request and echoes it back. */
function recordingHandlers() {
  const calls: [string, unknown][] = [];
  const handlers = new Proxy({} as HandlerMap, {
    get: (_t, channel: string) => async (req: unknown) => {
      calls.push([channel, req]);
      return { echoed: req };
    },
  });
  return { handlers, calls };
}

const SPAN = { id: 's1', label: 'actor', start: 0, end: 3, text: 'abc', createdAt: 't', updatedAt: 't' };
const DOC = { id: 'd1', title: 'T', text: 'abc def', spans: [SPAN] };

describe('dispatch', () => {
  it('refuses channels outside the contract without calling anything', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const channel of ['fs:readFile', '__proto__', 'constructor', 'toString', '']) {
      const r = await dispatch(handlers, channel, {});
      expect(r).toEqual({ ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel}".` } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a payload that does not fit the schema, naming the bad field', async () => {
    const { handlers, calls } = recordingHandlers();
    const bad = async (channel: string, payload: unknown) => {
      const r = await dispatch(handlers, channel, payload);
      expect(r.ok).toBe(false);
      if (r.ok) return '';
      expect(r.error.code).toBe('invalid_request');
      return r.error.message;
    };
    expect(await bad('corpus:open', { path: 42 })).toMatch(/^Invalid corpus:open request at path: /);
    expect(await bad('corpus:open', {})).toMatch(/at path:/);
    expect(await bad('document:apply', { id: DOC.id, baseVersion: 1, ops: [{ op: 'addSpan', span: { ...SPAN, start: -1 } }] })).toMatch(/at ops\.0\.span\.start:/);
    expect(await bad('document:apply', { id: DOC.id, baseVersion: 1, ops: [] })).toMatch(/at ops:/);
    expect(await bad('export:run', { format: 'docx', path: '/tmp/x' })).toMatch(/at format:/);
    expect(await bad('settings:set', { theme: 'neon' })).toMatch(/at theme:/);
    // channels without parameters take none: smuggled fields are refused, not ignored
    expect(await bad('settings:get', { evil: true })).toMatch(/at \(root\): .*evil/);
    expect(await bad('corpus:open', 'just a string')).toMatch(/at \(root\)/);
    expect(calls).toEqual([]);
  });

  it('hands the handler the parsed payload, with defaults filled in', async () => {
    const { handlers, calls } = recordingHandlers();
    const r = await dispatch(handlers, 'import:files', { paths: ['/a.txt'] });
    expect(r).toEqual({ ok: true, value: { echoed: { paths: ['/a.txt'], format: 'auto', addUnknownLabels: false } } });
    // a missing payload counts as an empty one
    expect(await dispatch(handlers, 'settings:get', undefined)).toEqual({ ok: true, value: { echoed: {} } });
    expect(calls.map(([c]) => c)).toEqual(['import:files', 'settings:get']);
  });

  it('turns handler failures into {ok: false, error} with the error code when there is one', async () => {
    const handlers = {
      'corpus:current': vi.fn(async () => {
        throw Object.assign(new Error('This corpus is open read-only.'), { code: 'read_only' });
      }),
      'settings:get': vi.fn(async () => {
        throw new Error('disk full');
      }),
      'corpus:reload': vi.fn(async () => {
        throw 'plain string';
      }),
    } as unknown as HandlerMap;
    expect(await dispatch(handlers, 'corpus:current', {})).toEqual({ ok: false, error: { code: 'read_only', message: 'This corpus is open read-only.' } });
    expect(await dispatch(handlers, 'settings:get', {})).toEqual({ ok: false, error: { code: 'error', message: 'disk full' } });
    expect(await dispatch(handlers, 'corpus:reload', {})).toEqual({ ok: false, error: { code: 'error', message: 'plain string' } });
  });
});
