import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { PAST_CONVERSATIONS_LIMIT, type ChatHistoryBody, type ChatHistoryResponse } from "../contract/identity";
import { verifiedExternalId } from "../identity/user-hash.server";
import { findChatBusiness } from "./business-lookup.server";
import { inReadingOrder, latestMessages, toMessageWire } from "./wire.server";

/**
 * A verified customer's latest chats with the business (their messages only: private notes live
 * apart, docs/decisions/015), on any device. A claim the business's secret does not prove reads
 * nothing: 403, the same whether the external_id exists or not.
 */
export async function loadPastConversations(db: PrismaClient, input: ChatHistoryBody): Promise<ChatHistoryResponse> {
  const business = await findChatBusiness(db, input.business);
  if (!business) throw notFound("Business");
  const externalId = verifiedExternalId(business.identitySecret, input.customer);
  if (externalId === null) throw new AppError("forbidden", "The customer's identity could not be verified (user_hash).");
  const sessions = await db.chatSession.findMany({
    where: { businessId: business.id, customer: { businessId: business.id, externalId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAST_CONVERSATIONS_LIMIT,
    select: { id: true, status: true, createdAt: true, closedAt: true, messages: latestMessages },
  });
  return {
    conversations: sessions.map((session) => ({
      session_id: session.id,
      status: session.status,
      created_at: session.createdAt.toISOString(),
      closed_at: session.closedAt?.toISOString() ?? null,
      messages: inReadingOrder(session.messages, toMessageWire),
    })),
  };
}
