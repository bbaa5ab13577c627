import type { PrismaClient } from "../../db/prisma-client.server";
import type { BusinessScope } from "../../tenancy/memberships.server";

const CONVERSATION_TTL_MS = 60 * 60 * 1000;

/** The llm phase: a fresh "ask about your dashboard" session for this admin and business. */
export async function openDashboardAssistantSession(db: PrismaClient, input: BusinessScope & { userId: string }): Promise<string> {
  const conversation = await db.assistantConversation.create({
    data: { businessId: input.businessId, userId: input.userId, expiresAt: new Date(Date.now() + CONVERSATION_TTL_MS) },
    select: { id: true },
  });
  return conversation.id;
}
