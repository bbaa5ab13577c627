import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { utcTimestamp } from "../dashboard-clock.server";
import type { QueuedSession, WaitingQueue } from "../../contract/widgets";
import { Prisma } from "../../db/generated/client";
import { toSessionTags } from "../../contract/tags";
import { carriesTag, sessionTagsJson } from "./session-tags-sql.server";
import { heldOfflineSql, inQueueSql } from "../queue-sql.server";
import type { SessionListFilter } from "./session-list-filter";

const PAGE_SIZE = 100;
const PREVIEW_LENGTH = 140;

interface QueuedSessionRow {
  id: string;
  priority: number;
  queued_at: Date;
  wait_seconds: number;
  handoff_reason: string | null;
  offline_at: Date | null;
  held_offline: boolean;
  customer_id: string;
  customer_name: string | null;
  preview: string | null;
  tags: { tag: { id: string; name: string; color: string } }[];
}

/**
 * Waiting chats of one kind (`which`: in the queue, or offline messages held until the desk opens)
 * in the order agents take them: highest priority first, then longest waiting (only chats with
 * `filter.tagId`, when given). An offline message waits from when it came in.
 */
async function loadWaiting(db: PrismaClient, business: string, asOf: ReturnType<typeof utcTimestamp>, which: Prisma.Sql, filter: SessionListFilter) {
  const [rows, [summary]] = await Promise.all([
    db.$queryRaw<QueuedSessionRow[]>`
      WITH page AS (
        -- queuedAt is set on entering the queue; createdAt only stands in so one bad row cannot break the shape.
        SELECT s.id, s.priority, s."customerId", s."handoffReason", s."offlineAt", ${heldOfflineSql("s")} AS held_offline,
               coalesce(s."queuedAt", s."offlineAt", s."createdAt") AS queued_at
        FROM "ChatSession" s
        WHERE s."businessId" = ${business}::uuid AND ${which} ${carriesTag(Prisma.sql`s.id`, filter.tagId)}
        ORDER BY s.priority DESC, queued_at ASC, s.id
        LIMIT ${PAGE_SIZE}::int
      )
      SELECT p.id, p.priority, p.queued_at, p."handoffReason" AS handoff_reason, p."offlineAt" AS offline_at, p.held_offline,
             greatest(0, extract(epoch FROM ${asOf} - p.queued_at))::float8 AS wait_seconds,
             c.id AS customer_id, c.name AS customer_name,
             (SELECT left(m.body, ${PREVIEW_LENGTH}::int) FROM "ChatMessage" m
               WHERE m."sessionId" = p.id AND m."businessId" = ${business}::uuid AND m.author = 'CUSTOMER'::"MessageAuthor"
               ORDER BY m."createdAt" DESC LIMIT 1) AS preview,
             ${sessionTagsJson(Prisma.sql`p.id`)} AS tags
      FROM page p
      JOIN "Customer" c ON c.id = p."customerId" AND c."businessId" = ${business}::uuid
      ORDER BY p.priority DESC, p.queued_at ASC, p.id`,
    db.$queryRaw<{ total: number; longest_wait_seconds: number | null; oldest_queued_at: Date | null }[]>`
      SELECT count(*)::int AS total,
             max(greatest(0, extract(epoch FROM ${asOf} - coalesce("queuedAt", "offlineAt", "createdAt"))))::float8 AS longest_wait_seconds,
             min(coalesce("queuedAt", "offlineAt", "createdAt")) AS oldest_queued_at
      FROM "ChatSession" s
      WHERE s."businessId" = ${business}::uuid AND ${which} ${carriesTag(Prisma.sql`s.id`, filter.tagId)}`,
  ]);
  const sessions: QueuedSession[] = rows.map((row) => ({
    id: row.id,
    customer: { id: row.customer_id, name: row.customer_name },
    priority: row.priority,
    queued_at: row.queued_at.toISOString(),
    wait_seconds: row.wait_seconds,
    preview: row.preview,
    handoff_reason: row.handoff_reason,
    tags: toSessionTags(row.tags),
    offline_at: row.offline_at?.toISOString() ?? null,
    held_offline: row.held_offline,
  }));
  return { sessions, summary };
}

/** The queue in the order agents should take it, and beside it the offline messages waiting for the desk to open. */
export async function loadWaitingQueue(db: PrismaClient, scope: BusinessScope, now: Date, filter: SessionListFilter = {}): Promise<WaitingQueue> {
  const asOf = utcTimestamp(now);
  const [queue, offline] = await Promise.all([loadWaiting(db, scope.businessId, asOf, inQueueSql("s"), filter), loadWaiting(db, scope.businessId, asOf, heldOfflineSql("s"), filter)]);
  return {
    sessions: queue.sessions,
    total: queue.summary.total,
    longest_wait_seconds: queue.summary.longest_wait_seconds,
    oldest_queued_at: queue.summary.oldest_queued_at?.toISOString() ?? null,
    offline: offline.sessions,
    offline_total: offline.summary.total,
  };
}
