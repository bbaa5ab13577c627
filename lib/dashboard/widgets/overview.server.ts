import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { loadDashboardClock } from "../dashboard-clock.server";
import { loadThirtyDayRates } from "../thirty-day-rates.server";
import type { Overview } from "../../contract/widgets";
import { IN_QUEUE } from "../queue-sql.server";

interface OverviewRow {
  active_sessions: number;
  waiting_sessions: number;
  bot_sessions: number;
  avg_wait_seconds: number | null;
  longest_wait_seconds: number | null;
  mean_queued_at: Date | null;
  oldest_queued_at: Date | null;
  sessions_today: number;
  closed_today: number;
  abandoned_today: number;
  resolution_rate_today: number | null;
  avg_first_response_seconds_today: number | null;
  ratings_today: number;
  csat_today: number | null;
  agents_online: number;
  agents_away: number;
  agents_offline: number;
}

/** Everything but the 30-day rates, in one statement: each part reads its own index range. */
async function loadCurrentFigures(db: PrismaClient, scope: BusinessScope, now: Date): Promise<OverviewRow & { time_zone: string }> {
  const clock = await loadDashboardClock(db, scope, now);
  const business = scope.businessId;
  const todayStart = clock.localMidnight(0);
  // The queue's figures count chats in the queue: offline messages held until the desk opens are not.
  const [row] = await db.$queryRaw<OverviewRow[]>`
    WITH live AS (
      SELECT count(*) FILTER (WHERE status = 'ACTIVE'::"SessionStatus")::int AS active_sessions,
             count(*) FILTER (WHERE ${IN_QUEUE})::int AS waiting_sessions,
             count(*) FILTER (WHERE status = 'BOT'::"SessionStatus")::int AS bot_sessions,
             avg(greatest(0, extract(epoch FROM ${clock.now} - coalesce("queuedAt", "createdAt"))))
               FILTER (WHERE ${IN_QUEUE})::float8 AS avg_wait_seconds,
             max(greatest(0, extract(epoch FROM ${clock.now} - coalesce("queuedAt", "createdAt"))))
               FILTER (WHERE ${IN_QUEUE})::float8 AS longest_wait_seconds,
             to_timestamp(avg(extract(epoch FROM coalesce("queuedAt", "createdAt")))
               FILTER (WHERE ${IN_QUEUE})::float8) AS mean_queued_at,
             min(coalesce("queuedAt", "createdAt")) FILTER (WHERE ${IN_QUEUE}) AS oldest_queued_at
      FROM "ChatSession"
      WHERE "businessId" = ${business}::uuid
        AND status IN ('BOT'::"SessionStatus", 'WAITING'::"SessionStatus", 'ACTIVE'::"SessionStatus")
    ),
    created_today AS (
      SELECT count(*)::int AS sessions_today
      FROM "ChatSession"
      WHERE "businessId" = ${business}::uuid AND "createdAt" >= ${todayStart} AND "createdAt" <= ${clock.now}
    ),
    ended_today AS (
      SELECT count(*) FILTER (WHERE status = 'CLOSED'::"SessionStatus")::int AS closed_today,
             count(*) FILTER (WHERE status = 'ABANDONED'::"SessionStatus")::int AS abandoned_today
      FROM "ChatSession"
      WHERE "businessId" = ${business}::uuid AND "closedAt" >= ${todayStart} AND "closedAt" <= ${clock.now}
    ),
    first_response_today AS (
      -- No index on firstResponseAt: a session answered today is either still open or ended today
      -- (it ends after its first response), so those two indexed sets bound the search exactly.
      SELECT avg(extract(epoch FROM "firstResponseAt" - "assignedAt"))::float8 AS avg_first_response_seconds_today
      FROM "ChatSession"
      WHERE "businessId" = ${business}::uuid
        AND (status IN ('BOT'::"SessionStatus", 'WAITING'::"SessionStatus", 'ACTIVE'::"SessionStatus") OR "closedAt" >= ${todayStart})
        AND "firstResponseAt" >= ${todayStart} AND "firstResponseAt" <= ${clock.now}
    ),
    ratings_today AS (
      SELECT count(*)::int AS ratings_today,
             (count(*) FILTER (WHERE score >= 4))::float8 / nullif(count(*), 0) AS csat_today
      FROM "SatisfactionRating"
      WHERE "businessId" = ${business}::uuid AND "createdAt" >= ${todayStart} AND "createdAt" <= ${clock.now}
    ),
    agents AS (
      SELECT count(*) FILTER (WHERE status = 'ONLINE'::"AgentStatus")::int AS agents_online,
             count(*) FILTER (WHERE status = 'AWAY'::"AgentStatus")::int AS agents_away,
             count(*) FILTER (WHERE status = 'OFFLINE'::"AgentStatus")::int AS agents_offline
      FROM "Agent"
      WHERE "businessId" = ${business}::uuid AND kind = 'HUMAN'::"AgentKind"
    )
    SELECT *, closed_today::float8 / nullif(closed_today + abandoned_today, 0) AS resolution_rate_today
    FROM live, created_today, ended_today, first_response_today, ratings_today, agents`;
  return { ...row, time_zone: clock.timeZone };
}

/** The headline numbers: the live state, today so far, and the 30-day rates. */
export async function loadOverview(db: PrismaClient, scope: BusinessScope, now: Date): Promise<Overview> {
  const [current, rates] = await Promise.all([loadCurrentFigures(db, scope, now), loadThirtyDayRates(db, scope, now)]);
  return {
    active_sessions: current.active_sessions,
    waiting_sessions: current.waiting_sessions,
    bot_sessions: current.bot_sessions,
    agents: { online: current.agents_online, away: current.agents_away, offline: current.agents_offline },
    sessions_today: current.sessions_today,
    avg_wait_seconds: current.avg_wait_seconds,
    longest_wait_seconds: current.longest_wait_seconds,
    mean_queued_at: current.mean_queued_at?.toISOString() ?? null,
    oldest_queued_at: current.oldest_queued_at?.toISOString() ?? null,
    avg_first_response_seconds_today: current.avg_first_response_seconds_today,
    closed_today: current.closed_today,
    abandoned_today: current.abandoned_today,
    resolution_rate_today: current.resolution_rate_today,
    csat_today: current.csat_today,
    ratings_today: current.ratings_today,
    assistant_resolution_rate: rates.assistant_resolution_rate,
    handoff_rate: rates.handoff_rate,
    time_zone: current.time_zone,
    generated_at: now.toISOString(),
  };
}
