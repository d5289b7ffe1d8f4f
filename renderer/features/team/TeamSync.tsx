import { useEffect, useState } from 'react';
import { call } from '../../api';
import { attempt } from '../../app/actions';
import type { TeamProgress } from '../../../shared/ipc/contract';
import { describeStatus, useTeamStatus } from './team-store';

/** Toolbar: the sync state (synced, pending N, offline, error with its reason) and the form that connects a corpus to a team server. */
export function TeamSyncStatus() {
  const status = useTeamStatus();
  const [open, setOpen] = useState(false);
  return (
    <span className="team-sync">
      {status.state !== 'off' && (
        <button
          type="button"
          className={`link team-state team-${status.state}`}
          data-testid="team-state"
          data-state={status.state}
          title={[status.server && `${status.user} on ${status.server}`, status.message, status.lastSyncAt && `last sync ${new Date(status.lastSyncAt).toLocaleTimeString()}`, 'Click to sync now'].filter(Boolean).join('\n')}
          onClick={() => void attempt(async () => void (await call('team:syncNow', {})))}
        >
          {describeStatus(status)}
        </button>
      )}
      <button type="button" data-testid="team-connect-open" onClick={() => setOpen(!open)} aria-expanded={open} title="Connect this corpus to a team server (CouchDB)">
        Team…
      </button>
      {open && <ConnectForm onDone={() => setOpen(false)} />}
    </span>
  );
}

function ConnectForm({ onDone }: { onDone: () => void }) {
  const status = useTeamStatus();
  const [server, setServer] = useState(status.server ?? 'http://127.0.0.1:5984');
  const [user, setUser] = useState(status.user ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="team-connect popover"
      data-testid="team-connect"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        call('team:connect', { server, user, password }).then(
          () => {
            setBusy(false);
            onDone();
          },
          (err: Error) => {
            setBusy(false);
            setError(err.message);
          },
        );
      }}
    >
      <label>
        Server <input dir="auto" value={server} onChange={(e) => setServer(e.target.value)} data-testid="team-server" placeholder="https://couch.example.org" />
      </label>
      <label>
        User <input dir="auto" value={user} onChange={(e) => setUser(e.target.value)} data-testid="team-user" autoComplete="username" />
      </label>
      <label>
        Password <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="team-password" autoComplete="current-password" />
      </label>
      <p className="muted">The password is kept in the system keychain, never in settings. Other machines need https://.</p>
      {error && (
        <p className="error" role="alert" data-testid="team-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !server || !user || !password} data-testid="team-connect-submit">
        {busy ? 'Connecting…' : 'Connect and sync'}
      </button>
    </form>
  );
}

/** Dashboard: each annotator's progress as replicated from the server, refreshed after every sync round. */
export function TeamProgressCard() {
  const status = useTeamStatus();
  const [rows, setRows] = useState<TeamProgress[] | null>(null);
  const lead = status.role === 'lead';
  useEffect(() => {
    if (!lead) return;
    void call('team:progress', {}).then(setRows, () => setRows(null));
  }, [lead, status.lastSyncAt]);
  if (!lead || !rows) return null;
  return (
    <section className="card" data-testid="team-progress">
      <h2>Team · live from {status.server}</h2>
      <AssignForm />
      <table>
        <thead>
          <tr>
            <th>annotator</th>
            <th>assigned</th>
            <th>started</th>
            <th>done</th>
            <th>spans</th>
            <th>last save</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.annotator} data-testid="team-progress-row" data-annotator={r.annotator}>
              <td>{r.annotator}</td>
              <td>{r.assigned}</td>
              <td>{r.started}</td>
              <td>{r.done}</td>
              <td>{r.spans}</td>
              <td>{r.lastSavedAt ? new Date(r.lastSavedAt).toLocaleString() : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The lead hands the corpus's documents out; annotators receive theirs on their next sync. */
function AssignForm() {
  const [names, setNames] = useState('');
  const [overlap, setOverlap] = useState('0');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const annotators = names.split(/[\s,]+/).filter(Boolean);
  return (
    <form
      className="team-assign"
      data-testid="team-assign"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setResult(null);
        call('team:assign', { annotators, overlap: Number(overlap) / 100 }).then(
          (counts) => setResult(Object.entries(counts).map(([who, n]) => `${who}: ${n}`).join(', ')),
          (err: Error) => setError(err.message),
        );
      }}
    >
      <label>
        Assign documents to <input dir="auto" value={names} onChange={(e) => setNames(e.target.value)} data-testid="team-assign-annotators" placeholder="ann, bob" />
      </label>
      <label>
        with overlap <input type="number" min={0} max={100} value={overlap} onChange={(e) => setOverlap(e.target.value)} data-testid="team-assign-overlap" /> %
      </label>
      <button type="submit" disabled={!annotators.length} data-testid="team-assign-submit">
        Assign
      </button>
      {result && (
        <span className="muted" role="status" data-testid="team-assign-result">
          Assigned · {result}
        </span>
      )}
      {error && (
        <span className="error" role="alert" data-testid="team-assign-error">
          {error}
        </span>
      )}
    </form>
  );
}
