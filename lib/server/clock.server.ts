/** Time and timers, passed in where tests must move time by hand (tests/support/manual-clock.ts). */
export interface Clock {
  now(): Date;
  /** Calls `callback` once after `delayMs`, unless cancelled first. Never keeps the process alive. */
  schedule(delayMs: number, callback: () => unknown): { cancel(): void };
}

export const systemClock: Clock = {
  now: () => new Date(),
  schedule(delayMs, callback) {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
