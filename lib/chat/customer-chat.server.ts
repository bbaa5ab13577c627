import { findChatBusiness } from "./business-lookup.server";
import { verifiedExternalId } from "../identity/user-hash.server";
import { randomUUID } from "node:crypto";
import { Prisma } from "../db/generated/client";
import { queryPrepared, type PrismaClient } from "../db/prisma-client.server";
import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import { AppError, notFound } from "../errors/app-error";
import type { ChatInitBody, ChatMessageWire, CustomerSessionStatus, CustomerSessionView } from "../contract/customer-chat";
import { isEnded, type SessionStatusName, type StaffSession } from "../contract/staff";
import { firstTurnStatus } from "./first-turn.server";
import { closedDesk } from "../hours/desk.server";
import { loadQueuePositions } from "./queue-positions.server";
import { appendMessage, transitionSession, type NewAttachment, type NewMessage, type SessionChange } from "./session-store.server";
import { hashSessionToken, newSessionToken } from "./session-token.server";
import { customerOffline, inReadingOrder, latestMessages, toMessageWire } from "./wire.server";

/** The session a customer's token opened; everything a customer does is scoped to it. */
export interface CustomerSessionRef {
  sessionId: string;
  businessId: string;
  status: SessionStatusName;
}

/** Which session of which business (the status is read where it is needed). */
type SessionOfBusiness = Pick<CustomerSessionRef, "sessionId" | "businessId">;

/** The session a customer writes to: opened by their token (HTTP), or by an authenticated socket's business. */
export type CustomerMessageTarget = Pick<NewMessage, "sessionId" | "scope">;

/** A token that does not open this session answers like a session that does not exist. */
export async function authenticateCustomer(db: PrismaClient, token: string, sessionId?: string): Promise<CustomerSessionRef> {
  const session = await db.chatSession.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    select: { id: true, businessId: true, status: true },
  });
  if (!session || (sessionId !== undefined && session.id !== sessionId)) throw notFound("Chat session");
  return { sessionId: session.id, businessId: session.businessId, status: session.status };
}

export interface StartedChat {
  sessionId: string;
  token: string;
  status: SessionStatusName;
  change: SessionChange;
  /** The assistant task for the first message, when the assistant takes the chat. */
  taskId: string | null;
  /** The customer's external_id was proven by its user_hash: the chat joined their history. */
  verified: boolean;
}

