import { Prisma } from "../db/generated/client";
import type { DbClient } from "../db/prisma-client.server";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import { IN_QUEUE } from "../dashboard/queue-sql.server";
import type { QueuePosition } from "../contract/customer-chat";

/** Used when the business has closed no chat in the last 7 days to learn from. */
export const DEFAULT_HANDLE_SECONDS = 300;
const HANDLE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Every queued session's place in its business's queue (priority, then queue time: the order
 * agents take them; offline messages held until the desk opens have none) with a wait estimate: position × mean handle time ÷ the chats the ONLINE
 * people can hold at once (see docs/metrics.md). One query. `present` keeps only the sessions whose
 * customer has the chat open on some node (presence rows): the ones a push can reach.
 */
export async function loadQueuePositions(db: DbClient, businessId: string, now = new Date(), { present = false } = {}): Promise<Map<string, QueuePosition>> {
  const rows = await db.$queryRaw<{ id: string; position: number; total: number; handle_seconds: number | null; slots: number }[]>`
    WITH queue AS (
      SELECT id,
             row_number() OVER (ORDER BY priority DESC, coalesce("queuedAt", "createdAt"), id)::int AS position,
             count(*) OVER ()::int AS total
      FROM "ChatSession"
      WHERE "businessId" = ${businessId}::uuid AND ${IN_QUEUE}
    ), handle AS (
      SELECT avg(extract(epoch FROM "closedAt" - "assignedAt"))::float8 AS handle_seconds
      FROM "ChatSession"
      WHERE "businessId" = ${businessId}::uuid AND status = 'CLOSED'::"SessionStatus" AND "assignedAt" IS NOT NULL
        AND "closedAt" > ${utcTimestamp(new Date(now.getTime() - HANDLE_WINDOW_MS))}
    ), capacity AS (
      SELECT coalesce(sum(capacity), 0)::int AS slots
      FROM "Agent"
      WHERE "businessId" = ${businessId}::uuid AND kind = 'HUMAN'::"AgentKind" AND status = 'ONLINE'::"AgentStatus"
    )
    SELECT queue.id, queue.position, queue.total, handle.handle_seconds, capacity.slots
    FROM queue CROSS JOIN handle CROSS JOIN capacity
    ${present ? Prisma.sql`WHERE EXISTS (SELECT 1 FROM "PresenceCustomer" p WHERE p."sessionId" = queue.id)` : Prisma.empty}`;
  const positions = new Map<string, QueuePosition>();
  for (const row of rows) {
    const handleSeconds = row.handle_seconds ?? DEFAULT_HANDLE_SECONDS;
    positions.set(row.id, {
      position: row.position,
      total: row.total,
      estimated_wait_seconds: Math.ceil((row.position * handleSeconds) / Math.max(1, row.slots)),
    });
  }
  return positions;
}
