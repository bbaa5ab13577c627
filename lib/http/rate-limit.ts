import { AppError } from "../errors/app-error";

/**
 * Token buckets in this process's memory: `limit` requests per `windowMs`, refilled smoothly, so a
 * burst up to `limit` passes and a steady flood is held to the rate. For budgets of what lives on
 * one node (a socket connection); limits a client could spread over nodes are shared ones
 * (shared-rate-limit.server.ts).
 */
export interface RateLimiter {
  /** Takes one token for `key`, or throws AppError("rate_limited") with the seconds until the next one. */
  take(key: string): void;
  size(): number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export function createRateLimiter(options: { limit: number; windowMs: number; what: string; now?: () => number }): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const now = options.now ?? Date.now;
  const refillPerMs = options.limit / options.windowMs;
  let lastPrune = now();

  function prune(at: number) {
    // A bucket idle for a whole window is full again: forgetting it changes nothing.
    if (at - lastPrune < options.windowMs) return;
    lastPrune = at;
    for (const [key, bucket] of buckets) if (at - bucket.updatedAt >= options.windowMs) buckets.delete(key);
  }

  return {
    take(key) {
      const at = now();
      prune(at);
      const bucket = buckets.get(key) ?? { tokens: options.limit, updatedAt: at };
      bucket.tokens = Math.min(options.limit, bucket.tokens + (at - bucket.updatedAt) * refillPerMs);
      bucket.updatedAt = at;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) {
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
        throw new AppError("rate_limited", `Too many ${options.what}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
      }
      bucket.tokens -= 1;
    },
    size: () => buckets.size,
  };
}
