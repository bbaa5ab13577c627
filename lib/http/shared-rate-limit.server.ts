import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors/app-error";
import type { RedisClient } from "../server/redis.server";

/**
 * A limit every node counts together: in Redis when the cluster has one, else in this process
 * (a single node). Fixed windows of rate-limiter-flexible, the same algorithm in both stores.
 */
export interface SharedRateLimiter {
  /** Counts one request for `key`, or throws AppError("rate_limited") with the seconds until the window resets. */
  take(key: string): Promise<void>;
}

export interface SharedRateLimitOptions {
  /** Names the limit's counters in the store; unique per limit. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** For the refusal's message: "Too many <what>". */
  what: string;
}

/**
 * With `redis`, counts there (atomically, so N nodes admit `limit` in total, not N × limit). Should
 * Redis fail, the node counts in memory meanwhile: chat stays up, limited per node, rather than
 * refusing every customer while the cache is away.
 */
export function createSharedRateLimiter(redis: RedisClient | undefined, options: SharedRateLimitOptions): SharedRateLimiter {
  const settings = { keyPrefix: `switchboard_rl_${options.name}`, points: options.limit, duration: options.windowSeconds };
  const inMemory = new RateLimiterMemory(settings);
  const limiter = redis ? new RateLimiterRedis({ ...settings, storeClient: redis, useRedisPackage: true, insuranceLimiter: inMemory }) : inMemory;
  return {
    async take(key) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
        throw new AppError("rate_limited", `Too many ${options.what}; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
      }
    },
  };
}
