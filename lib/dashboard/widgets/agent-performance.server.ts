import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { daysBefore, loadDashboardClock } from "../dashboard-clock.server";
import type { AgentPerformance, AgentPerformanceRow } from "../../contract/widgets";

type AgentRow = Omit<AgentPerformanceRow, "last_seen_at"> & { last_seen_at: Date | null };

/** One row per human agent (the assistant is not staff), by name. */
export async function loadAgentPerformance(db: PrismaClient, scope: BusinessScope, now: Date): Promise<AgentPerformance> {
  const clock = await loadDashboardClock(db, scope, now);
  const business = scope.businessId;
  const todayStart = clock.localMidnight(0);
  const ratingsSince = daysBefore(now, 30);
  const rows = await db.$queryRaw<AgentRow[]>`
    WITH today AS (
      -- Open sessions plus those ended today (both indexed) hold every session first answered
      -- today too, as a session ends after its first response.
      SELECT "assignedAgentId" AS agent_id,
             count(*) FILTER (WHERE status = 'ACTIVE'::"SessionStatus")::int AS active_sessions,
             count(*) FILTER (WHERE status = 'CLOSED'::"SessionStatus" AND "closedAt" >= ${todayStart} AND "closedAt" <= ${clock.now})::int AS handled_today,
             avg(extract(epoch FROM "closedAt" - "assignedAt"))
               FILTER (WHERE status = 'CLOSED'::"SessionStatus" AND "closedAt" >= ${todayStart} AND "closedAt" <= ${clock.now})::float8 AS avg_handle_seconds_today,
             avg(extract(epoch FROM "firstResponseAt" - "assignedAt"))
               FILTER (WHERE "firstResponseAt" >= ${todayStart} AND "firstResponseAt" <= ${clock.now})::float8 AS avg_first_response_seconds_today
      FROM "ChatSession"
      WHERE "businessId" = ${business}::uuid
        AND "assignedAgentId" IS NOT NULL
        AND (status IN ('BOT'::"SessionStatus", 'WAITING'::"SessionStatus", 'ACTIVE'::"SessionStatus") OR "closedAt" >= ${todayStart})
      GROUP BY "assignedAgentId"
    ),
    ratings AS (
      SELECT s."assignedAgentId" AS agent_id,
             count(*)::int AS ratings_30d,
             (count(*) FILTER (WHERE r.score >= 4))::float8 / count(*) AS csat_30d
      FROM "SatisfactionRating" r
      JOIN "ChatSession" s ON s.id = r."sessionId" AND s."businessId" = ${business}::uuid
      WHERE r."businessId" = ${business}::uuid AND r."createdAt" >= ${ratingsSince} AND r."createdAt" <= ${clock.now}
        AND s."assignedAgentId" IS NOT NULL
      GROUP BY s."assignedAgentId"
    )
    SELECT a.id, a."displayName" AS display_name, a.status::text AS status, a.capacity, a."lastSeenAt" AS last_seen_at,
           coalesce(t.active_sessions, 0) AS active_sessions,
           coalesce(t.handled_today, 0) AS handled_today,
           t.avg_first_response_seconds_today,
           t.avg_handle_seconds_today,
           r.csat_30d,
           coalesce(r.ratings_30d, 0) AS ratings_30d
    FROM "Agent" a
    LEFT JOIN today t ON t.agent_id = a.id
    LEFT JOIN ratings r ON r.agent_id = a.id
    WHERE a."businessId" = ${business}::uuid AND a.kind = 'HUMAN'::"AgentKind"
    ORDER BY a."displayName", a.id`;
  return { agents: rows.map((row) => ({ ...row, last_seen_at: row.last_seen_at?.toISOString() ?? null })) };
}
