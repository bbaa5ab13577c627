import type { Role } from "../db/generated/enums";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { AppError, notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import { isEnded, type AgentStatusName, type AgentWire, type SessionHistory, type SessionSnapshot } from "../contract/staff";
import type { ChatMessageWire } from "../contract/customer-chat";
import { currentQueueEntry } from "./queue-entry.server";
import { activeLoad, appendMessage, lockAgent, transitionSession, type NewAttachment, type SessionChange } from "./session-store.server";
import { agentSelect, inReadingOrder, latestMessages, latestNotes, messageSelect, staffSessionSelect, toAgentWire, toMessageWire, toNoteWire, toStaffSession } from "./wire.server";
import type { PrismaClient } from "../db/prisma-client.server";

/** A staff member acting in one business (membership already checked). */
export type StaffActor = BusinessScope & {
  userId: string;
  role: Role;
};

export interface AgentStatusChange {
  businessId: string;
  version: number;
  agent: AgentWire;
  previousStatus: AgentStatusName;
  changedAt: Date;
}

const canSupervise = (actor: StaffActor) => actor.role === "OWNER" || actor.role === "ADMIN";

/** The actor's own agent in the business; staff without one can watch but not take chats. */
async function requireOwnAgent(db: PrismaClient, actor: StaffActor) {
  const agent = await db.agent.findFirst({ where: { businessId: actor.businessId, userId: actor.userId, kind: "HUMAN" }, select: agentSelect });
  if (!agent) throw new AppError("forbidden", "You are not an agent of this business, so you cannot take chats.");
  return agent;
}

/**
 * Takes a waiting session. Of two agents claiming one session at once exactly one wins (row lock).
 * Capacity bounds what auto routing and transfers hand a person, not what they choose to take.
 */
export async function claimSession(db: PrismaClient, actor: StaffActor, sessionId: string, now = new Date()): Promise<SessionChange> {
  const me = await requireOwnAgent(db, actor);
  return transitionSession(db, {
    businessId: actor.businessId,
    sessionId,
    reason: "claimed",
    async apply(tx, current) {
      if (current.status !== "WAITING") {
        throw new AppError("conflict", current.status === "ACTIVE" ? "Another agent has already taken this chat." : "This chat is no longer waiting.");
      }
      await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "session.claimed", target: sessionId, meta: { agent_id: me.id } } });
      return { status: "ACTIVE", assignedAgentId: me.id, assignedAt: now };
    },
  });
}

/** Hands an active session to another person of the business (the holder or a supervisor may). */
export async function transferSession(db: PrismaClient, actor: StaffActor, sessionId: string, targetAgentId: string): Promise<SessionChange> {
  const me = canSupervise(actor) ? null : await requireOwnAgent(db, actor);
  return transitionSession(db, {
    businessId: actor.businessId,
    sessionId,
    reason: "transferred",
    async apply(tx, current) {
      if (current.status !== "ACTIVE") throw new AppError("conflict", "Only a chat in progress can be transferred.");
      if (me && current.assignedAgentId !== me.id) throw new AppError("forbidden", "Only the agent holding this chat or an admin can transfer it.");
      if (current.assignedAgentId === targetAgentId) throw new AppError("conflict", "This chat is already with that agent.");
      const target = await lockAgent(tx, actor.businessId, targetAgentId);
      if (!target || target.kind !== "HUMAN") throw notFound("Agent");
      if (target.status === "OFFLINE") throw new AppError("conflict", `${target.displayName} is offline.`);
      if ((await activeLoad(tx, actor.businessId, target.id)) >= target.capacity) throw new AppError("conflict", `${target.displayName} has no free capacity.`);
      await tx.auditLog.create({
        data: { businessId: actor.businessId, actorUserId: actor.userId, action: "session.transferred", target: sessionId, meta: { from: current.assignedAgentId, to: target.id } },
      });
      return { assignedAgentId: target.id };
    },
  });
}

/** Closes a session (its holder, or a supervisor; a waiting one by any agent, e.g. spam). */
export async function closeSession(db: PrismaClient, actor: StaffActor, sessionId: string, now = new Date()): Promise<SessionChange> {
  const me = canSupervise(actor) ? null : await requireOwnAgent(db, actor);
  return transitionSession(db, {
    businessId: actor.businessId,
    sessionId,
    reason: "closed",
    async apply(tx, current) {
      if (isEnded(current.status)) throw new AppError("conflict", "This chat has already ended.");
      if (me && current.status === "ACTIVE" && current.assignedAgentId !== me.id) throw new AppError("forbidden", "Only the agent holding this chat or an admin can close it.");
      await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "session.closed", target: sessionId, meta: { from_status: current.status } } });
      return { status: "CLOSED", closedAt: now };
    },
  });
}

