/**
 * Throttles a stream of states per key (e.g. "is typing" per chat session): the first state goes
 * out at once, then at most one per `windowMs`, carrying the latest; the last state always goes
 * out at the end of its window, so a final "stopped typing" is never swallowed. A key quiet for a
 * whole window is forgotten, so the next state goes out at once again.
 */
export interface LatestThrottle<T> {
  push(key: string, value: T): void;
  /** Drops the key's pending state and window: something newer (a message) superseded it. */
  forget(key: string): void;
  close(): void;
}

interface KeyWindow<T> {
  timer: ReturnType<typeof setTimeout>;
  pending?: { value: T };
}

export function createLatestThrottle<T>(windowMs: number, emit: (value: T) => void): LatestThrottle<T> {
  const windows = new Map<string, KeyWindow<T>>();
  let closed = false;

  function send(key: string, value: T) {
    emit(value);
    windows.set(key, {
      timer: setTimeout(() => {
        const pending = windows.get(key)?.pending;
        windows.delete(key);
        if (pending) send(key, pending.value);
      }, windowMs),
    });
  }

  return {
    push(key, value) {
      if (closed) return;
      const open = windows.get(key);
      if (open) open.pending = { value };
      else send(key, value);
    },
    forget(key) {
      clearTimeout(windows.get(key)?.timer);
      windows.delete(key);
    },
    close() {
      closed = true;
      for (const { timer } of windows.values()) clearTimeout(timer);
      windows.clear();
    },
  };
}
