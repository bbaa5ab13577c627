import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import { utcTimestamp } from "../dashboard-clock.server";
import type { WaitingQueue } from "../../contract/widgets";
import { Prisma } from "../../db/generated/client";
import { toSessionTags } from "../../contract/tags";
import { carriesTag, sessionTagsJson } from "./session-tags-sql.server";
import type { SessionListFilter } from "./session-list-filter";

const PAGE_SIZE = 100;
const PREVIEW_LENGTH = 140;

interface QueuedSessionRow {
  id: string;
  priority: number;
  queued_at: Date;
  wait_seconds: number;
  handoff_reason: string | null;
  customer_id: string;
  customer_name: string | null;
  preview: string | null;
  tags: { tag: { id: string; name: string; color: string } }[];
}

/** The queue in the order agents should take it: highest priority first, then longest waiting (only chats with `filter.tagId`, when given). */
export async function loadWaitingQueue(db: PrismaClient, scope: BusinessScope, now: Date, filter: SessionListFilter = {}): Promise<WaitingQueue> {
  const business = scope.businessId;
  const asOf = utcTimestamp(now);
  const [rows, [summary]] = await Promise.all([
    db.$queryRaw<QueuedSessionRow[]>`
      WITH page AS (
        -- queuedAt is set on entering the queue; createdAt only stands in so one bad row cannot break the shape.
        SELECT s.id, s.priority, s."customerId", s."handoffReason", coalesce(s."queuedAt", s."createdAt") AS queued_at
        FROM "ChatSession" s
        WHERE s."businessId" = ${business}::uuid AND s.status = 'WAITING'::"SessionStatus" ${carriesTag(Prisma.sql`s.id`, filter.tagId)}
        ORDER BY s.priority DESC, queued_at ASC, s.id
        LIMIT ${PAGE_SIZE}::int
      )
      SELECT p.id, p.priority, p.queued_at, p."handoffReason" AS handoff_reason,
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
             max(greatest(0, extract(epoch FROM ${asOf} - coalesce("queuedAt", "createdAt"))))::float8 AS longest_wait_seconds,
             min(coalesce("queuedAt", "createdAt")) AS oldest_queued_at
      FROM "ChatSession" s
      WHERE s."businessId" = ${business}::uuid AND s.status = 'WAITING'::"SessionStatus" ${carriesTag(Prisma.sql`s.id`, filter.tagId)}`,
  ]);
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      customer: { id: row.customer_id, name: row.customer_name },
      priority: row.priority,
      queued_at: row.queued_at.toISOString(),
      wait_seconds: row.wait_seconds,
      preview: row.preview,
      handoff_reason: row.handoff_reason,
      tags: toSessionTags(row.tags),
    })),
    total: summary.total,
    longest_wait_seconds: summary.longest_wait_seconds,
    oldest_queued_at: summary.oldest_queued_at?.toISOString() ?? null,
  };
}
