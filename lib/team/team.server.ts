/**
 * A business's team: members with their role, agent and capacity; role changes and removal under
 * the rules of DESIGN §9 (admins manage admins and agents, owners everyone; a business always
 * keeps an owner). Every change writes its audit row in the same transaction. Losing access is
 * enforced by the database triggers on Membership (lib/auth/access-changes.server.ts).
 */
import type { Role } from "../db/generated/enums";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { ensureMemberAgent } from "../tenancy/businesses.server";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import { rolesManagedBy, type InviteWire, type MemberPatch, type TeamMemberWire, type TeamWire } from "../contract/team";

/** A member acting on the team: their business (checked), their role in it and who they are. */
export type TeamActor = BusinessScope & { role: Role; userId: string };

const memberNotFound = () => notFound("Member");

async function loadMember(db: DbClient, businessId: string, userId: string): Promise<TeamMemberWire | null> {
  const row = await db.membership.findUnique({
    where: { userId_businessId: { userId, businessId } },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, agents: { where: { businessId, kind: "HUMAN" }, select: { id: true, status: true, capacity: true, lastSeenAt: true } } } },
    },
  });
  return row ? toMemberWire(row) : null;
}

type MemberRow = {
  role: Role;
  createdAt: Date;
  user: { id: string; name: string; email: string; agents: { id: string; status: "ONLINE" | "AWAY" | "OFFLINE"; capacity: number; lastSeenAt: Date | null }[] };
};

function toMemberWire({ role, createdAt, user }: MemberRow): TeamMemberWire {
  const agent = user.agents[0];
  return {
    user_id: user.id,
    name: user.name,
    email: user.email,
    role,
    joined_at: createdAt.toISOString(),
    agent: agent ? { id: agent.id, status: agent.status, capacity: agent.capacity, last_seen_at: agent.lastSeenAt?.toISOString() ?? null } : null,
  };
}

const ROLE_ORDER: Record<Role, number> = { OWNER: 0, ADMIN: 1, AGENT: 2 };

export async function loadTeam(db: PrismaClient, actor: BusinessScope & { role: Role }): Promise<TeamWire> {
  const { businessId } = actor;
  const [members, invites] = await Promise.all([
    db.membership.findMany({
      where: { businessId },
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true, agents: { where: { businessId, kind: "HUMAN" }, select: { id: true, status: true, capacity: true, lastSeenAt: true } } } },
      },
    }),
    db.invite.findMany({
      where: { businessId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    members: members.map(toMemberWire).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name)),
    invites: invites.map(toInviteWire),
    your_role: actor.role,
  };
}

export function toInviteWire(invite: { id: string; email: string; role: Role; createdAt: Date; expiresAt: Date; invitedBy: { name: string } | null }): InviteWire {
  return { id: invite.id, email: invite.email, role: invite.role, created_at: invite.createdAt.toISOString(), expires_at: invite.expiresAt.toISOString(), invited_by: invite.invitedBy?.name ?? null };
}

/** The target's membership, locked for the change; a user of another business is a 404 like a missing one. */
async function lockMembership(tx: DbClient, businessId: string, userId: string): Promise<{ role: Role }> {
  if (!isUuid(userId)) throw memberNotFound();
  const [row] = await tx.$queryRaw<{ role: Role }[]>`
    SELECT role::text AS role FROM "Membership" WHERE "businessId" = ${businessId}::uuid AND "userId" = ${userId}::uuid FOR UPDATE`;
  if (!row) throw memberNotFound();
  return row;
}

/** Admins manage admins and agents; owners manage everyone; agents manage no one. */
export function requireManages(actor: Role, role: Role): void {
  if (!rolesManagedBy(actor).includes(role)) throw new AppError("forbidden", role === "OWNER" ? "Only owners can change owners or make someone an owner." : "Your role does not allow this.");
}

/**
 * Locks the business's owner rows, always in the same order and before any other membership row,
 * so that concurrent role changes queue behind each other instead of deadlocking (two owners
 * demoting each other each held the other's row and waited for their own). Returns the owners' ids.
 */
