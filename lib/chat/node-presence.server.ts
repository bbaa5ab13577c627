import { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import type { NodeConnections } from "./ports";
import { markCustomerConnected, markCustomerDisconnected, markStaffConnected, markStaffDisconnected } from "./presence.server";

/** A node whose heartbeat is older than this many of its own periods has stopped (crashed, killed, cut off). */
export const MISSED_BEATS_BEFORE_DEAD = 3;

const FOREIGN_KEY_VIOLATION = "23503";

/** Rows per statement when a node records everything it holds at once. */
const BATCH = 1_000;

export interface NodePresenceDependencies {
  db: PrismaClient;
  /** This process's id (random per start). */
  nodeId: string;
  heartbeatMs: number;
  /** The sockets this node holds (lib/realtime implements it). */
  local: NodeConnections;
  logger: Logger;
}

/**
 * Presence from liveness, not from goodbyes (decision 012): each node beats a `PresenceNode` row and
 * records which staff users and chats it holds sockets of (on connect and last disconnect, never per
 * beat). A node that stops beating is dead, and what it held counts as gone at its last beat, so the
 * grace periods of `sweepPresence` apply to a crash as they do to a closed tab.
 */
export interface NodePresence {
  readonly nodeId: string;
  /** A staff socket of the user connected here or went: records whether this node holds the user now. */
  staffChanged(userId: string): Promise<void>;
  /** A customer socket of the chat connected here or went: records whether this node holds the chat now. */
  customerChanged(sessionId: string): Promise<void>;
  /** Renews this node's heartbeat; registers it (again, with all it holds) when its row is missing. */
  beat(): Promise<void>;
  /** Stamps what dead nodes held as gone at their last beat (unless a live node holds it) and deletes their rows. */
  reapDeadNodes(): Promise<number>;
  /** Clean shutdown, after the sockets closed: this node's rows go. */
  leave(): Promise<void>;
}

/** A node is live while its last beat is younger than MISSED_BEATS_BEFORE_DEAD of its periods, by the database's clock. */
const isLive = (node: string) => Prisma.sql`${Prisma.raw(node)}."lastBeatAt" >= now() - ${MISSED_BEATS_BEFORE_DEAD} * ${Prisma.raw(node)}."heartbeatMs" * interval '1 millisecond'`;

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

export function createNodePresence({ db, nodeId, heartbeatMs, local, logger }: NodePresenceDependencies): NodePresence {
  // One write at a time per user or chat, each recording the state of that moment: a reload's
  // disconnect and connect can never land in the wrong order and leave a connected user unrecorded.
  const queues = new Map<string, Promise<void>>();
  // Once the node leaves (clean shutdown), nothing writes for it any more: a late disconnect or a
  // re-registration would otherwise bring its rows back, or run into a database being closed.
  let left = false;
  const serialized = (key: string, work: () => Promise<void>): Promise<void> => {
    if (left) return Promise.resolve();
    const next = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    queues.set(key, next);
    next
      .finally(() => {
        if (queues.get(key) === next) queues.delete(key);
      })
      .catch(() => undefined);
    return next;
  };

  // Plain statements, not createMany/deleteMany: Prisma wraps those in a transaction of its own,
  // and one caught by $disconnect at shutdown stayed open ("idle in transaction") and hung it.

  /** Records a holding; when this node's row is gone (another node took it for dead), registers it again instead, which records everything it holds. */
  async function hold(write: () => Promise<unknown>) {
    try {
      await write();
    } catch (error) {
      if (describeError(error).sqlState !== FOREIGN_KEY_VIOLATION) throw error;
      // Not awaited: registering again re-records this user or chat too, through the queue this call is in.
      beat().catch((failure: unknown) => logger.warn("presence: registering this node again failed", { error: describeError(failure) }));
    }
  }

  async function syncStaff(userId: string) {
    if (local.hasStaff(userId)) {
      try {
        // Recorded before the stamp is cleared: a reaper in between then sees a live holder and stamps nothing.
        await hold(() => db.$executeRaw`INSERT INTO "PresenceStaff" ("nodeId", "userId") VALUES (${nodeId}::uuid, ${userId}::uuid) ON CONFLICT DO NOTHING`);
      } finally {
        await markStaffConnected(db, userId);
      }
    } else {
      await db.$executeRaw`DELETE FROM "PresenceStaff" WHERE "nodeId" = ${nodeId}::uuid AND "userId" = ${userId}::uuid`;
      await markStaffDisconnected(db, userId);
    }
  }

  async function syncCustomer(sessionId: string) {
    if (local.hasCustomer(sessionId)) {
      try {
        await hold(() => db.$executeRaw`INSERT INTO "PresenceCustomer" ("nodeId", "sessionId") VALUES (${nodeId}::uuid, ${sessionId}::uuid) ON CONFLICT DO NOTHING`);
      } finally {
        await markCustomerConnected(db, sessionId);
      }
    } else {
      await db.$executeRaw`DELETE FROM "PresenceCustomer" WHERE "nodeId" = ${nodeId}::uuid AND "sessionId" = ${sessionId}::uuid`;
      await markCustomerDisconnected(db, sessionId);
    }
  }

  const staffChanged = (userId: string) => serialized(`staff:${userId}`, () => syncStaff(userId));
  const customerChanged = (sessionId: string) => serialized(`customer:${sessionId}`, () => syncCustomer(sessionId));

  let registered = false;

  /** The row is new (first start) or was deleted by a node that took this one for dead: record everything held. */
  async function register() {
    await db.$executeRaw`
      INSERT INTO "PresenceNode" (id, "heartbeatMs", "startedAt", "lastBeatAt") VALUES (${nodeId}::uuid, ${heartbeatMs}, now(), now())
      ON CONFLICT (id) DO UPDATE SET "lastBeatAt" = now(), "heartbeatMs" = EXCLUDED."heartbeatMs"`;
    const users = local.staffUserIds();
    const sessions = local.customerSessionIds();
    if (registered)
      logger.warn("presence: this node had been taken for dead (no heartbeat for a while); recording its connections again", { node: nodeId, staff: users.length, customers: sessions.length });
    registered = true;
    // Each through its queue, so a disconnect meanwhile is not overwritten; stamps made by the reaper are cleared.
    for (const batch of batches(users)) await Promise.all(batch.map(staffChanged));
    for (const batch of batches(sessions)) await Promise.all(batch.map(customerChanged));
  }

  // One beat at a time (the heartbeat worker's, or one a failed holding asked for).
  let beating: Promise<void> | undefined;
  function beat(): Promise<void> {
    if (left) return Promise.resolve();
    beating ??= (async () => {
      const renewed = registered ? await db.$executeRaw`UPDATE "PresenceNode" SET "lastBeatAt" = now() WHERE id = ${nodeId}::uuid` : 0;
      if (renewed === 0) await register();
    })().finally(() => (beating = undefined));
    return beating;
  }

  return {
    nodeId,
    staffChanged,
    customerChanged,
    beat,
    async reapDeadNodes() {
      const dead = await db.$queryRaw<{ id: string; last_beat_at: Date }[]>`
        SELECT n.id, n."lastBeatAt" AS last_beat_at FROM "PresenceNode" n WHERE n.id <> ${nodeId}::uuid AND NOT (${isLive("n")})`;
      for (const node of dead) {
        // Gone at the last beat, unless another live node (this one, surely) holds them (moved there) or they were already stamped.
        const agents = await db.$executeRaw`
          UPDATE "Agent" a SET "disconnectedAt" = n."lastBeatAt" AT TIME ZONE 'UTC', "lastSeenAt" = n."lastBeatAt" AT TIME ZONE 'UTC'
          FROM "PresenceNode" n
          WHERE n.id = ${node.id}::uuid AND a."disconnectedAt" IS NULL
            AND a."userId" IN (SELECT h."userId" FROM "PresenceStaff" h WHERE h."nodeId" = n.id)
            AND NOT EXISTS (
              SELECT 1 FROM "PresenceStaff" h JOIN "PresenceNode" o ON o.id = h."nodeId"
              WHERE h."userId" = a."userId" AND o.id <> n.id AND (o.id = ${nodeId}::uuid OR ${isLive("o")}))`;
        const customers = await db.$executeRaw`
          UPDATE "ChatSession" s SET "customerLeftAt" = n."lastBeatAt" AT TIME ZONE 'UTC'
          FROM "PresenceNode" n
          WHERE n.id = ${node.id}::uuid AND s."customerLeftAt" IS NULL AND s.status IN ('BOT', 'WAITING', 'ACTIVE')
            AND s.id IN (SELECT h."sessionId" FROM "PresenceCustomer" h WHERE h."nodeId" = n.id)
            AND NOT EXISTS (
              SELECT 1 FROM "PresenceCustomer" h JOIN "PresenceNode" o ON o.id = h."nodeId"
              WHERE h."sessionId" = s.id AND o.id <> n.id AND (o.id = ${nodeId}::uuid OR ${isLive("o")}))`;
        // Its holdings go with it; if it was only slow, its next beat finds the row gone and records itself again.
        await db.$executeRaw`DELETE FROM "PresenceNode" WHERE id = ${node.id}::uuid`;
        logger.info("presence: a node stopped beating; its connections count as gone since its last beat", { node: node.id, last_beat_at: node.last_beat_at.toISOString(), agents, customers });
      }
      return dead.length;
    },
    async leave() {
      left = true;
      await Promise.allSettled([...queues.values(), beating]);
      // Best effort: a row left behind stops beating, and another node's reconcile pass removes it.
      await db.$executeRaw`DELETE FROM "PresenceNode" WHERE id = ${nodeId}::uuid`.catch((error: unknown) =>
        logger.warn("presence: this node's rows could not be removed", { node: nodeId, error: describeError(error) }),
      );
    },
  };
}
