/**
 * A page's clock for figures that count up on screen (waits, time in status): one interval
 * however many figures show it, running only while something listens.
 */
export interface TickingClock {
  subscribe(listener: () => void): () => void;
  /** Milliseconds since the epoch at the last tick: the same value between ticks (a stable React snapshot). */
  now(): number;
}

export function createTickingClock(periodMs: number): TickingClock {
  let now = Date.now();
  let ticker: ReturnType<typeof setInterval> | undefined;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      ticker ??= setInterval(() => {
        now = Date.now();
        for (const notify of listeners) notify();
      }, periodMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearInterval(ticker);
        ticker = undefined;
      };
    },
    now() {
      // Stopped while nobody listened: catch up, at the same step as a running clock.
      if (!ticker && Date.now() - now >= periodMs) now = Date.now();
      return now;
    },
  };
}

/** Seconds from `since` (an ISO instant) to `now` (ms), never below 0. */
export function secondsSince(since: string, now: number): number {
  return Math.max(0, (now - Date.parse(since)) / 1000);
}

/**
 * A duration that counts up from its timestamp: the server's value while the page has no clock
 * yet (the server's paint and hydration, `now` null), then `now − since` on the page's clock.
 */
export function tickingSeconds(serverSeconds: number | null, since: string | null, now: number | null): number | null {
  return now === null || since === null ? serverSeconds : secondsSince(since, now);
}