/** Opens a chat for a customer of the business with this slug (customer and first message included, all or nothing). */
export async function startChat(db: PrismaClient, input: ChatInitBody, now = new Date()): Promise<StartedChat> {
  // The slug (DESIGN §5); a business id is accepted too, for integrations that only store ids.
  const business = await findChatBusiness(db, input.business);
  if (!business) throw notFound("Business");
  const status = firstTurnStatus(business.settings);
  // No assistant to answer and the desk closed: an offline message, out of the queue until the desk opens (docs/decisions/022).
  const offline = status === "WAITING" && (await closedDesk(db, business, now)) !== null;
  const { token, hash } = newSessionToken();
  const customer = input.customer ?? {};
  // Only a proven external_id names a returning customer; any other claim opens an anonymous one,
  // never attached to the history of whoever has that external_id (docs/integrations.md).
  const externalId = verifiedExternalId(business.identitySecret, customer);
  const sessionId = randomUUID();
  const first = input.message ? { id: randomUUID(), taskId: status === "BOT" ? randomUUID() : null } : null;
  const at = utcTimestamp(now);
  // A parameter, not a fragment chosen per call: a prepared statement's text must not vary.
  const queuedAt = status === "WAITING" && !offline ? now.toISOString() : null;
  const offlineAt = offline ? now.toISOString() : null;

  // One statement, not an interactive transaction: a burst of new chats costs one round trip each
  // and never holds a pooled connection between statements (under load those queued and timed out).
  const [created] = await queryPrepared<{ customer_id: string; customer_name: string | null; customer_email: string | null; version: number }>(
    db,
    "start-chat",
    Prisma.sql`
    WITH customer AS (
      INSERT INTO "Customer" (id, "businessId", "externalId", name, email, "createdAt")
      VALUES (gen_random_uuid(), ${business.id}::uuid, ${externalId}, ${customer.name ?? null}, ${customer.email ?? null}, ${at})
      -- A returning verified customer (external_id) keeps one row; only what was sent is updated.
      -- An anonymous one (NULL) never conflicts: a new row each time.
      ON CONFLICT ("businessId", "externalId") DO UPDATE
        SET name = coalesce(EXCLUDED.name, "Customer".name), email = coalesce(EXCLUDED.email, "Customer".email)
      RETURNING id, name, email
    ), session AS (
      INSERT INTO "ChatSession" (id, "businessId", "customerId", status, "tokenHash", "createdAt", "lastMessageAt", "queuedAt", "offlineAt")
      SELECT ${sessionId}::uuid, ${business.id}::uuid, c.id, ${status}::"SessionStatus", ${hash}, ${at}, ${at}, (${queuedAt}::timestamptz AT TIME ZONE 'UTC'), (${offlineAt}::timestamptz AT TIME ZONE 'UTC')
      FROM customer c
      RETURNING id
    ), message AS (
      INSERT INTO "ChatMessage" (id, "businessId", "sessionId", author, body, "createdAt")
      SELECT ${first?.id ?? null}::uuid, ${business.id}::uuid, s.id, 'CUSTOMER'::"MessageAuthor", ${input.message ?? null}, ${at}
      FROM session s WHERE ${first?.id ?? null}::uuid IS NOT NULL
      RETURNING id
    ), task AS (
      -- While the assistant has the chat, the first message gets its answering task with it.
      INSERT INTO "AssistantTask" (id, "businessId", "sessionId", "messageId", status, "updatedAt")
      SELECT ${first?.taskId ?? null}::uuid, ${business.id}::uuid, ${sessionId}::uuid, m.id, 'PENDING'::"TaskStatus", ${at}
      FROM message m WHERE ${first?.taskId ?? null}::uuid IS NOT NULL
      RETURNING id
    )
    SELECT c.id AS customer_id, c.name AS customer_name, c.email AS customer_email,
           nextval('dashboard_version_seq')::float8 AS version
    FROM customer c`,
  );
  const createdAt = now.toISOString();
  const message: ChatMessageWire | null =
    first && input.message ? { id: first.id, session_id: sessionId, author: "CUSTOMER", agent: null, body: input.message, client_message_id: null, created_at: createdAt, attachment: null } : null;
  const session: StaffSession = {
    id: sessionId,
    status,
    priority: 0,
    customer: { id: created.customer_id, name: created.customer_name, email: created.customer_email },
    agent: null,
    created_at: createdAt,
    queued_at: queuedAt,
    assigned_at: null,
    first_response_at: null,
    closed_at: null,
    last_message_at: createdAt,
    handoff_reason: null,
    handoff_summary: null,
    tags: [],
    offline_at: offlineAt,
  };
  const change: SessionChange = { businessId: business.id, reason: "created", version: created.version, session, previousStatus: null, previousQueued: false, previousAgentId: null, message };
  return { sessionId, token, status, change, taskId: first?.taskId ?? null, verified: externalId !== null };
}

/** A customer's message (text, or a file already in the store); a repeated client_message_id returns the first one and changes nothing. */
export async function postCustomerMessage(db: PrismaClient, target: CustomerMessageTarget, body: string, clientMessageId: string, attachment?: NewAttachment) {
  return appendMessage(db, { ...target, author: "CUSTOMER", body, clientMessageId, attachment });
}

/** The columns of the customer's status line. */
const customerStatusSelect = {
  status: true,
  queuedAt: true,
  offlineAt: true,
  assignedAgent: { select: { displayName: true } },
  customer: { select: { email: true } },
} as const;

/** What the customer page shows at the top: status, the agent's name, the queue place, an offline message's state. */
export async function loadCustomerStatus(db: PrismaClient, ref: SessionOfBusiness): Promise<CustomerSessionStatus> {
  const session = await db.chatSession.findFirstOrThrow({ where: { id: ref.sessionId, businessId: ref.businessId }, select: customerStatusSelect });
  return customerStatus(db, ref, session);
}

async function customerStatus(
  db: PrismaClient,
  ref: SessionOfBusiness,
  session: { status: SessionStatusName; queuedAt: Date | null; offlineAt: Date | null; assignedAgent: { displayName: string } | null; customer: { email: string | null } },
): Promise<CustomerSessionStatus> {
  const offline = customerOffline({ status: session.status, offline_at: session.offlineAt?.toISOString() ?? null, queued_at: session.queuedAt?.toISOString() ?? null, customer: session.customer });
  return {
    session_id: ref.sessionId,
    status: session.status,
    agent: session.assignedAgent && session.status === "ACTIVE" ? { display_name: session.assignedAgent.displayName } : null,
    queue: session.status === "WAITING" && !offline ? ((await loadQueuePositions(db, ref.businessId)).get(ref.sessionId) ?? null) : null,
    offline,
  };
}

