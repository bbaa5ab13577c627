import { utcTimestamp } from "../dashboard/dashboard-clock.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { LiveChat } from "./live-chat.server";
import type { ConnectionPresence } from "./ports";

/**
 * Presence kept in the database, so it works across nodes and survives a node's crash: when a
 * user's (or a customer's) last socket on a node goes, the row is stamped, and when a node dies
 * without saying goodbye its survivors stamp what it held at its last heartbeat
 * (node-presence.server.ts); a sweep on every node turns stamps older than the grace period into
 * OFFLINE agents, abandoned waiting chats and closed assistant chats, after checking through the
 * Socket.IO adapter that no socket came back anywhere.
 */
export interface PresenceDependencies {
  db: PrismaClient;
  liveChat: LiveChat;
  agentGraceMs: number;
  customerGraceMs: number;
  /** Whether any node still holds a socket of this staff user / customer session. */
  presence: ConnectionPresence;
}

// Single statements, not updateMany (BEGIN, UPDATE, COMMIT: three round trips): every socket's
// connect and disconnect runs one, thousands at once when a node restarts.

export async function markStaffConnected(db: PrismaClient, userId: string): Promise<void> {
  await db.$executeRaw`UPDATE "Agent" SET "disconnectedAt" = NULL, "lastSeenAt" = ${utcTimestamp(new Date())} WHERE "userId" = ${userId}::uuid`;
}

export async function markStaffDisconnected(db: PrismaClient, userId: string): Promise<void> {
  const now = utcTimestamp(new Date());
  await db.$executeRaw`UPDATE "Agent" SET "disconnectedAt" = ${now}, "lastSeenAt" = ${now} WHERE "userId" = ${userId}::uuid AND "disconnectedAt" IS NULL`;
}

export async function markCustomerConnected(db: PrismaClient, sessionId: string): Promise<void> {
  await db.$executeRaw`UPDATE "ChatSession" SET "customerLeftAt" = NULL WHERE id = ${sessionId}::uuid AND "customerLeftAt" IS NOT NULL`;
}

export async function markCustomerDisconnected(db: PrismaClient, sessionId: string): Promise<void> {
  await db.$executeRaw`UPDATE "ChatSession" SET "customerLeftAt" = ${utcTimestamp(new Date())} WHERE id = ${sessionId}::uuid AND status IN ('BOT', 'WAITING', 'ACTIVE')`;
}

/** One pass: expire agents, and customers of waiting or assistant chats, gone longer than their grace periods. */
export async function sweepPresence(deps: PresenceDependencies, now = new Date()): Promise<{ offline: number; ended: number }> {
  const { db } = deps;
  const agentCutoff = new Date(now.getTime() - deps.agentGraceMs);
  const customerCutoff = new Date(now.getTime() - deps.customerGraceMs);
  const [agents, sessions] = await Promise.all([
    db.agent.findMany({
      where: { kind: "HUMAN", status: { not: "OFFLINE" }, disconnectedAt: { lte: agentCutoff }, userId: { not: null } },
      select: { id: true, businessId: true, userId: true },
    }),
    // Offline messages are never abandoned: their customers left a message to be answered later.
    db.chatSession.findMany({ where: { status: { in: ["WAITING", "BOT"] }, customerLeftAt: { lte: customerCutoff }, offlineAt: null }, select: { id: true, businessId: true } }),
  ]);

  let offline = 0;
  for (const agent of agents) {
    if (await deps.presence.userHasSockets(agent.userId!)) {
      // Came back on another node whose connect raced this stamp.
      await markStaffConnected(db, agent.userId!);
      continue;
    }
    if (await deps.liveChat.expireAgent(agent.businessId, agent.id, agentCutoff)) offline += 1;
  }
  let ended = 0;
  for (const session of sessions) {
    if (await deps.presence.sessionHasSockets(session.id)) {
      await markCustomerConnected(db, session.id);
      continue;
    }
    if (await deps.liveChat.customerGone(session.businessId, session.id, customerCutoff)) ended += 1;
  }
  return { offline, ended };
}

/** How often to sweep: a fraction of the shorter grace period, between 250 ms and 15 s. */
export function presenceSweepInterval(agentGraceMs: number, customerGraceMs: number): number {
  return Math.min(15_000, Math.max(250, Math.round(Math.min(agentGraceMs, customerGraceMs) / 4)));
}
