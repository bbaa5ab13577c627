import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { loadDashboardClock } from "../dashboard-clock.server";
import { loadThirtyDayRates } from "../thirty-day-rates.server";
import type { MessageAnalytics, MessageHour } from "../../contract/widgets";

const WINDOW_HOURS = 24;

type HourRow = Omit<MessageHour, "hour"> & { hour: Date; total_messages: number; sessions: number };

/** Messages per author in each of the last WINDOW_HOURS local clock hours, the current one last. */
async function loadHours(db: PrismaClient, scope: BusinessScope, now: Date): Promise<HourRow[]> {
  const clock = await loadDashboardClock(db, scope, now);
  const firstHour = clock.localHourStart(WINDOW_HOURS - 1);
  return db.$queryRaw<HourRow[]>`
    WITH recent AS MATERIALIZED (
      SELECT date_bin('1 hour', "createdAt", ${firstHour}) AS hour, author, "sessionId"
      FROM "ChatMessage"
      WHERE "businessId" = ${scope.businessId}::uuid AND "createdAt" >= ${firstHour} AND "createdAt" <= ${clock.now}
    ),
    per_hour AS (
      SELECT hour,
             count(*) FILTER (WHERE author = 'CUSTOMER'::"MessageAuthor")::int AS customer,
             count(*) FILTER (WHERE author = 'AGENT'::"MessageAuthor")::int AS agent,
             count(*) FILTER (WHERE author = 'ASSISTANT'::"MessageAuthor")::int AS assistant,
             count(*) FILTER (WHERE author = 'SYSTEM'::"MessageAuthor")::int AS system
      FROM recent GROUP BY hour
    ),
    totals AS (
      SELECT count(*)::int AS total_messages, count(DISTINCT "sessionId")::int AS sessions FROM recent
    ),
    hours AS (
      SELECT generate_series(${firstHour}, ${clock.localHourStart(0)}, interval '1 hour') AS hour
    )
    SELECT h.hour,
           coalesce(p.customer, 0) AS customer, coalesce(p.agent, 0) AS agent,
           coalesce(p.assistant, 0) AS assistant, coalesce(p.system, 0) AS system,
           t.total_messages, t.sessions
    FROM hours h CROSS JOIN totals t LEFT JOIN per_hour p ON p.hour = h.hour
    ORDER BY h.hour`;
}

/** Message volume over the last 24 local clock hours, plus the 30-day rates. */
export async function loadMessageAnalytics(db: PrismaClient, scope: BusinessScope, now: Date): Promise<MessageAnalytics> {
  const [hours, rates] = await Promise.all([loadHours(db, scope, now), loadThirtyDayRates(db, scope, now)]);
  const { total_messages: total, sessions } = hours[0];
  return {
    window_hours: WINDOW_HOURS,
    per_hour: hours.map(({ hour, customer, agent, assistant, system }) => ({ hour: hour.toISOString(), customer, agent, assistant, system })),
    total_messages_24h: total,
    messages_per_session: sessions === 0 ? null : total / sessions,
    assistant_resolution_rate: rates.assistant_resolution_rate,
    handoff_rate: rates.handoff_rate,
  };
}
