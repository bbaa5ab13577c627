import { Prisma } from "../db/generated/client";
import { queryPrepared, utcInstant, type DbClient, type PrismaClient } from "../db/prisma-client.server";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import { AppError, notFound } from "../errors/app-error";
import type { ChatMessageWire, MessageAuthorName } from "../contract/customer-chat";
import { ENDED_STATUSES, isEnded, isQueued, type SessionChangeReason, type SessionStatusName, type StaffSession } from "../contract/staff";
import { toSessionTags } from "../contract/tags";
import { messageSelect, staffSessionSelect, toMessageWire, toStaffSession } from "./wire.server";
import { toAttachmentWire } from "./attachment-wire.server";
import { IN_QUEUE } from "../dashboard/queue-sql.server";

/**
 * Every change to a chat session, as the fan-out needs it. `version` is taken while the session
 * row is still locked, so two changes of one session carry versions in commit order.
 */
export interface SessionChange {
  businessId: string;
  reason: SessionChangeReason;
  version: number;
  session: StaffSession;
  /** The status before the change; null for a session just created. */
  previousStatus: SessionStatusName | null;
  /** It was in the queue before the change (waiting, not held offline): entering or leaving the queue is what staff see move. */
  previousQueued: boolean;
  previousAgentId: string | null;
  message: ChatMessageWire | null;
}

export interface LockedSession {
  id: string;
  status: SessionStatusName;
  assignedAgentId: string | null;
  /** In the queue (isQueued): waiting and not held offline. */
  queued: boolean;
}

export interface LockedAgent {
  id: string;
  kind: "HUMAN" | "ASSISTANT";
  status: "ONLINE" | "AWAY" | "OFFLINE";
  capacity: number;
  displayName: string;
  userId: string | null;
}

/** Locks an agent row of the business (FOR UPDATE): assignments to one agent are serialised, so capacity holds. */
export async function lockAgent(tx: DbClient, businessId: string, agentId: string): Promise<LockedAgent | null> {
  const [agent] = await tx.$queryRaw<LockedAgent[]>`
    SELECT id, kind::text AS kind, status::text AS status, capacity, "displayName", "userId"
    FROM "Agent" WHERE id = ${agentId}::uuid AND "businessId" = ${businessId}::uuid FOR UPDATE`;
  return agent ?? null;
}

/** Chats a person holds now (their load, compared with capacity). */
export async function activeLoad(tx: DbClient, businessId: string, agentId: string): Promise<number> {
  return tx.chatSession.count({ where: { businessId, assignedAgentId: agentId, status: "ACTIVE" } });
}

export interface SessionTransition {
  businessId: string;
  sessionId: string;
  /** Or decided from the locked row, when it depends on the state the change starts from. */
  reason: SessionChangeReason | ((current: LockedSession) => SessionChangeReason);
  /**
   * Decides the update from the locked row (and may do more writes in the same transaction, e.g.
   * an audit entry); throws an AppError to refuse. Runs with the session row locked.
   */
  apply(tx: DbClient, current: LockedSession): Promise<Prisma.ChatSessionUncheckedUpdateInput>;
}

/** One state change of one session, atomically: lock, decide, write, take a version. */
export async function transitionSession(db: PrismaClient, transition: SessionTransition): Promise<SessionChange> {
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<LockedSession[]>`
      SELECT id, status::text AS status, "assignedAgentId", ${IN_QUEUE} AS queued FROM "ChatSession"
      WHERE id = ${transition.sessionId}::uuid AND "businessId" = ${transition.businessId}::uuid FOR UPDATE`;
    if (!current) throw notFound("Chat session");
    const data = await transition.apply(tx, current);
    const row = await tx.chatSession.update({ where: { id: current.id }, data, select: staffSessionSelect });
    const version = await nextDashboardVersion(tx);
    return {
      businessId: transition.businessId,
      reason: typeof transition.reason === "function" ? transition.reason(current) : transition.reason,
      version,
      session: toStaffSession(row),
      previousStatus: current.status,
      previousQueued: current.queued,
      previousAgentId: current.assignedAgentId,
      message: null,
    };
  });
}

/** Thrown by a transition's apply() when, with the row locked, the change no longer applies. */
export class NothingToDo extends Error {}

/** A transition that may have become moot: rolled back and null (nothing to publish) when apply() says so. */
export async function transitionIfStillApplicable(db: PrismaClient, transition: SessionTransition): Promise<SessionChange | null> {
  return transitionSession(db, transition).catch((error: unknown) => {
    if (error instanceof NothingToDo) return null;
    throw error;
  });
}

