import { withSlugOrFormerSlug } from "../tenancy/businesses.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { AppError, notFound } from "../errors/app-error";
import { isUuid } from "../tenancy/memberships.server";
import type { ChatInitBody, CustomerSessionStatus, CustomerSessionView } from "../contract/customer-chat";
import { isEnded, type SessionStatusName } from "../contract/staff";
import { firstTurnStatus } from "./first-turn.server";
import { loadQueuePositions } from "./queue-positions.server";
import { appendMessage, transitionSession, type NewMessage, type SessionChange } from "./session-store.server";
import { hashSessionToken, newSessionToken } from "./session-token.server";
import { inReadingOrder, latestMessages, staffSessionSelect, toStaffSession } from "./wire.server";

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
}

/** Opens a chat for a customer of the business with this slug (customer and first message included, all or nothing). */
export async function startChat(db: PrismaClient, input: ChatInitBody, now = new Date()): Promise<StartedChat> {
  // The slug (DESIGN §5); a business id is accepted too, for integrations that only store ids.
  const business = await db.business.findFirst({
    where: isUuid(input.business) ? { OR: [withSlugOrFormerSlug(input.business), { id: input.business }] } : withSlugOrFormerSlug(input.business),
    select: { id: true, settings: true },
  });
  if (!business) throw notFound("Business");
  const status = firstTurnStatus(business.settings);
  const { token, hash } = newSessionToken();
  const customer = input.customer ?? {};

  return db.$transaction(async (tx) => {
    const customerRow = customer.external_id
      ? await tx.customer.upsert({
          where: { businessId_externalId: { businessId: business.id, externalId: customer.external_id } },
          create: { businessId: business.id, externalId: customer.external_id, name: customer.name, email: customer.email },
          update: { name: customer.name, email: customer.email },
          select: { id: true },
        })
      : await tx.customer.create({ data: { businessId: business.id, name: customer.name, email: customer.email }, select: { id: true } });
    const session = await tx.chatSession.create({
      data: {
        businessId: business.id,
        customerId: customerRow.id,
        status,
        tokenHash: hash,
        createdAt: now,
        lastMessageAt: now,
        queuedAt: status === "WAITING" ? now : null,
      },
      select: staffSessionSelect,
    });
    const first = input.message ? await appendMessage(tx, { scope: { businessId: business.id }, sessionId: session.id, author: "CUSTOMER", body: input.message, now }) : null;
    const change: SessionChange = first?.change
      ? { ...first.change, reason: "created", previousStatus: null, previousAgentId: null }
      : { businessId: business.id, reason: "created", version: await nextDashboardVersion(tx), session: toStaffSession(session), previousStatus: null, previousAgentId: null, message: null };
    return { sessionId: session.id, token, status, change, taskId: first?.taskId ?? null };
  });
}

/** A customer's message; a repeated client_message_id returns the first one and changes nothing. */
export async function postCustomerMessage(db: PrismaClient, target: CustomerMessageTarget, body: string, clientMessageId: string) {
  return appendMessage(db, { ...target, author: "CUSTOMER", body, clientMessageId });
}

/** What the customer page shows at the top: status, the agent's name, the queue place. */
export async function loadCustomerStatus(db: PrismaClient, ref: SessionOfBusiness): Promise<CustomerSessionStatus> {
  const session = await db.chatSession.findFirstOrThrow({
    where: { id: ref.sessionId, businessId: ref.businessId },
    select: { status: true, assignedAgent: { select: { displayName: true } } },
  });
  return customerStatus(db, ref, session);
}

async function customerStatus(db: PrismaClient, ref: SessionOfBusiness, session: { status: SessionStatusName; assignedAgent: { displayName: string } | null }): Promise<CustomerSessionStatus> {
  return {
    session_id: ref.sessionId,
    status: session.status,
    agent: session.assignedAgent && session.status === "ACTIVE" ? { display_name: session.assignedAgent.displayName } : null,
    queue: session.status === "WAITING" ? ((await loadQueuePositions(db, ref.businessId)).get(ref.sessionId) ?? null) : null,
  };
}

/** The customer's own view: status, the agent's name, queue place, every message, the rating. */
export async function loadCustomerView(db: PrismaClient, ref: CustomerSessionRef): Promise<CustomerSessionView> {
  const session = await db.chatSession.findFirstOrThrow({
    where: { id: ref.sessionId, businessId: ref.businessId },
    select: {
      id: true,
      status: true,
      createdAt: true,
      closedAt: true,
      business: { select: { slug: true, name: true } },
      assignedAgent: { select: { displayName: true } },
      rating: { select: { score: true, comment: true } },
      messages: latestMessages,
    },
  });
  return {
    ...(await customerStatus(db, ref, session)),
    business: session.business,
    messages: inReadingOrder(session.messages),
    rating: session.rating,
    created_at: session.createdAt.toISOString(),
    closed_at: session.closedAt?.toISOString() ?? null,
  };
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
