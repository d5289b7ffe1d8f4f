import { useEffect, useState, useSyncExternalStore } from 'react';

/**
 * One in-page question at a time, answered by a person: a text or path
 * (a single line, or several), or a yes/no. Used where Electron would show
 * a native dialog and a plain browser has none, and for names the app asks
 * for. `ask` resolves to the answer, or null when cancelled. (Electron has
 * no window.prompt, so the app cannot lean on it.)
 */
export interface Question {
  title: string;
  label?: string;
  initial?: string;
  /** several lines, one answer per line */
  multiline?: boolean;
  /** a yes/no question: no field, OK means yes */
  confirmOnly?: boolean;
  okText?: string;
  /** a second way to say yes (e.g. "Import into the sample anyway") */
  altText?: string;
  /** a checkbox under the field, e.g. "Choose the folder myself" */
  check?: string;
  note?: string;
  testId?: string;
}

export interface Answer {
  text: string;
  checked: boolean;
  alt: boolean;
}

type Pending = Question & { resolve: (answer: Answer | null) => void };
let current: Pending | null = null;
const queue: Pending[] = [];
const listeners = new Set<() => void>();
const changed = (): void => listeners.forEach((l) => l());

/**
 * A yes/no question in the app's own dialog (never window.confirm: it blocks the page, cannot be
 * styled or themed, and Electron shows it as a bare system box). Resolves true for yes.
 */
export async function confirmInApp(title: string, okText: string, testId = 'confirm-dialog'): Promise<boolean> {
  return (await ask({ title, confirmOnly: true, okText, testId })) !== null;
}

export function ask(q: Question): Promise<Answer | null> {
  return new Promise((resolve) => {
    const p = { ...q, resolve };
    if (current) queue.push(p);
    else current = p;
    changed();
  });
}

function settle(answer: Answer | null): void {
  const p = current;
  current = queue.shift() ?? null;
  changed();
  p?.resolve(answer);
}

function useCurrent(): Pending | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

export function PromptHost() {
  const q = useCurrent();
  if (!q) return null;
  return <PromptDialog key={`${q.title}|${q.initial ?? ''}`} q={q} />;
}

function PromptDialog({ q }: { q: Pending }) {
  const [value, setValue] = useState(q.initial ?? '');
  const [checked, setChecked] = useState(false);
  const ok = (): void => settle(q.confirmOnly || value.trim() ? { text: value, checked, alt: false } : null);
  // a keyboard user goes back to where they were (the document, a list row) once the question is answered
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected && !document.querySelector('[role="dialog"]')) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && settle(null)}>
      <form
        className="modal"
        role="dialog"
        aria-label={q.title}
        data-testid={q.testId ?? 'prompt-dialog'}
        data-no-hotkeys
        onSubmit={(e) => {
          e.preventDefault();
          ok();
        }}
      >
        <h2 style={{ whiteSpace: 'pre-line' }}>{q.title}</h2>
        {!q.confirmOnly && (
          <label>
            {q.label}
            {q.multiline ? (
              <textarea dir="auto" rows={4} value={value} onChange={(e) => setValue(e.target.value)} data-testid="prompt-input" autoFocus />
            ) : (
              <input dir="auto" value={value} onChange={(e) => setValue(e.target.value)} data-testid="prompt-input" autoFocus />
            )}
          </label>
        )}
        {q.check && (
          <label className="check">
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="prompt-check" /> {q.check}
          </label>
        )}
        {q.note && <p className="muted">{q.note}</p>}
        <div className="modal-actions">
          <button type="button" onClick={() => settle(null)} data-testid="prompt-cancel">
            Cancel
          </button>
          {q.altText && (
            <button type="button" onClick={() => settle({ text: value, checked, alt: true })} data-testid="prompt-alt">
              {q.altText}
            </button>
          )}
          <button type="submit" className="primary" data-testid="prompt-ok" disabled={!q.confirmOnly && !value.trim()} autoFocus={q.confirmOnly}>
            {q.okText ?? 'OK'}
          </button>
        </div>
      </form>
    </div>
  );
}
