import { Prisma } from "../../db/generated/client";
import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { daysBefore, loadDashboardClock, utcTimestamp } from "../dashboard-clock.server";
import type { Satisfaction, SatisfactionTrendDay } from "../../contract/widgets";

const WINDOW_DAYS = 30;
const TREND_DAYS = 14;
const RECENT_COMMENTS = 10;

interface SummaryRow {
  total: number;
  csat: number | null;
  average: number | null;
  score_1: number;
  score_2: number;
  score_3: number;
  score_4: number;
  score_5: number;
}

interface CommentRow {
  session_id: string;
  score: number;
  comment: string;
  created_at: Date;
}

/** One row per local calendar day of the last TREND_DAYS, today last; days without ratings included. */
async function loadTrend(db: PrismaClient, scope: BusinessScope, now: Date): Promise<SatisfactionTrendDay[]> {
  const clock = await loadDashboardClock(db, scope, now);
  return db.$queryRaw<SatisfactionTrendDay[]>`
    WITH per_day AS (
      SELECT ${clock.localDateOf(Prisma.sql`"createdAt"`)} AS day,
             count(*)::int AS count,
             (count(*) FILTER (WHERE score >= 4))::float8 / count(*) AS csat,
             avg(score::float8) AS average
      FROM "SatisfactionRating"
      WHERE "businessId" = ${scope.businessId}::uuid
        AND "createdAt" >= ${clock.localMidnight(TREND_DAYS - 1)} AND "createdAt" <= ${clock.now}
      GROUP BY 1
    ),
    days AS (
      SELECT ${clock.localDate(0)} - days_ago AS day FROM generate_series(${TREND_DAYS - 1}::int, 0, -1) AS days_ago
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS date, p.csat, p.average, coalesce(p.count, 0) AS count
    FROM days d LEFT JOIN per_day p ON p.day = d.day
    ORDER BY d.day`;
}

/** Ratings over the rolling 30 days, the daily trend and the latest written feedback. */
export async function loadSatisfaction(db: PrismaClient, scope: BusinessScope, now: Date): Promise<Satisfaction> {
  const business = scope.businessId;
  const since = daysBefore(now, WINDOW_DAYS);
  const until = utcTimestamp(now);
  const [[summary], trend, comments] = await Promise.all([
    db.$queryRaw<SummaryRow[]>`
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE score >= 4))::float8 / nullif(count(*), 0) AS csat,
             avg(score::float8) AS average,
             count(*) FILTER (WHERE score = 1)::int AS score_1,
             count(*) FILTER (WHERE score = 2)::int AS score_2,
             count(*) FILTER (WHERE score = 3)::int AS score_3,
             count(*) FILTER (WHERE score = 4)::int AS score_4,
             count(*) FILTER (WHERE score = 5)::int AS score_5
      FROM "SatisfactionRating"
      WHERE "businessId" = ${business}::uuid AND "createdAt" >= ${since} AND "createdAt" <= ${until}`,
    loadTrend(db, scope, now),
    db.$queryRaw<CommentRow[]>`
      SELECT "sessionId" AS session_id, score, comment, "createdAt" AS created_at
      FROM "SatisfactionRating"
      WHERE "businessId" = ${business}::uuid AND "createdAt" >= ${since} AND "createdAt" <= ${until}
        AND btrim(comment) <> ''
      ORDER BY "createdAt" DESC, id
      LIMIT ${RECENT_COMMENTS}::int`,
  ]);
  return {
    window_days: WINDOW_DAYS,
    csat: summary.csat,
    average: summary.average,
    total: summary.total,
    distribution: { "1": summary.score_1, "2": summary.score_2, "3": summary.score_3, "4": summary.score_4, "5": summary.score_5 },
    trend,
    recent_comments: comments.map((row) => ({ ...row, created_at: row.created_at.toISOString() })),
  };
}
