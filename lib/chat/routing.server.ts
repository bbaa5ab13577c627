import type { PrismaClient } from "../db/prisma-client.server";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { IN_QUEUE } from "../dashboard/queue-sql.server";
import type { RoutingMode } from "../contract/staff";
import type { SessionChange } from "./session-store.server";
import { staffSessionSelect, toStaffSession } from "./wire.server";

/** A business's routing setting (Business.settings.routing); anything but "auto" means agents claim. */
export function routingMode(settings: unknown): RoutingMode {
  return (settings as { routing?: unknown } | null)?.routing === "auto" ? "auto" : "manual";
}

interface Candidate {
  id: string;
  free: number;
}

/**
 * Auto routing: while sessions wait in the queue (offline messages held until the desk opens do
 * not) and an ONLINE person has a free slot, give the first session
 * of the queue to the person with the most free slots, ties to the one idle longest (oldest last
 * assignment, never assigned first). One transaction per business at a time (advisory lock), and
 * the ONLINE agents' rows stay locked throughout, so a concurrent claim cannot push anyone above
 * capacity. Returns one change per assignment.
 */
export async function routeWaitingSessions(db: PrismaClient, businessId: string, now = new Date()): Promise<SessionChange[]> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`routing:${businessId}`}))`;
    const agents = await tx.$queryRaw<{ id: string; display_name: string; capacity: number }[]>`
      SELECT id, "displayName" AS display_name, capacity FROM "Agent"
      WHERE "businessId" = ${businessId}::uuid AND kind = 'HUMAN'::"AgentKind" AND status = 'ONLINE'::"AgentStatus"
      ORDER BY id FOR UPDATE`;
    if (agents.length === 0) return [];
    const loads = await tx.$queryRaw<{ agent_id: string; active: number; last_assigned_at: Date | null }[]>`
      SELECT a.id AS agent_id,
             count(s.id) FILTER (WHERE s.status = 'ACTIVE'::"SessionStatus")::int AS active,
             max(s."assignedAt") AS last_assigned_at
      FROM "Agent" a LEFT JOIN "ChatSession" s ON s."assignedAgentId" = a.id AND s."businessId" = ${businessId}::uuid
      WHERE a.id = ANY(${agents.map((a) => a.id)}::uuid[])
      GROUP BY a.id`;
    const state = new Map(loads.map((row) => [row.agent_id, { active: row.active, lastAssigned: row.last_assigned_at?.getTime() ?? -Infinity }]));

    const changes: SessionChange[] = [];
    for (;;) {
      const candidates: Candidate[] = agents
        .map((agent) => ({ id: agent.id, free: agent.capacity - (state.get(agent.id)?.active ?? 0) }))
        .filter((candidate) => candidate.free > 0)
        .sort((a, b) => b.free - a.free || (state.get(a.id)?.lastAssigned ?? -Infinity) - (state.get(b.id)?.lastAssigned ?? -Infinity) || a.id.localeCompare(b.id));
      const agent = candidates[0];
      if (!agent) break;
      const [next] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "ChatSession"
        WHERE "businessId" = ${businessId}::uuid AND ${IN_QUEUE}
        ORDER BY priority DESC, coalesce("queuedAt", "createdAt"), id
        LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!next) break;
      const row = await tx.chatSession.update({
        where: { id: next.id },
        data: { status: "ACTIVE", assignedAgentId: agent.id, assignedAt: now },
        select: staffSessionSelect,
      });
      await tx.auditLog.create({ data: { businessId, actorUserId: null, action: "session.assigned", target: next.id, meta: { agent_id: agent.id, routing: "auto" } } });
      changes.push({
        businessId,
        reason: "assigned",
        version: await nextDashboardVersion(tx),
        session: toStaffSession(row),
        previousStatus: "WAITING",
        previousQueued: true,
        previousAgentId: null,
        message: null,
      });
      const load = state.get(agent.id) ?? { active: 0, lastAssigned: -Infinity };
      state.set(agent.id, { active: load.active + 1, lastAssigned: now.getTime() });
    }
    return changes;
  });
}