/** A reply by the agent holding the session (text, or a file already in the store); idempotent on client_message_id. */
export async function sendAgentMessage(
  db: PrismaClient,
  actor: StaffActor,
  sessionId: string,
  body: string,
  clientMessageId: string,
  attachment?: NewAttachment,
): Promise<{ message: ChatMessageWire; change: SessionChange | null }> {
  const me = await requireOwnAgent(db, actor);
  const session = await db.chatSession.findFirst({ where: { id: sessionId, businessId: actor.businessId }, select: { status: true, assignedAgentId: true } });
  if (!session) throw notFound("Chat session");
  if (session.status !== "ACTIVE" || session.assignedAgentId !== me.id) {
    // A retry of a reply stored before the chat moved on still gets its stored message.
    const stored = await db.chatMessage.findFirst({ where: { businessId: actor.businessId, sessionId, clientMessageId }, select: messageSelect });
    if (stored) return { message: toMessageWire(stored), change: null };
    throw new AppError("conflict", session.status === "ACTIVE" ? "This chat is held by another agent." : "Only a chat in progress can be answered.");
  }
  const { message, change } = await appendMessage(db, {
    scope: { businessId: actor.businessId },
    sessionId,
    author: "AGENT",
    agent: { id: me.id, display_name: me.displayName },
    body,
    clientMessageId,
    attachment,
  });
  return { message, change };
}

/** Sets the actor's own status and records it on the presence timeline. */
export async function setAgentStatus(db: PrismaClient, actor: StaffActor, status: AgentStatusName, now = new Date()): Promise<AgentStatusChange | null> {
  const me = await requireOwnAgent(db, actor);
  return changeAgentStatus(db, actor.businessId, me.id, status, now);
}

/** Any status change of an agent (by the agent, or presence expiry); null when it already had that status. */
export async function changeAgentStatus(
  db: PrismaClient,
  businessId: string,
  agentId: string,
  status: AgentStatusName,
  now = new Date(),
  onlyIf?: (agent: { status: AgentStatusName; disconnectedAt: Date | null }) => boolean,
): Promise<AgentStatusChange | null> {
  return db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ status: AgentStatusName; disconnected_at: Date | null }[]>`
      SELECT status::text AS status, "disconnectedAt" AS disconnected_at FROM "Agent"
      WHERE id = ${agentId}::uuid AND "businessId" = ${businessId}::uuid FOR UPDATE`;
    if (!current) throw notFound("Agent");
    if (current.status === status) return null;
    if (onlyIf && !onlyIf({ status: current.status, disconnectedAt: current.disconnected_at })) return null;
    const row = await tx.agent.update({ where: { id: agentId }, data: { status, lastSeenAt: now }, select: agentSelect });
    await tx.agentStatusEvent.create({ data: { businessId, agentId, status, createdAt: now } });
    return { businessId, version: await nextDashboardVersion(tx), agent: toAgentWire(row), previousStatus: current.status, changedAt: now };
  });
}

/**
 * One session as the workspace lists it, at an exact version: read under FOR SHARE, so every change
 * of it that took a version before is committed and included, and every later one waits for this
 * read and takes a higher version.
 */
export async function loadSessionSnapshot(db: PrismaClient, actor: StaffActor, sessionId: string): Promise<SessionSnapshot> {
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "ChatSession" WHERE id = ${sessionId}::uuid AND "businessId" = ${actor.businessId}::uuid FOR SHARE`;
    if (!locked) throw notFound("Chat session");
    const session = toStaffSession(await tx.chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: staffSessionSelect }));
    const entry = session.status === "WAITING" ? await currentQueueEntry(tx, actor.businessId, session) : null;
    return { session, entry, version: await nextDashboardVersion(tx) };
  });
}

/** One session of the business with its messages and the team's private notes, for the workspace's conversation pane. */
export async function loadSessionHistory(db: PrismaClient, actor: StaffActor, sessionId: string): Promise<SessionHistory> {
  const row = await db.chatSession.findFirst({
    where: { id: sessionId, businessId: actor.businessId },
    select: { ...staffSessionSelect, messages: latestMessages, notes: latestNotes },
  });
  if (!row) throw notFound("Chat session");
  return { session: toStaffSession(row), messages: inReadingOrder(row.messages, toMessageWire), notes: inReadingOrder(row.notes, toNoteWire) };
}