export interface NewMessage {
  /** Unset = a new random id; the assistant's answer takes its task's id (one answer per task). */
  id?: string;
  sessionId: string;
  /** Which sessions may be written: of this business (staff, server), or the one this customer token opens. */
  scope: { businessId: string } | { tokenHash: string };
  author: MessageAuthorName;
  /** The writing agent (AGENT messages). */
  agent?: { id: string; display_name: string } | null;
  body: string;
  clientMessageId?: string | null;
  /** A file this message sends (already in the file store): its row is written with the message, or not at all. */
  attachment?: NewAttachment;
  now?: Date;
}

export interface NewAttachment {
  id: string;
  storageKey: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}

export type AppendedMessage =
  /** taskId: the assistant task created for a customer message while the assistant has the chat. */
  | { created: true; message: ChatMessageWire; change: SessionChange; taskId: string | null }
  /** client_message_id was seen before: the stored message, nothing new written or pushed. */
  | { created: false; message: ChatMessageWire; change: null; taskId: null };

interface AppendRow {
  target_status: SessionStatusName;
  business_id: string;
  message_id: string | null;
  message_created_at: Date | null;
  version: number | null;
  id: string | null;
  status: SessionStatusName | null;
  priority: number;
  created_at: Date;
  queued_at: Date | null;
  assigned_at: Date | null;
  first_response_at: Date | null;
  closed_at: Date | null;
  last_message_at: Date;
  handoff_reason: string | null;
  handoff_summary: string | null;
  offline_at: Date | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string | null;
  agent_id: string | null;
  agent_name: string | null;
  task_id: string | null;
  tags: { tag: { id: string; name: string; color: string } }[];
}

// Literal SQL (not parameters): part of the prepared hot statement's text.
const ENDED_STATUS_ARRAY = Prisma.raw(`ARRAY[${ENDED_STATUSES.map((status) => `'${status}'`).join(", ")}]::"SessionStatus"[]`);

/**
 * Stores a message, touches its session and reads back what the fan-out needs, in one statement:
 * the hot path of the product (a customer message costs one round trip, checks included). The
 * session must be open; a repeated (session, client_message_id) stores nothing. A customer message
 * while the assistant has the chat (BOT) also gets its AssistantTask here, in the same
 * statement: no message is stored without the task that answers it. Throws not_found
 * when the scope does not open the session and conflict when the chat has ended.
 */
