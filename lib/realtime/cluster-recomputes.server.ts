import type { Logger } from "../observability/logger";
import { describeError } from "../observability/logger";
import type { RedisClient } from "../server/redis.server";

/**
 * One recompute of a business's widgets per window across the cluster, not one per node that saw
 * a change. Each node still batches its own changes (the publisher's coalescer); a batch is then
 * handed to the cluster: it joins a run that is due and not started yet (any node's, which reads
 * the database after the batch's changes committed, so it covers them), or it schedules the next
 * run itself, a window after the previous run's start, and makes it.
 */
export interface ClusterRecomputes {
  /**
   * Resolves with the items this node recomputes now (its own and those other nodes handed to
   * this run), or null when another node's due run covers them.
   */
  take(businessId: string, items: ReadonlySet<string>): Promise<ReadonlySet<string> | null>;
  close(): void;
}

// KEYS: due (when the next run starts), items (what it recomputes), started (the last run's start).
// ARGV: window ms, then the items. Returns -1 (joined a due run) or the ms until this node's run.
const JOIN_OR_SCHEDULE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('SADD', KEYS[2], unpack(ARGV, 2))
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
local runAt = math.max(now, tonumber(redis.call('GET', KEYS[3]) or '0') + window)
-- Expires should its node die before starting the run: others then schedule their own.
redis.call('SET', KEYS[1], runAt, 'PX', runAt - now + 2 * window + 1000)
redis.call('PEXPIRE', KEYS[2], runAt - now + 2 * window + 1000)
return runAt - now`;

// KEYS: due, items, started. ARGV: window ms. The run starts: whatever is handed over later schedules the next one.
const START = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local items = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('SET', KEYS[3], now, 'PX', 2 * tonumber(ARGV[1]) + 1000)
return items`;

const keysOf = (businessId: string) => [`switchboard:recompute:${businessId}:due`, `switchboard:recompute:${businessId}:items`, `switchboard:recompute:${businessId}:started`];

/**
 * Through Redis when the cluster has one; a single node (no Redis) recomputes what it was given.
 * Should Redis fail, the node recomputes its own batch: a duplicate push, never a missing one.
 */
export function createClusterRecomputes(redis: RedisClient | undefined, windowMs: number, logger: Logger): ClusterRecomputes {
  // Runs waiting for their turn; on close they start at once (a shutdown still pushes what is due).
  const waiting = new Map<ReturnType<typeof setTimeout>, () => void>();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waiting.delete(timer);
        resolve();
      }, ms);
      waiting.set(timer, resolve);
    });

  return {
    async take(businessId, items) {
      if (!redis || items.size === 0) return items;
      const keys = keysOf(businessId);
      try {
        const delay = Number(await redis.eval(JOIN_OR_SCHEDULE, { keys, arguments: [String(windowMs), ...items] }));
        if (delay < 0) return null;
        if (delay > 0) await wait(delay);
        return new Set((await redis.eval(START, { keys, arguments: [String(windowMs)] })) as string[]);
      } catch (error) {
        logger.warn("cluster recompute claim failed; recomputing on this node", { businessId, error: describeError(error) });
        return items;
      }
    },
    close() {
      for (const [timer, resolve] of waiting) {
        clearTimeout(timer);
        resolve();
      }
      waiting.clear();
    },
  };
}
