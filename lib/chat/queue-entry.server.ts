import { isHeldOffline, queuedAtOf, queuePreview, type StaffSession } from "../contract/staff";
import type { QueuedSession } from "../contract/widgets";
import type { DbClient } from "../db/prisma-client.server";
import type { SessionChange } from "./session-store.server";

/** The session's queue entry as staff see it (the waiting_queue widget's shape). */
function toQueueEntry(session: StaffSession, preview: string | null): QueuedSession {
  const queuedAt = queuedAtOf(session);
  return {
    id: session.id,
    customer: { id: session.customer.id, name: session.customer.name },
    priority: session.priority,
    queued_at: queuedAt,
    wait_seconds: Math.max(0, (Date.now() - Date.parse(queuedAt)) / 1000),
    preview,
    handoff_reason: session.handoff_reason,
    tags: session.tags,
    offline_at: session.offline_at,
    held_offline: isHeldOffline(session),
  };
}

/** The queue preview of the customer's last message in the session (null before they wrote one). */
async function lastCustomerPreview(db: DbClient, businessId: string, sessionId: string): Promise<string | null> {
  const last = await db.chatMessage.findFirst({ where: { sessionId, businessId, author: "CUSTOMER" }, orderBy: { createdAt: "desc" }, select: { body: true } });
  return last ? queuePreview(last.body) : null;
}

/** The queue entry of a session that a change has just put in the queue. */
export async function queueEntryOf(db: DbClient, change: SessionChange): Promise<QueuedSession> {
  const preview =
    change.message?.author === "CUSTOMER"
      ? queuePreview(change.message.body)
      : change.previousStatus === null
        ? null // a chat just opened without a message: nothing to look up
        : await lastCustomerPreview(db, change.businessId, change.session.id);
  return toQueueEntry(change.session, preview);
}

/** The queue entry of a waiting session as it stands (read in the caller's transaction). */
export async function currentQueueEntry(db: DbClient, businessId: string, session: StaffSession): Promise<QueuedSession> {
  return toQueueEntry(session, await lastCustomerPreview(db, businessId, session.id));
}
