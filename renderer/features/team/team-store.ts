import { useSyncExternalStore } from 'react';
import { call, subscribe } from '../../api';
import type { TeamStatus } from '../../../shared/ipc/contract';

/** The team sync state main reports (a `team:status` event after every round), for the toolbar and the lead views. */

const OFF: TeamStatus = { state: 'off', server: null, user: null, role: null, pending: 0, message: null, lastSyncAt: null };
let status: TeamStatus = OFF;
const listeners = new Set<() => void>();
let started = false;

function set(next: TeamStatus): void {
  status = next;
  for (const l of listeners) l();
}

function start(): void {
  if (started) return;
  started = true;
  subscribe('team:status', set);
  void call('team:status', {}).then(set, () => undefined);
}

export function useTeamStatus(): TeamStatus {
  start();
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
}

export function describeStatus(s: TeamStatus): string {
  switch (s.state) {
    case 'off':
      return 'Team: not connected';
    case 'syncing':
      return 'Syncing…';
    case 'synced':
      return 'Synced';
    case 'pending':
      return `Pending ${s.pending}`;
    case 'offline':
      return s.pending ? `Offline · ${s.pending} pending` : 'Offline';
    case 'error':
      return 'Sync error';
  }
}