async function lockOwners(tx: DbClient, businessId: string): Promise<string[]> {
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId"::text AS "userId" FROM "Membership" WHERE "businessId" = ${businessId}::uuid AND role = 'OWNER' ORDER BY "userId" FOR UPDATE`;
  return owners.map((owner) => owner.userId);
}

/**
 * Refuses an owner's change when they stopped being an owner after their request was authorised
 * (another owner demoted them a moment earlier): their role is judged as of the owners' lock.
 */
function requireStillOwner(actor: TeamActor, owners: string[]): void {
  if (actor.role === "OWNER" && !owners.includes(actor.userId)) throw new AppError("forbidden", "Your role in this business has just changed. Reload the page.");
}

/** Refuses a change that takes away the business's last owner (`owners` as locked by lockOwners). */
function requireAnotherOwner(owners: string[], leavingUserId: string): void {
  if (!owners.some((owner) => owner !== leavingUserId)) {
    throw new AppError("last_owner", "A business needs at least one owner. Make someone else an owner first.");
  }
}

export interface MemberChange {
  member: TeamMemberWire;
  /** The member's agent got a new capacity: auto routing may hand it more now. */
  capacityChanged: boolean;
}

/** `PATCH /api/v1/admin/team/{user_id}`: role and/or capacity. */
export async function updateMember(db: PrismaClient, actor: TeamActor, userId: string, patch: MemberPatch): Promise<MemberChange> {
  return db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.businessId);
    requireStillOwner(actor, owners);
    const current = await lockMembership(tx, actor.businessId, userId);
    requireManages(actor.role, current.role);
    if (patch.role !== undefined && patch.role !== current.role) {
      requireManages(actor.role, patch.role);
      if (current.role === "OWNER") requireAnotherOwner(owners, userId);
      await tx.membership.update({ where: { userId_businessId: { userId, businessId: actor.businessId } }, data: { role: patch.role } });
      await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "team.role_changed", target: userId, meta: { from: current.role, to: patch.role } } });
    }
    let capacityChanged = false;
    if (patch.capacity !== undefined) {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true } });
      await ensureMemberAgent(tx, actor.businessId, user, patch.capacity);
      const updated = await tx.agent.updateMany({ where: { businessId: actor.businessId, userId, kind: "HUMAN", NOT: { capacity: patch.capacity } }, data: { capacity: patch.capacity } });
      capacityChanged = updated.count > 0;
      await tx.auditLog.create({ data: { businessId: actor.businessId, actorUserId: actor.userId, action: "team.capacity_changed", target: userId, meta: { capacity: patch.capacity } } });
    }
    const member = await loadMember(tx, actor.businessId, userId);
    if (!member) throw memberNotFound();
    return { member, capacityChanged };
  });
}

/**
 * `DELETE /api/v1/admin/team/{user_id}`: the membership goes (their access ends at once, on every
 * node); their agent row stays for the history it authored. Returns that agent, whose chats the
 * caller hands back to the queue.
 */
export async function removeMember(db: PrismaClient, actor: TeamActor, userId: string): Promise<{ agentId: string | null }> {
  return db.$transaction(async (tx) => {
    const owners = await lockOwners(tx, actor.businessId);
    const current = await lockMembership(tx, actor.businessId, userId);
    // Leaving a business is always one's own choice (the last owner still cannot leave it ownerless).
    if (userId !== actor.userId) {
      requireStillOwner(actor, owners);
      requireManages(actor.role, current.role);
    }
    if (current.role === "OWNER") requireAnotherOwner(owners, userId);
    await tx.membership.delete({ where: { userId_businessId: { userId, businessId: actor.businessId } } });
    await tx.auditLog.create({
      data: { businessId: actor.businessId, actorUserId: actor.userId, action: userId === actor.userId ? "team.member_left" : "team.member_removed", target: userId, meta: { role: current.role } },
    });
    const agent = await tx.agent.findFirst({ where: { businessId: actor.businessId, userId, kind: "HUMAN" }, select: { id: true } });
    return { agentId: agent?.id ?? null };
  });
}
