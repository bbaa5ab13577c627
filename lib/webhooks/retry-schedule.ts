/**
 * When a failed webhook delivery is tried again: 8 attempts over about a day (1 m, 5 m, 15 m,
 * 1 h, 3 h, 6 h, 12 h between them: 22 h 21 m from first to last), then it is FAILED. `scale`
 * (WEBHOOK_RETRY_SCALE) shrinks the schedule for tests; it scales the day of failures that
 * disables an endpoint alike.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** An endpoint whose deliveries have failed (with no success between) for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * HOUR;

/** The wait after the `attempts`-th failed attempt, or null when that was the last one. */
export function retryDelayMs(attempts: number, scale = 1): number | null {
  const delay = RETRY_DELAYS_MS[attempts - 1];
  return delay === undefined ? null : Math.round(delay * scale);
}
