import type { Prisma } from "../db/generated/client";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import { notFound } from "../errors/app-error";
import type { ChatMessageWire, MessageAuthorName, SessionChangeReason, SessionStatusName, StaffSession } from "./contract";
import { messageSelect, staffSessionSelect, toMessageWire, toStaffSession } from "./wire.server";

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
  previousAgentId: string | null;
  message: ChatMessageWire | null;
}

export interface LockedSession {
  id: string;
  status: SessionStatusName;
  assignedAgentId: string | null;
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
  reason: SessionChangeReason;
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
      SELECT id, status::text AS status, "assignedAgentId" FROM "ChatSession"
      WHERE id = ${transition.sessionId}::uuid AND "businessId" = ${transition.businessId}::uuid FOR UPDATE`;
    if (!current) throw notFound("Chat session");
    const data = await transition.apply(tx, current);
    const row = await tx.chatSession.update({ where: { id: current.id }, data, select: staffSessionSelect });
    const version = await nextDashboardVersion(tx);
    return {
      businessId: transition.businessId,
      reason: transition.reason,
      version,
      session: toStaffSession(row),
      previousStatus: current.status,
      previousAgentId: current.assignedAgentId,
      message: null,
    };
  });
}

export interface NewMessage {
  businessId: string;
  sessionId: string;
  author: MessageAuthorName;
  /** The writing agent (AGENT messages). */
  agent?: { id: string; display_name: string } | null;
  body: string;
  clientMessageId?: string | null;
  now?: Date;
}

export interface AppendedMessage {
  message: ChatMessageWire;
  /** False when client_message_id was seen before: the stored message is returned, nothing new is written. */
  created: boolean;
  version: number;
}

/**
 * Stores a message and touches its session in one statement (atomic without a transaction's
 * round trips: this is the hot path). A repeated (session, client_message_id) stores nothing.
 */
export async function appendMessage(db: DbClient, input: NewMessage): Promise<AppendedMessage> {
  const now = utcTimestamp(input.now ?? new Date());
  const rows = await db.$queryRaw<{ id: string; created_at: Date; version: number }[]>`
    WITH inserted AS (
      INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, "agentId", body, "clientMessageId", "createdAt")
      VALUES (gen_random_uuid(), ${input.businessId}::uuid, ${input.sessionId}::uuid, ${input.author}::"MessageAuthor",
              ${input.agent?.id ?? null}::uuid, ${input.body}, ${input.clientMessageId ?? null}, ${now})
      ON CONFLICT ("sessionId", "clientMessageId") DO NOTHING
      RETURNING id, "createdAt"
    ), touched AS (
      UPDATE "ChatSession" s
      SET "lastMessageAt" = i."createdAt",
          "firstResponseAt" = CASE WHEN ${input.author} = 'AGENT' THEN coalesce(s."firstResponseAt", i."createdAt") ELSE s."firstResponseAt" END
      FROM inserted i
      WHERE s.id = ${input.sessionId}::uuid AND s."businessId" = ${input.businessId}::uuid
      RETURNING nextval('dashboard_version_seq')::float8 AS version
    )
    SELECT i.id, i."createdAt" AS created_at, t.version FROM inserted i CROSS JOIN touched t`;
  if (rows.length === 0) {
    // Only a repeated client_message_id inserts nothing: answer with what was stored the first time.
    const existing = await db.chatMessage.findFirstOrThrow({
      where: { businessId: input.businessId, sessionId: input.sessionId, clientMessageId: input.clientMessageId ?? undefined },
      select: messageSelect,
    });
    return { message: toMessageWire(existing), created: false, version: 0 };
  }
  const [row] = rows;
  return {
    message: {
      id: row.id,
      session_id: input.sessionId,
      author: input.author,
      agent: input.agent ?? null,
      body: input.body,
      client_message_id: input.clientMessageId ?? null,
      created_at: row.created_at.toISOString(),
    },
    created: true,
    version: row.version,
  };
}

/** The fan-out of a newly stored message: it, with its session as it is now. */
export async function messageChange(db: DbClient, businessId: string, appended: AppendedMessage): Promise<SessionChange> {
  const row = await db.chatSession.findUniqueOrThrow({ where: { id: appended.message.session_id }, select: staffSessionSelect });
  return {
    businessId,
    reason: "message",
    version: appended.version,
    session: toStaffSession(row),
    previousStatus: row.status,
    previousAgentId: row.assignedAgent?.id ?? null,
    message: appended.message,
  };
}
