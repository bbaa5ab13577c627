import type { AgentWire, WorkspaceSnapshot } from "../contract/staff";
import { toTagWire } from "../contract/tags";
import type { QueuedSession } from "../contract/widgets";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import { sessionTagsJson } from "../dashboard/widgets/session-tags-sql.server";
import { loadWaitingQueue } from "../dashboard/widgets/waiting-queue.server";
import { Prisma } from "../db/generated/client";
import { queryPrepared, utcInstant, type PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import { createSharedRead } from "../server/shared-reads";
import type { BusinessScope } from "../tenancy/memberships.server";
import type { StaffActor } from "./agent-actions.server";
import { routingMode } from "./routing.server";
import { toAgentWire, toStaffSession } from "./wire.server";

type WorkspaceAgentRow = Parameters<typeof toAgentWire>[0] & { userId: string; active_sessions: number };

// The workspace's reads are prepared statements rather than Prisma queries: every staff connect
// opens its workspace (10,000 at once in a reconnect storm), and Prisma's query compiler and
// runtime were 40 % of the server's CPU in a storm. Rows come in the shapes the wire mappers take.

/** The business's human agents by name, each with its number of ACTIVE chats. */
const workspaceAgents = (db: PrismaClient, businessId: string) =>
  queryPrepared<WorkspaceAgentRow>(
    db,
    "workspace-agents",
    Prisma.sql`
    SELECT a.id, a."displayName", a.status::text AS status, a.capacity, ${utcInstant('a."lastSeenAt"')} AS "lastSeenAt", a."userId",
           coalesce(l.active, 0)::int AS active_sessions
    FROM "Agent" a
    LEFT JOIN (SELECT "assignedAgentId", count(*) AS active FROM "ChatSession"
               WHERE "businessId" = ${businessId}::uuid AND status = 'ACTIVE'::"SessionStatus" GROUP BY "assignedAgentId") l
      ON l."assignedAgentId" = a.id
    WHERE a."businessId" = ${businessId}::uuid AND a.kind = 'HUMAN'::"AgentKind"
    ORDER BY a."displayName", a.id`,
  );

/** The user's ACTIVE chats in the business, most recent message first, as `staffSessionSelect` reads them. */
const workspaceChatsOf = (db: PrismaClient, actor: StaffActor) =>
  queryPrepared<Parameters<typeof toStaffSession>[0]>(
    db,
    "workspace-my-chats",
    Prisma.sql`
    SELECT s.id, s.status::text AS status, s.priority, ${utcInstant('s."createdAt"')} AS "createdAt", ${utcInstant('s."queuedAt"')} AS "queuedAt",
           ${utcInstant('s."assignedAt"')} AS "assignedAt", ${utcInstant('s."firstResponseAt"')} AS "firstResponseAt",
           ${utcInstant('s."closedAt"')} AS "closedAt", ${utcInstant('s."lastMessageAt"')} AS "lastMessageAt",
           s."handoffReason", s."handoffSummary", ${utcInstant('s."offlineAt"')} AS "offlineAt",
           json_build_object('id', c.id, 'name', c.name, 'email', c.email) AS customer,
           json_build_object('id', a.id, 'displayName', a."displayName") AS "assignedAgent",
           ${sessionTagsJson(Prisma.sql`s.id`)} AS tags
    FROM "ChatSession" s
    JOIN "Agent" a ON a.id = s."assignedAgentId"
    JOIN "Customer" c ON c.id = s."customerId"
    WHERE s."businessId" = ${actor.businessId}::uuid AND s.status = 'ACTIVE'::"SessionStatus" AND a."userId" = ${actor.userId}::uuid
    ORDER BY s."lastMessageAt" DESC, s.id`,
  );

/** What every member's workspace shows of the business, whoever opens it. */
interface BusinessWorkspace {
  company: WorkspaceSnapshot["company"];
  agents: WorkspaceSnapshot["agents"];
  /** Each user's agent in the business (for `me`). */
  agentOfUser: ReadonlyMap<string, AgentWire>;
  queue: QueuedSession[];
  queueTotal: number;
  offline: QueuedSession[];
  tags: WorkspaceSnapshot["tags"];
}

async function readBusinessWorkspace(db: PrismaClient, scope: BusinessScope): Promise<BusinessWorkspace> {
  const [[business], agents, queue, tags] = await Promise.all([
    queryPrepared<{ id: string; slug: string; name: string; settings: Prisma.JsonValue }>(
      db,
      "workspace-business",
      Prisma.sql`SELECT id, slug, name, settings FROM "Business" WHERE id = ${scope.businessId}::uuid`,
    ),
    workspaceAgents(db, scope.businessId),
    loadWaitingQueue(db, scope, new Date()),
    queryPrepared<{ id: string; name: string; color: string }>(db, "workspace-tags", Prisma.sql`SELECT id, name, color FROM "Tag" WHERE "businessId" = ${scope.businessId}::uuid ORDER BY name, id`),
  ]);
  if (!business) throw notFound("Business");
  const agentOfUser = new Map<string, AgentWire>();
  const team = agents.map((agent) => {
    const wire = toAgentWire(agent);
    agentOfUser.set(agent.userId, wire);
    return { ...wire, active_sessions: agent.active_sessions };
  });
  return {
    company: { id: business.id, slug: business.slug, name: business.name, routing: routingMode(business.settings) },
    agents: team,
    agentOfUser,
    queue: queue.sessions,
    queueTotal: queue.total,
    offline: queue.offline,
    tags: tags.map(toTagWire),
  };
}

export interface WorkspaceReader {
  /** What the agent workspace opens with: my agent, the team, the queue and my chats. */
  open(actor: StaffActor): Promise<WorkspaceSnapshot>;
}

/**
 * Opens workspaces. Opens of one business at about the same time share its business-wide reads (a
 * reconnect storm brings thousands at once, each reading the same team, queue and tags). A shared
 * read never started before the open asked for it (lib/server/shared-reads.ts), that is after the
 * socket joined its business's rooms: what it misses reaches the socket as a push.
 */
export function createWorkspaceReader(db: PrismaClient): WorkspaceReader {
  const businessWorkspace = createSharedRead(
    (scope: BusinessScope) => scope.businessId,
    (scope) => readBusinessWorkspace(db, scope),
  );
  return {
    async open(actor) {
      const [business, mine] = await Promise.all([businessWorkspace(actor), workspaceChatsOf(db, actor)]);
      // After the reads: a change versioned later took its version after them, so they cannot include it.
      const version = await nextDashboardVersion(db);
      return {
        company: business.company,
        me: business.agentOfUser.get(actor.userId) ?? null,
        agents: business.agents,
        queue: business.queue,
        queue_total: business.queueTotal,
        offline: business.offline,
        my_sessions: mine.map(toStaffSession),
        tags: business.tags,
        version,
      };
    },
  };
}
