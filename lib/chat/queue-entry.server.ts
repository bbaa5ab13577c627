import type { QueuedSession } from "../contract/widgets";
import type { PrismaClient } from "../db/prisma-client.server";
import type { SessionChange } from "./session-store.server";

/** Characters of the customer's last message shown in the queue. */
const PREVIEW_LENGTH = 140;

/** The session's queue entry as staff see it (the waiting_queue widget's shape). */
export async function queueEntryOf(db: PrismaClient, change: SessionChange): Promise<QueuedSession> {
  const { session } = change;
  const queuedAt = session.queued_at ?? session.created_at;
  const preview =
    change.message?.author === "CUSTOMER"
      ? change.message.body.slice(0, PREVIEW_LENGTH)
      : change.previousStatus === null
        ? null // a chat just opened without a message: nothing to look up
        : ((
            await db.chatMessage.findFirst({
              where: { sessionId: session.id, businessId: change.businessId, author: "CUSTOMER" },
              orderBy: { createdAt: "desc" },
              select: { body: true },
            })
          )?.body.slice(0, PREVIEW_LENGTH) ?? null);
  return {
    id: session.id,
    customer: { id: session.customer.id, name: session.customer.name },
    priority: session.priority,
    queued_at: queuedAt,
    wait_seconds: Math.max(0, (Date.now() - Date.parse(queuedAt)) / 1000),
    preview,
    handoff_reason: session.handoff_reason,
  };
}
