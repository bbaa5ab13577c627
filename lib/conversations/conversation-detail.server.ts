/**
 * One conversation of the business as staff read it afterwards: its summary, every message, the
 * team's private notes, and a timeline of what happened (queued, claimed or assigned,
 * transferred, tagged, closed or abandoned, rated) from the session's own timestamps and the audit
 * log. Another business's conversation answers exactly like a missing one.
 */
import type { ConversationDetail, ConversationSummary, ConversationTimelineEvent } from "../contract/conversations";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import { messageSelect, noteSelect, toMessageWire, toNoteWire } from "../chat/wire.server";
import { loadSummaries } from "./conversation-list.server";

/** The audit actions that belong on a conversation's timeline (written by lib/chat's use cases). */
const TIMELINE_ACTIONS = ["session.claimed", "session.assigned", "session.transferred", "session.closed"] as const;
/** Audit rows are written in the transaction of the change, so a close's row is at most this far from closedAt. */
const AUDIT_SLACK_MS = 60_000;

const event = (at: Date | string, kind: ConversationTimelineEvent["kind"], fields: Partial<Omit<ConversationTimelineEvent, "at" | "kind">> = {}): ConversationTimelineEvent => ({
  at: typeof at === "string" ? at : at.toISOString(),
  kind,
  actor: null,
  agent: null,
  from_agent: null,
  detail: null,
  score: null,
  ...fields,
});

interface AuditRow {
  action: string;
  actorUserId: string | null;
  meta: unknown;
  createdAt: Date;
}

const metaString = (meta: unknown, key: string): string | null => {
  const value = meta && typeof meta === "object" ? (meta as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : null;
};

/** The timeline of one session, oldest first. */
async function loadTimeline(db: PrismaClient, scope: BusinessScope, summary: ConversationSummary): Promise<ConversationTimelineEvent[]> {
  const createdAt = new Date(summary.created_at);
  // Bounded by the session's life, so the (businessId, createdAt) index ranges over it only.
  const until = summary.closed_at ? new Date(new Date(summary.closed_at).getTime() + AUDIT_SLACK_MS) : undefined;
  const [audits, tags] = await Promise.all([
    db.auditLog.findMany({
      where: { businessId: scope.businessId, target: summary.id, action: { in: [...TIMELINE_ACTIONS] }, createdAt: { gte: createdAt, ...(until ? { lte: until } : {}) } },
      select: { action: true, actorUserId: true, meta: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }) as Promise<AuditRow[]>,
    db.sessionTag.findMany({
      where: { businessId: scope.businessId, sessionId: summary.id },
      select: { createdAt: true, tag: { select: { name: true } }, addedBy: { select: { name: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const agentIds = [...new Set(audits.flatMap((row) => ["agent_id", "from", "to"].map((key) => metaString(row.meta, key)).filter((id): id is string => id !== null && isUuid(id))))];
  const userIds = [...new Set(audits.flatMap((row) => (row.actorUserId ? [row.actorUserId] : [])))];
  const [agents, users] = await Promise.all([
    agentIds.length ? db.agent.findMany({ where: { businessId: scope.businessId, id: { in: agentIds } }, select: { id: true, displayName: true } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
  ]);
  const agentName = (id: string | null) => (id ? (agents.find((agent) => agent.id === id)?.displayName ?? "a former agent") : null);
  const userName = (id: string | null) => (id ? (users.find((user) => user.id === id)?.name ?? "a former member") : null);

  const events = [event(createdAt, "created")];
  if (summary.queued_at) events.push(event(summary.queued_at, "queued", { detail: summary.handoff_reason }));
  for (const row of audits) {
    const actor = userName(row.actorUserId);
    if (row.action === "session.claimed") events.push(event(row.createdAt, "claimed", { actor, agent: agentName(metaString(row.meta, "agent_id")) }));
    if (row.action === "session.assigned") events.push(event(row.createdAt, "assigned", { agent: agentName(metaString(row.meta, "agent_id")) }));
    if (row.action === "session.transferred")
      events.push(event(row.createdAt, "transferred", { actor, from_agent: agentName(metaString(row.meta, "from")), agent: agentName(metaString(row.meta, "to")) }));
  }
  // Sessions from before the audit log (or imported) still show who took them.
  if (summary.assigned_at && !audits.some((row) => row.action === "session.claimed" || row.action === "session.assigned")) {
    const firstHolder = metaString(audits.find((row) => row.action === "session.transferred")?.meta, "from");
    events.push(event(summary.assigned_at, "assigned", { agent: firstHolder ? agentName(firstHolder) : (summary.agent?.display_name ?? null) }));
  }
  if (summary.first_response_at) events.push(event(summary.first_response_at, "first_response"));
  for (const tag of tags) events.push(event(tag.createdAt, "tagged", { actor: tag.addedBy?.name ?? null, detail: tag.tag.name }));
  if (summary.closed_at) {
    const closedBy = audits.find((row) => row.action === "session.closed");
    events.push(event(summary.closed_at, summary.status === "ABANDONED" ? "abandoned" : "closed", { actor: closedBy ? userName(closedBy.actorUserId) : null }));
  }
  if (summary.rating) {
    const rating = await db.satisfactionRating.findFirst({ where: { businessId: scope.businessId, sessionId: summary.id }, select: { createdAt: true } });
    if (rating) events.push(event(rating.createdAt, "rated", { score: summary.rating.score, detail: summary.rating.comment }));
  }
  // Stable: events of one instant keep the order they were added in (queued before claimed, …).
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

/** GET /api/v1/admin/conversations/{id}: the conversation with every message, the team's notes and the timeline. */
export async function loadConversation(db: PrismaClient, scope: BusinessScope, sessionId: string): Promise<ConversationDetail> {
  if (!isUuid(sessionId)) throw notFound("Conversation");
  const [summary] = await loadSummaries(db, scope, [sessionId]);
  if (!summary) throw notFound("Conversation");
  const order = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [messages, notes, timeline] = await Promise.all([
    db.chatMessage.findMany({ where: { businessId: scope.businessId, sessionId }, select: messageSelect, orderBy: order }),
    db.sessionNote.findMany({ where: { businessId: scope.businessId, sessionId }, select: noteSelect, orderBy: order }),
    loadTimeline(db, scope, summary),
  ]);
  return { conversation: summary, messages: messages.map(toMessageWire), notes: notes.map(toNoteWire), timeline };
}
