import type { PrismaClient } from "../db/prisma-client.server";
import { heldOfflineSql } from "../dashboard/queue-sql.server";
import { loadDesk } from "../hours/desk.server";
import { NothingToDo, transitionIfStillApplicable, type SessionChange } from "./session-store.server";

/** Offline messages queued per business and pass: a backlog larger than this goes on at the next pass. */
const QUEUE_BATCH = 200;

/** Businesses with offline messages waiting for their desk to open. */
export async function businessesWithOfflineChats(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ business_id: string }[]>`
    SELECT DISTINCT "businessId" AS business_id FROM "ChatSession" WHERE ${heldOfflineSql()}`;
  return rows.map((row) => row.business_id);
}

/**
 * When the business's desk is open (docs/decisions/022), its offline messages join the queue,
 * oldest first: each gets its queue time (a millisecond apart, so the queue keeps their order) and
 * keeps offlineAt, so staff still see it came in offline. Each is its own conditional transition
 * on the locked row: two nodes (a sweep, an agent coming online) queue a chat once, and the second
 * finds nothing to do. Returns the changes, for the caller to publish (and routing to take over).
 */
export async function queueOfflineChats(db: PrismaClient, businessId: string, now = new Date()): Promise<SessionChange[]> {
  const desk = await loadDesk(db, businessId, now);
  if (!desk?.open) return [];
  const held = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ChatSession"
    WHERE "businessId" = ${businessId}::uuid AND ${heldOfflineSql()}
    ORDER BY "offlineAt", id
    LIMIT ${QUEUE_BATCH}::int`;
  const changes: SessionChange[] = [];
  for (const [index, { id }] of held.entries()) {
    const change = await transitionIfStillApplicable(db, {
      businessId,
      sessionId: id,
      reason: "queued",
      async apply(_tx, current) {
        // Queued by another node meanwhile, taken by an agent, or ended.
        if (current.status !== "WAITING" || current.queued) throw new NothingToDo();
        return { queuedAt: new Date(now.getTime() + index) };
      },
    });
    if (change) changes.push(change);
  }
  return changes;
}
