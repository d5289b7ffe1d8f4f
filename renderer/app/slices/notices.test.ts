import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenCorpus } from '../../../shared/ipc/contract';
import { getState, initialState, setState } from '../store';
import { dismiss, dismissKey, noticesForCorpus, notify } from './notices';

const corpus = (path: string) => ({ path }) as OpenCorpus;

beforeEach(() => {
  vi.useFakeTimers();
  setState({ ...initialState, corpus: corpus('/data/A') });
});
afterEach(() => vi.useRealTimers());

const shown = () => getState().notices.map((n) => n.message);

describe('notices', () => {
  it('info times out; an error stays until dismissed, and stays in the notices list after', () => {
    notify('Imported 3 documents.', 'info');
    notify('Could not save: disk full');
    vi.advanceTimersByTime(10 * 60_000);
    expect(shown()).toEqual(['Could not save: disk full']);
    dismiss(getState().notices[0]!.id);
    expect(shown()).toEqual([]);
    expect(getState().noticeLog.map((n) => n.message)).toEqual(['Could not save: disk full']);
  });

  it('one link hint at a time, gone when linking ends', () => {
    notify('Linking source: click the target span…', 'info', { key: 'link' });
    notify('Linking content: click the target span…', 'info', { key: 'link' });
    expect(shown()).toEqual(['Linking content: click the target span…']);
    dismissKey('link');
    expect(shown()).toEqual([]);
  });

  it('never more than three toasts: the oldest info goes first, then the oldest error', () => {
    notify('e1');
    notify('i1', 'info');
    notify('e2');
    notify('e3');
    expect(shown()).toEqual(['e1', 'e2', 'e3']);
    notify('e4');
    expect(shown()).toEqual(['e2', 'e3', 'e4']);
    expect(getState().noticeLog).toHaveLength(4);
  });

  it('opening another corpus clears the toasts about the previous one but keeps them listed', () => {
    notify('A: damaged document');
    setState({ corpus: corpus('/data/B') });
    noticesForCorpus('/data/B');
    notify('B: something');
    expect(shown()).toEqual(['B: something']);
    expect(getState().noticeLog.map((n) => [n.message, n.corpus])).toEqual([
      ['A: damaged document', '/data/A'],
      ['B: something', '/data/B'],
    ]);
  });
});