/** The customer's own view: status, the agent's name, queue place, every message, the rating. */
export async function loadCustomerView(db: PrismaClient, ref: CustomerSessionRef): Promise<CustomerSessionView> {
  const session = await db.chatSession.findFirstOrThrow({
    where: { id: ref.sessionId, businessId: ref.businessId },
    select: {
      ...customerStatusSelect,
      id: true,
      createdAt: true,
      closedAt: true,
      business: { select: { slug: true, name: true } },
      rating: { select: { score: true, comment: true } },
      messages: latestMessages,
    },
  });
  return {
    ...(await customerStatus(db, ref, session)),
    business: session.business,
    messages: inReadingOrder(session.messages, toMessageWire),
    rating: session.rating,
    created_at: session.createdAt.toISOString(),
    closed_at: session.closedAt?.toISOString() ?? null,
  };
}

/**
 * The email the customer leaves for an offline message (or any open chat): stored on their
 * customer record, where staff see it. Answers with the chat's status as the customer sees it.
 */
export async function setCustomerEmail(db: PrismaClient, ref: CustomerSessionRef, email: string): Promise<CustomerSessionStatus> {
  const session = await db.chatSession.findFirstOrThrow({ where: { id: ref.sessionId, businessId: ref.businessId }, select: { customerId: true, status: true } });
  if (isEnded(session.status)) throw new AppError("conflict", "This chat has ended; start a new one.");
  await db.customer.updateMany({ where: { id: session.customerId, businessId: ref.businessId }, data: { email } });
  return loadCustomerStatus(db, ref);
}

/** How a chat ends when its customer leaves: abandoned while it waited for a person, otherwise closed. */
export const endedByCustomer = (status: SessionStatusName) => (status === "WAITING" ? ({ status: "ABANDONED", reason: "abandoned" } as const) : ({ status: "CLOSED", reason: "closed" } as const));

/**
 * The customer ends the chat (endedByCustomer, decided on the locked row). Ending an ended chat
 * changes nothing (the client may retry).
 */
export async function endChatByCustomer(db: PrismaClient, ref: CustomerSessionRef, now = new Date()): Promise<SessionChange | null> {
  if (isEnded(ref.status)) return null;
  return transitionSession(db, {
    businessId: ref.businessId,
    sessionId: ref.sessionId,
    reason: (current) => endedByCustomer(current.status).reason,
    async apply(_tx, current) {
      if (isEnded(current.status)) throw new AppError("conflict", "This chat has already ended.");
      return { status: endedByCustomer(current.status).status, closedAt: now, customerLeftAt: now };
    },
  }).catch((error: unknown) => {
    // Ended by someone else in the meantime: the customer's goal is met.
    if (error instanceof AppError && error.code === "conflict") return null;
    throw error;
  });
}

/**
 * A 1–5 rating once the chat has ended (closed, or left while waiting: how the wait felt counts
 * too); the same rating again is accepted, a different one is a conflict.
 */
export async function rateChat(db: PrismaClient, ref: CustomerSessionRef, score: number, comment: string | undefined): Promise<SessionChange | null> {
  const normalizedComment = comment ? comment : null;
  const existing = await db.satisfactionRating.findUnique({ where: { sessionId: ref.sessionId }, select: { score: true, comment: true } });
  if (existing) {
    if (existing.score === score && existing.comment === normalizedComment) return null;
    throw new AppError("conflict", "This chat has already been rated.");
  }
  return transitionSession(db, {
    businessId: ref.businessId,
    sessionId: ref.sessionId,
    reason: "rated",
    async apply(tx, current) {
      if (!isEnded(current.status)) throw new AppError("conflict", "A chat can be rated once it has ended.");
      await tx.satisfactionRating.create({ data: { businessId: ref.businessId, sessionId: ref.sessionId, score, comment: normalizedComment } });
      return {};
    },
  }).catch((error: unknown) => {
    // A concurrent identical request won the unique index.
    if (error instanceof Error && "code" in error && error.code === "P2002") throw new AppError("conflict", "This chat has already been rated.");
    throw error;
  });
}
