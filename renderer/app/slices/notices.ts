import { getState, setState, type Notice } from '../store';

/**
 * Messages to the user. Errors stay on screen until dismissed and are also
 * kept in the notices list; info notices time out. At most a few toasts
 * show at once, so they never pile up over the text.
 */

const INFO_MS = 3500;
const MAX_TOASTS = 3;
const LOG_LIMIT = 100;
let seq = 0;

export interface NotifyOptions {
  /** a notice with the same key replaces the previous one (the link hint) */
  key?: string;
}

export function notify(message: string, kind: 'error' | 'info' = 'error', opts: NotifyOptions = {}): void {
  const s = getState();
  // the same message twice (a repeated key, a repeated failure) shows once
  if (!opts.key && s.notices.some((n) => n.message === message && n.kind === kind)) return;
  const notice: Notice = { id: ++seq, kind, message, at: new Date().toISOString(), ...(opts.key ? { key: opts.key } : {}), ...(s.corpus ? { corpus: s.corpus.path } : {}) };
  setState((st) => {
    const others = st.notices.filter((n) => !opts.key || n.key !== opts.key);
    // the oldest info goes first when there is no room; errors leave the screen only when dismissed or outnumbered
    let shown = [...others, notice];
    while (shown.length > MAX_TOASTS) {
      const i = shown.findIndex((n) => n.kind === 'info');
      shown = shown.filter((_, k) => k !== (i >= 0 ? i : 0));
    }
    return { notices: shown, ...(kind === 'error' ? { noticeLog: [...st.noticeLog.slice(-(LOG_LIMIT - 1)), notice] } : {}) };
  });
  if (kind === 'info') setTimeout(() => dismiss(notice.id), INFO_MS);
}

export function dismiss(id: number): void {
  setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Remove the notice with `key` (the link hint, when linking ends). */
export function dismissKey(key: string): void {
  setState((s) => (s.notices.some((n) => n.key === key) ? { notices: s.notices.filter((n) => n.key !== key) } : {}));
}

export function clearNoticeLog(): void {
  setState({ noticeLog: [], noticeLogOpen: false });
}

/**
 * Another corpus was opened: toasts about the previous one leave the screen
 * (they stay in the notices list, which names their corpus).
 */
export function noticesForCorpus(path: string): void {
  setState((s) => ({ notices: s.notices.filter((n) => !n.corpus || n.corpus === path) }));
}

/** Run an action; any failure becomes a visible message instead of a silent console error. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e));
    return undefined;
  }
}
