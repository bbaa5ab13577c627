/**
 * Merges bursts of work per key: the first item runs at once (next tick), and while a run is in
 * flight or within `windowMs` of the last run's start, later items only accumulate for one more
 * run. So a flood of changes to one business costs one recompute per window, not one per change.
 * The timers are scheduling only: losing them (a crash) loses no data, only a push.
 */
export interface Coalescer<T> {
  add(key: string, items: Iterable<T>): void;
  /** Resolves when nothing is pending or running. */
  idle(): Promise<void>;
  close(): void;
}

interface KeyState<T> {
  pending: Set<T>;
  lastStartedAt: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
}

export function createCoalescer<T>(windowMs: number, run: (key: string, items: Set<T>) => Promise<void>, onError: (error: unknown) => void): Coalescer<T> {
  const keys = new Map<string, KeyState<T>>();
  // When each idle key last started a run: its window outlives the run, or a steady trickle would run on every item.
  const lastStarts = new Map<string, number>();
  let closed = false;

  function forgetExpiredWindows(now: number) {
    for (const [key, startedAt] of lastStarts) if (now - startedAt >= windowMs) lastStarts.delete(key);
  }

  function schedule(key: string, state: KeyState<T>) {
    if (closed || state.timer || state.running || state.pending.size === 0) return;
    const delay = Math.max(0, state.lastStartedAt + windowMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const items = state.pending;
      state.pending = new Set();
      state.lastStartedAt = Date.now();
      state.running = run(key, items)
        .catch(onError)
        .finally(() => {
          state.running = undefined;
          if (state.pending.size > 0) schedule(key, state);
          else if (!state.timer) {
            keys.delete(key);
            lastStarts.set(key, state.lastStartedAt);
          }
        });
    }, delay);
  }

  return {
    add(key, items) {
      let state = keys.get(key);
      if (!state) {
        if (lastStarts.size > 1000) forgetExpiredWindows(Date.now());
        keys.set(key, (state = { pending: new Set(), lastStartedAt: lastStarts.get(key) ?? -Infinity }));
        lastStarts.delete(key);
      }
      for (const item of items) state.pending.add(item);
      schedule(key, state);
    },
    async idle() {
      while (keys.size > 0) {
        await Promise.all([...keys.values()].map((state) => state.running ?? new Promise((resolve) => setTimeout(resolve, 5))));
      }
    },
    close() {
      closed = true;
      for (const state of keys.values()) clearTimeout(state.timer);
      keys.clear();
      lastStarts.clear();
    },
  };
}
