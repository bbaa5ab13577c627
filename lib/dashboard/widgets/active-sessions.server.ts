import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";
import type { ActiveSessions } from "../../contract/widgets";
import { Prisma } from "../../db/generated/client";
import { toSessionTags } from "../../contract/tags";
import { carriesTag, sessionTagsJson } from "./session-tags-sql.server";
import type { SessionListFilter } from "./session-list-filter";

const PAGE_SIZE = 100;

interface ActiveSessionRow {
  id: string;
  priority: number;
  started_at: Date;
  last_message_at: Date;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  agent_id: string | null;
  agent_display_name: string | null;
  message_count: number;
  tags: { tag: { id: string; name: string; color: string } }[];
}

/** Sessions being handled by a person right now, most recently active first (only those with `filter.tagId`, when given). */
export async function loadActiveSessions(db: PrismaClient, scope: BusinessScope, _now?: Date, filter: SessionListFilter = {}): Promise<ActiveSessions> {
  const business = scope.businessId;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<ActiveSessionRow[]>`
      WITH page AS (
        SELECT s.id, s.priority, s."customerId", s."assignedAgentId",
               coalesce(s."assignedAt", s."createdAt") AS started_at, s."lastMessageAt" AS last_message_at
        FROM "ChatSession" s
        WHERE s."businessId" = ${business}::uuid AND s.status = 'ACTIVE'::"SessionStatus" ${carriesTag(Prisma.sql`s.id`, filter.tagId)}
        ORDER BY s."lastMessageAt" DESC, s.id
        LIMIT ${PAGE_SIZE}::int
      )
      SELECT p.id, p.priority, p.started_at, p.last_message_at,
             c.id AS customer_id, c.name AS customer_name, c.email AS customer_email,
             a.id AS agent_id, a."displayName" AS agent_display_name,
             (SELECT count(*)::int FROM "ChatMessage" m WHERE m."sessionId" = p.id AND m."businessId" = ${business}::uuid) AS message_count,
             ${sessionTagsJson(Prisma.sql`p.id`)} AS tags
      FROM page p
      JOIN "Customer" c ON c.id = p."customerId" AND c."businessId" = ${business}::uuid
      LEFT JOIN "Agent" a ON a.id = p."assignedAgentId" AND a."businessId" = ${business}::uuid
      ORDER BY p.last_message_at DESC, p.id`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM "ChatSession" s
      WHERE s."businessId" = ${business}::uuid AND s.status = 'ACTIVE'::"SessionStatus" ${carriesTag(Prisma.sql`s.id`, filter.tagId)}`,
  ]);
  return {
    sessions: rows.map((row) => ({
      id: row.id,
      customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
      agent: row.agent_id === null ? null : { id: row.agent_id, display_name: row.agent_display_name ?? "" },
      started_at: row.started_at.toISOString(),
      last_message_at: row.last_message_at.toISOString(),
      message_count: row.message_count,
      priority: row.priority,
      tags: toSessionTags(row.tags),
    })),
    total,
  };
}
