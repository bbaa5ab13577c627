import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import { daysBefore, utcTimestamp } from "./dashboard-clock.server";

export interface ThirtyDayRates {
  assistant_resolution_rate: number | null;
  handoff_rate: number | null;
}

/**
 * One pass over the sessions created or ended in the rolling 30 days before `now` (the indexes on
 * createdAt and closedAt are OR-ed into one bitmap). There is no covering index, so this reads
 * every such row: the costliest query of the dashboard.
 */
async function queryThirtyDayRates(db: PrismaClient, scope: BusinessScope, now: Date): Promise<ThirtyDayRates> {
  const since = daysBefore(now, 30);
  const until = utcTimestamp(now);
  const [row] = await db.$queryRaw<ThirtyDayRates[]>`
    WITH windowed AS (
      SELECT status, "queuedAt",
             "createdAt" >= ${since} AND "createdAt" <= ${until} AS created_in_window,
             "closedAt" >= ${since} AND "closedAt" <= ${until} AS ended_in_window
      FROM "ChatSession"
      WHERE "businessId" = ${scope.businessId}::uuid
        AND (("createdAt" >= ${since} AND "createdAt" <= ${until}) OR ("closedAt" >= ${since} AND "closedAt" <= ${until}))
    )
    SELECT
      (count(*) FILTER (WHERE ended_in_window AND status = 'CLOSED'::"SessionStatus" AND "queuedAt" IS NULL))::float8
        / nullif(count(*) FILTER (WHERE ended_in_window AND status IN ('CLOSED'::"SessionStatus", 'ABANDONED'::"SessionStatus")), 0)
        AS assistant_resolution_rate,
      (count(*) FILTER (WHERE created_in_window AND "queuedAt" IS NOT NULL))::float8
        / nullif(count(*) FILTER (WHERE created_in_window), 0)
        AS handoff_rate
    FROM windowed`;
  return row;
}

const inFlight = new WeakMap<PrismaClient, Map<string, Promise<ThirtyDayRates>>>();

/**
 * The assistant's share of resolutions and the handoff rate (docs/metrics.md), shown by both
 * overview and message_analytics. The dashboard loads those two together, so a load for the same
 * business and the same `now` joins the query already running instead of repeating it.
 */
export function loadThirtyDayRates(db: PrismaClient, scope: BusinessScope, now: Date): Promise<ThirtyDayRates> {
  const running = inFlight.get(db) ?? new Map<string, Promise<ThirtyDayRates>>();
  inFlight.set(db, running);
  const key = `${scope.businessId}@${now.getTime()}`;
  const pending = running.get(key);
  if (pending) return pending;
  const query = queryThirtyDayRates(db, scope, now).finally(() => running.delete(key));
  running.set(key, query);
  return query;
}
