import { call } from '../api';
import { clearNoticeLog, dismiss } from '../app/actions';
import { setState, useAppState } from '../app/store';

/**
 * Toasts (a few at most: errors until dismissed, info for a few seconds)
 * and the notices list, which keeps every error of the session with the
 * corpus it happened in, after its toast is gone.
 */
export function Notices() {
  const notices = useAppState((s) => s.notices);
  const log = useAppState((s) => s.noticeLog);
  const open = useAppState((s) => s.noticeLogOpen);
  const progress = useAppState((s) => s.importProgress);
  return (
    <div className="notices" aria-live="polite">
      {progress && (
        <div className="notice info" data-testid="import-progress">
          Importing {progress.file} ({progress.done}/{progress.total})
          <progress value={progress.done} max={progress.total} />
          <button type="button" data-testid="import-cancel" onClick={() => void call('import:cancel', {})}>
            Cancel
          </button>
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {log.length > 0 && (
        <button type="button" className="notice-log-toggle" data-testid="notice-log-toggle" aria-expanded={open} onClick={() => setState({ noticeLogOpen: !open })}>
          {open ? 'Hide' : 'Show'} {log.length} error{log.length > 1 ? 's' : ''} of this session
        </button>
      )}
      {open && (
        <div className="notice notice-log" data-testid="notice-log" style={{ maxHeight: '40vh', overflowY: 'auto', alignItems: 'flex-start' }}>
          <ul>
            {log
              .slice()
              .reverse()
              .map((n) => (
                <li key={n.id}>
                  <time dateTime={n.at}>{n.at.slice(11, 19)}</time> {n.message}
                  {n.corpus && <span className="muted"> ({n.corpus.split(/[\\/]/).pop()})</span>}
                </li>
              ))}
          </ul>
          <button type="button" onClick={clearNoticeLog}>
            Clear
          </button>
        </div>
      )}
    </div>
  );
}