export async function appendMessage(db: DbClient, input: NewMessage): Promise<AppendedMessage> {
  const now = utcTimestamp(input.now ?? new Date());
  const { attachment } = input;
  const byToken = "tokenHash" in input.scope;
  const opens = "tokenHash" in input.scope ? Prisma.sql`"tokenHash" = ${input.scope.tokenHash}` : Prisma.sql`"businessId" = ${input.scope.businessId}::uuid`;
  const [row] = await queryPrepared<AppendRow>(
    db,
    byToken ? "append-message-by-token" : "append-message-by-business",
    Prisma.sql`
    WITH target AS (
      SELECT id, "businessId", status FROM "ChatSession" WHERE id = ${input.sessionId}::uuid AND ${opens}
    ), inserted AS (
      INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, "agentId", body, "clientMessageId", "createdAt")
      SELECT coalesce(${input.id ?? null}::uuid, gen_random_uuid()), t."businessId", t.id, ${input.author}::"MessageAuthor", ${input.agent?.id ?? null}::uuid, ${input.body}, ${input.clientMessageId ?? null}, ${now}
      FROM target t WHERE t.status <> ALL(${ENDED_STATUS_ARRAY})
      ON CONFLICT ("sessionId", "clientMessageId") DO NOTHING
      RETURNING id, "createdAt", "sessionId"
    ), touched AS (
      UPDATE "ChatSession" s
      SET "lastMessageAt" = i."createdAt",
          "firstResponseAt" = CASE WHEN ${input.author} = 'AGENT' THEN coalesce(s."firstResponseAt", i."createdAt") ELSE s."firstResponseAt" END
      FROM inserted i
      WHERE s.id = i."sessionId"
      RETURNING s.*, nextval('dashboard_version_seq')::float8 AS version
    ), task AS (
      INSERT INTO "AssistantTask" (id, "businessId", "sessionId", "messageId", status, "updatedAt")
      SELECT gen_random_uuid(), t."businessId", t.id, i.id, 'PENDING', i."createdAt"
      FROM inserted i CROSS JOIN target t
      WHERE t.status = 'BOT' AND ${input.author} = 'CUSTOMER'
      RETURNING id
    ), attached AS (
      INSERT INTO "Attachment" (id, "businessId", "messageId", "storageKey", "fileName", "contentType", "byteSize", sha256, "createdAt")
      SELECT ${attachment?.id ?? null}::uuid, t."businessId", i.id, ${attachment?.storageKey ?? null}, ${attachment?.fileName ?? null}, ${attachment?.contentType ?? null},
             ${attachment?.byteSize ?? null}::int, ${attachment?.sha256 ?? null}, i."createdAt"
      FROM inserted i CROSS JOIN target t
      WHERE ${attachment?.id ?? null}::uuid IS NOT NULL
      RETURNING id
    )
    SELECT t.status::text AS target_status, t."businessId" AS business_id,
           i.id AS message_id, ${utcInstant('i."createdAt"')} AS message_created_at, u.version,
           u.id, u.status::text AS status, u.priority, ${utcInstant('u."createdAt"')} AS created_at, ${utcInstant('u."queuedAt"')} AS queued_at,
           ${utcInstant('u."assignedAt"')} AS assigned_at, ${utcInstant('u."firstResponseAt"')} AS first_response_at, ${utcInstant('u."closedAt"')} AS closed_at,
           ${utcInstant('u."lastMessageAt"')} AS last_message_at, u."handoffReason" AS handoff_reason, u."handoffSummary" AS handoff_summary, ${utcInstant('u."offlineAt"')} AS offline_at,
           c.id AS customer_id, c.name AS customer_name, c.email AS customer_email,
           a.id AS agent_id, a."displayName" AS agent_name, k.id AS task_id,
           coalesce((SELECT json_agg(json_build_object('tag', json_build_object('id', g.id, 'name', g.name, 'color', g.color)))
                     FROM "SessionTag" st JOIN "Tag" g ON g.id = st."tagId" WHERE st."sessionId" = u.id), '[]'::json) AS tags
    FROM target t
    LEFT JOIN inserted i ON true
    LEFT JOIN task k ON true
    LEFT JOIN touched u ON true
    LEFT JOIN "Customer" c ON c.id = u."customerId"
    LEFT JOIN "Agent" a ON a.id = u."assignedAgentId"`,
  );
  if (!row) throw notFound("Chat session");
  if (!row.message_id) {
    if (isEnded(row.target_status)) {
      // A retry of a message stored before the chat ended still gets its stored message.
      const stored = input.clientMessageId ? await findStoredMessage(db, row.business_id, input.sessionId, input.clientMessageId) : null;
      if (stored) return { created: false, message: stored, change: null, taskId: null };
      throw new AppError("conflict", "This chat has ended; start a new one.");
    }
    const stored = await findStoredMessage(db, row.business_id, input.sessionId, input.clientMessageId ?? "");
    if (!stored) throw new AppError("conflict", "The message could not be stored; try again.");
    return { created: false, message: stored, change: null, taskId: null };
  }
  const message: ChatMessageWire = {
    id: row.message_id,
    session_id: input.sessionId,
    author: input.author,
    agent: input.agent ?? null,
    body: input.body,
    client_message_id: input.clientMessageId ?? null,
    created_at: row.message_created_at!.toISOString(),
    attachment: attachment ? toAttachmentWire(attachment) : null,
  };
  const session: StaffSession = {
    id: row.id!,
    status: row.status!,
    priority: row.priority,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    agent: row.agent_id ? { id: row.agent_id, display_name: row.agent_name! } : null,
    created_at: row.created_at.toISOString(),
    queued_at: row.queued_at?.toISOString() ?? null,
    assigned_at: row.assigned_at?.toISOString() ?? null,
    first_response_at: row.first_response_at?.toISOString() ?? null,
    closed_at: row.closed_at?.toISOString() ?? null,
    last_message_at: row.last_message_at.toISOString(),
    handoff_reason: row.handoff_reason,
    handoff_summary: row.handoff_summary,
    tags: toSessionTags(row.tags),
    offline_at: row.offline_at?.toISOString() ?? null,
  };
  return {
    created: true,
    message,
    taskId: row.task_id,
    change: {
      businessId: row.business_id,
      reason: "message",
      version: row.version!,
      session,
      previousStatus: session.status,
      previousQueued: isQueued(session),
      previousAgentId: row.agent_id,
      message,
    },
  };
}

async function findStoredMessage(db: DbClient, businessId: string, sessionId: string, clientMessageId: string): Promise<ChatMessageWire | null> {
  const stored = await db.chatMessage.findFirst({ where: { businessId, sessionId, clientMessageId }, select: messageSelect });
  return stored ? toMessageWire(stored) : null;
}
