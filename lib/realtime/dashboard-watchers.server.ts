import { describeError, type Logger } from "../observability/logger";
import type { RedisClient } from "../server/redis.server";
import { watchedBusinessIds, widgetsRoom } from "./rooms";

/** Every node renews the marks of the dashboards it holds this often; a mark outlives three renewals. */
const RENEW_MS = 10_000;
const MARK_TTL_MS = 3 * RENEW_MS;
const markKey = (businessId: string) => `switchboard:dashboards:${businessId}`;
/**
 * The longest a dashboard's load or a recompute waits for Redis: a client whose Redis is away queues
 * its commands until it is back, and a dashboard must not hang on that.
 */
const REDIS_WAIT_MS = 1_000;

/** The promise's value, or `fallback` once `ms` have passed without one. */
async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Which businesses have a dashboard open anywhere in the cluster. Widgets are recomputed for them
 * only: most changes happen where nobody watches a dashboard (1,000 agent workspaces and no
 * dashboard cost a recompute of every widget four times a second otherwise, for nobody).
 */
export interface DashboardWatchers {
  /** Whether a dashboard of the business is open on some node. Errs on yes when Redis cannot say (in REDIS_WAIT_MS). */
  watched(businessId: string): Promise<boolean>;
  /**
   * A dashboard of the business joined its widgets room on this node: marked cluster-wide when this
   * resolves. The orchestration awaits it before it loads the dashboard's data, so a change committed
   * after that load began is recomputed by whichever node makes it.
   */
  opened(businessId: string): Promise<void>;
  close(): void;
}

export interface DashboardWatcherDependencies {
  /** This node's Socket.IO rooms of /dashboard (none in a process without sockets, the worker). */
  rooms?: () => ReadonlyMap<string, unknown>;
  /** The cluster's Redis; without it this node's rooms are all there is. */
  redis?: RedisClient;
  logger: Logger;
}

export function createDashboardWatchers({ rooms, redis, logger }: DashboardWatcherDependencies): DashboardWatchers {
  const watchedHere = (businessId: string) => rooms?.().has(widgetsRoom(businessId)) ?? false;
  const mark = async (businessIds: readonly string[]) => {
    if (!redis || businessIds.length === 0) return;
    const batch = redis.multi();
    for (const businessId of businessIds) batch.set(markKey(businessId), "1", { PX: MARK_TTL_MS });
    await batch.exec();
  };
  const renewal =
    rooms && redis
      ? setInterval(() => {
          mark(watchedBusinessIds(rooms().keys())).catch((error: unknown) => logger.warn("dashboard marks not renewed", { error: describeError(error) }));
        }, RENEW_MS)
      : undefined;
  renewal?.unref();

  return {
    async watched(businessId) {
      if (watchedHere(businessId)) return true;
      if (!redis) return false;
      const marked = redis.exists(markKey(businessId)).then(
        (count) => count > 0,
        (error: unknown) => {
          logger.warn("dashboard mark not readable; recomputing", { businessId, error: describeError(error) });
          return true;
        },
      );
      return within(marked, REDIS_WAIT_MS, true);
    },
    async opened(businessId) {
      // Should Redis be away, the dashboard loads anyway; the renewal marks it once Redis is back.
      const marked = mark([businessId]).catch((error: unknown) => logger.warn("dashboard mark not set", { businessId, error: describeError(error) }));
      await within(marked, REDIS_WAIT_MS, undefined);
    },
    close() {
      clearInterval(renewal);
    },
  };
}
