import type { AccessChange } from "../auth/access-changes.server";
import { Prisma } from "../db/generated/client";
import { queryPrepared, type PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import { inBusinessRooms, leaveBusinessRooms } from "./staff-connection.server";
import type { DashboardNamespace, DashboardSocket } from "./dashboard-socket.server";
import { userRoom } from "./rooms";

const SESSION_ENDED = "Your session has ended. Sign in again.";
const MEMBERSHIP_REMOVED = "You are no longer a member of this business.";

const memberKey = (userId: string, businessId: string) => `${userId}:${businessId}`;

// The periodic re-check reads a node's every socket: prepared statements over arrays, because the
// same reads through Prisma (an OR of 1,000 pairs) held the event loop for about 100 ms every 30 s.

/** Which of these sign-ins are still live. */
async function liveSessionIds(db: PrismaClient, sessionIds: string[]): Promise<Set<string>> {
  const rows = await queryPrepared<{ id: string }>(
    db,
    "recheck-live-sessions",
    Prisma.sql`SELECT id::text AS id FROM "AuthSession" WHERE id = ANY(${sessionIds}::uuid[]) AND "expiresAt" > now() AT TIME ZONE 'UTC'`,
  );
  return new Set(rows.map((row) => row.id));
}

/** Which of these (user, business) pairs are memberships, as memberKey strings. */
async function memberPairs(db: PrismaClient, pairs: { userId: string; businessId: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await queryPrepared<{ userId: string; businessId: string }>(
    db,
    "recheck-memberships",
    Prisma.sql`SELECT m."userId"::text AS "userId", m."businessId"::text AS "businessId"
               FROM "Membership" m
               JOIN unnest(${pairs.map((pair) => pair.userId)}::uuid[], ${pairs.map((pair) => pair.businessId)}::uuid[]) AS w("userId", "businessId")
                 ON m."userId" = w."userId" AND m."businessId" = w."businessId"`,
  );
  return new Set(rows.map((row) => memberKey(row.userId, row.businessId)));
}

/** Applies access changes to the staff sockets this node holds (other nodes apply them to theirs). */
export function createAccessEnforcer(deps: { dashboard: DashboardNamespace; db: PrismaClient; logger: Logger }) {
  const { dashboard, db } = deps;

  // Through the user's room on this node: a change costs the user's sockets, not every socket's.
  const socketsOf = (userId: string) =>
    [...(dashboard.adapter.rooms.get(userRoom(userId)) ?? [])].flatMap((id) => {
      const socket = dashboard.sockets.get(id);
      return socket ? [socket] : [];
    });

  function endSession(socket: DashboardSocket) {
    leaveBusinessRooms(socket);
    socket.emit("access.revoked", { reason: "session_ended", message: SESSION_ENDED });
    socket.disconnect(true);
  }

  function removeFromBusiness(socket: DashboardSocket) {
    if (!inBusinessRooms(socket)) return;
    leaveBusinessRooms(socket);
    socket.emit("access.revoked", { reason: "membership_removed", company_id: socket.data.businessId, message: MEMBERSHIP_REMOVED });
  }

  function apply(change: AccessChange): void {
    for (const socket of socketsOf(change.user_id)) {
      if (change.kind === "session_ended" && socket.data.sessionId === change.session_id) endSession(socket);
      else if (change.kind === "membership_removed" && socket.data.businessId === change.business_id) removeFromBusiness(socket);
      else if (change.kind === "role_changed" && socket.data.businessId === change.business_id) {
        socket.emit("access.changed", { company_id: change.business_id, role: change.role });
      }
    }
  }

  /** Every socket against the database (after changes may have been missed): batched reads, not one per socket. */
  async function recheckAll(): Promise<void> {
    const sockets = [...dashboard.sockets.values()];
    for (let start = 0; start < sockets.length; start += 1_000) {
      const batch = sockets.slice(start, start + 1_000);
      const liveSessions = await liveSessionIds(db, [...new Set(batch.map((s) => s.data.sessionId))]);
      // The business each socket watched when its membership was read: one that opened a workspace
      // during the read was checked by that open, and must not be judged by a read that left it out.
      const watching = new Map(batch.filter(inBusinessRooms).map((socket) => [socket, socket.data.businessId!]));
      const members = await memberPairs(
        db,
        [...watching].map(([socket, businessId]) => ({ userId: socket.data.userId, businessId })),
      );
      for (const socket of batch) {
        if (!socket.connected) continue;
        const readFor = watching.get(socket);
        if (!liveSessions.has(socket.data.sessionId)) endSession(socket);
        else if (readFor !== undefined && readFor === socket.data.businessId && inBusinessRooms(socket) && !members.has(memberKey(socket.data.userId, readFor))) removeFromBusiness(socket);
      }
    }
  }

  return { apply, recheckAll };
}

export type AccessEnforcer = ReturnType<typeof createAccessEnforcer>;
