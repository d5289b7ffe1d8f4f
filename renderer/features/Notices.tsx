import { call } from '../api';
import { dismiss } from '../app/actions';
import { useAppState } from '../app/store';

export function Notices() {
  const notices = useAppState((s) => s.notices);
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
    </div>
  );
}
