import { useSyncExternalStore } from 'react';

/** Whether the find bar is open, and a counter that asks it to take focus (Ctrl+F again while open). */
let state = { open: false, focusRequest: 0 };
const listeners = new Set<() => void>();

function set(next: typeof state): void {
  state = next;
  for (const l of listeners) l();
}

export function openFind(): void {
  set({ open: true, focusRequest: state.focusRequest + 1 });
}

export function closeFind(): void {
  set({ ...state, open: false });
}

export function useFind(): typeof state {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => state,
  );
}
