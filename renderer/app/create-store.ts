import { useRef, useSyncExternalStore } from 'react';

/**
 * The one store primitive of the renderer (the app store, the review
 * store): a value, a setter that merges patches, and a hook that reads a
 * slice of it through useSyncExternalStore.
 */
export interface Store<S> {
  get(): S;
  set(patch: Partial<S> | ((s: S) => Partial<S>)): void;
  subscribe(listener: () => void): () => void;
  /** React hook: `selector(state)`, re-rendering when it changes */
  use<T>(selector: (s: S) => T): T;
}

export function createStore<S extends object>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: Store<S> = {
    get: () => state,
    set(patch) {
      const p = typeof patch === 'function' ? patch(state) : patch;
      if (!Object.keys(p).length) return;
      state = { ...state, ...p };
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    use<T>(selector: (s: S) => T): T {
      // a selector that builds a value (`s.list ?? []`, a filter) must not hand React a new one on every read of the
      // same state: useSyncExternalStore would take that for a change and re-render until React gives up
      const memo = useRef<{ state: S; selector: (s: S) => T; value: T } | null>(null);
      return useSyncExternalStore(store.subscribe, () => {
        const m = memo.current;
        if (m && m.state === state && m.selector === selector) return m.value;
        const value = selector(state);
        memo.current = { state, selector, value };
        return value;
      });
    },
  };
  return store;
}
