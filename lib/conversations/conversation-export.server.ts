/**
 * The CSV export of the filtered conversations (OWNER/ADMIN): one row per conversation, streamed.
 * The rows are read in keyset batches only as fast as the client takes them (ReadableStream pull),
 * so 100k conversations never sit in memory and a slow download holds no database connection
 * between batches. The export is audit-logged before its first byte, with the filters and the
 * number of rows it will have: it covers the conversations created up to the moment it started.
 */
import type { ConversationExportFilter } from "../contract/conversations";
import type { SessionStatusName } from "../contract/staff";
import type { Role } from "../db/generated/enums";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import { Prisma } from "../db/generated/client";
import { filterConditions, matchingSessions, matchingSessionsSql, outcomeOf, utc, type SessionKey } from "./conversation-list.server";
import { csvRow, type CsvValue } from "./csv";

/** Who may export conversations and download transcripts (DESIGN §9: exports are an admin's). */
export const EXPORT_ROLES: readonly Role[] = ["OWNER", "ADMIN"];
export const EXPORT_BATCH_SIZE = 500;

export const EXPORT_COLUMNS = [
  "conversation_id",
  "status",
  "customer_id",
  "customer_external_id",
  "customer_name",
  "customer_email",
  "agents",
  "assigned_agent",
  "tags",
  "created_at",
  "queued_at",
  "assigned_at",
  "first_response_at",
  "closed_at",
  "wait_seconds",
  "first_response_seconds",
  "customer_messages",
  "assistant_messages",
  "agent_messages",
  "system_messages",
  "outcome",
  "handoff_reason",
  "csat_score",
  "csat_comment",
] as const;

interface ExportRow {
  id: string;
  status: SessionStatusName;
  customer_id: string;
  customer_external_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  assigned_agent: string | null;
  replied_agents: string[] | null;
  tags: string | null;
  created_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  customer_messages: number;
  assistant_messages: number;
  agent_messages: number;
  system_messages: number;
  handoff_reason: string | null;
  score: number | null;
  comment: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const secondsBetween = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null);

function toCsvValues(row: ExportRow): CsvValue[] {
  const agents = [...new Set([...(row.replied_agents ?? []), ...(row.assigned_agent ? [row.assigned_agent] : [])])].sort();
  return [
    row.id,
    row.status,
    row.customer_id,
    row.customer_external_id,
    row.customer_name,
    row.customer_email,
    agents.join("; "),
    row.assigned_agent,
    row.tags,
    iso(row.created_at),
    iso(row.queued_at),
    iso(row.assigned_at),
    iso(row.first_response_at),
    iso(row.closed_at),
    // In the queue until a person took it, or until it ended without one (abandoned).
    secondsBetween(row.queued_at, row.assigned_at ?? row.closed_at),
    secondsBetween(row.assigned_at, row.first_response_at),
    row.customer_messages,
    row.assistant_messages,
    row.agent_messages,
    row.system_messages,
    outcomeOf(row),
    row.handoff_reason,
    row.score,
    row.comment,
  ];
}

/** The export columns of one batch of sessions, newest first. */
async function loadExportRows(db: PrismaClient, scope: BusinessScope, ids: string[]): Promise<ExportRow[]> {
  return db.$queryRaw<ExportRow[]>`
    SELECT s.id, s.status::text AS status, c.id AS customer_id, c."externalId" AS customer_external_id, c.name AS customer_name, c.email AS customer_email,
      a."displayName" AS assigned_agent, mc.replied_agents,
      (SELECT string_agg(t.name, '; ' ORDER BY t.name) FROM "SessionTag" st JOIN "Tag" t ON t.id = st."tagId" WHERE st."sessionId" = s.id) AS tags,
      ${utc('s."createdAt"')} AS created_at, ${utc('s."queuedAt"')} AS queued_at, ${utc('s."assignedAt"')} AS assigned_at,
      ${utc('s."firstResponseAt"')} AS first_response_at, ${utc('s."closedAt"')} AS closed_at,
      mc.customer_messages, mc.assistant_messages, mc.agent_messages, mc.system_messages,
      s."handoffReason" AS handoff_reason, r.score, r.comment
    FROM "ChatSession" s
    JOIN "Customer" c ON c.id = s."customerId"
    LEFT JOIN "Agent" a ON a.id = s."assignedAgentId"
    LEFT JOIN "SatisfactionRating" r ON r."sessionId" = s.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE m.author = 'CUSTOMER')::int AS customer_messages,
             count(*) FILTER (WHERE m.author = 'ASSISTANT')::int AS assistant_messages,
             count(*) FILTER (WHERE m.author = 'AGENT')::int AS agent_messages,
             count(*) FILTER (WHERE m.author = 'SYSTEM')::int AS system_messages,
             array_agg(DISTINCT ag."displayName") FILTER (WHERE ag.id IS NOT NULL) AS replied_agents
      FROM "ChatMessage" m LEFT JOIN "Agent" ag ON ag.id = m."agentId" AND m.author = 'AGENT'
      WHERE m."sessionId" = s.id
    ) mc
    WHERE s."businessId" = ${scope.businessId}::uuid AND s.id = ANY(${ids}::uuid[])
    ORDER BY s."createdAt" DESC, s.id DESC`;
}

export interface ConversationExport {
  filename: string;
  rowCount: number;
  body: ReadableStream<Uint8Array>;
}

/**
 * Counts and audit-logs the export, then hands back its CSV as a stream that reads the next batch
 * only when the previous one has been taken.
 */
export async function startConversationExport(db: PrismaClient, actor: BusinessScope & { userId: string }, filter: ConversationExportFilter, now = new Date()): Promise<ConversationExport> {
  const business = await db.business.findUnique({ where: { id: actor.businessId }, select: { slug: true } });
  if (!business) throw notFound("Business");
  const conditions = await filterConditions(db, actor, filter);
  const [counted] = conditions
    ? await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM (${matchingSessionsSql(conditions, { asOf: now, limit: 2 ** 31 - 1 })}) matching`
    : [{ count: 0 }];
  await db.auditLog.create({
    data: {
      businessId: actor.businessId,
      actorUserId: actor.userId,
      action: "conversations.exported",
      target: actor.businessId,
      meta: { filters: filter as Prisma.InputJsonObject, row_count: counted.count, as_of: now.toISOString() },
    },
  });

  const encoder = new TextEncoder();
  let after: SessionKey | null = null;
  let headerSent = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvRow(EXPORT_COLUMNS)));
          return;
        }
        const keys = conditions ? await matchingSessions(db, conditions, { asOf: now, after, limit: EXPORT_BATCH_SIZE }) : [];
        if (keys.length === 0) {
          controller.close();
          return;
        }
        after = keys[keys.length - 1];
        const rows = await loadExportRows(
          db,
          actor,
          keys.map((key) => key.id),
        );
        controller.enqueue(encoder.encode(rows.map((row) => csvRow(toCsvValues(row))).join("")));
      },
    },
    // One batch at a time: the next is read when the client has taken this one.
    { highWaterMark: 1 },
  );
  return { filename: `conversations-${business.slug}-${now.toISOString().slice(0, 10)}.csv`, rowCount: counted.count, body };
}
