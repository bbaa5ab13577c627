import type { StaffSession } from "../contract/staff";
import { TAGS_PER_SESSION_MAX, type SessionTagAction } from "../contract/tags";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import type { StaffActor } from "../chat/agent-actions.server";
import { NothingToDo, transitionIfStillApplicable, type SessionChange } from "../chat/session-store.server";
import { staffSessionSelect, toStaffSession } from "../chat/wire.server";
import { isUuid } from "../tenancy/memberships.server";
import { findTag } from "./tag-list.server";

export interface SessionTagOutcome {
  /** Null when the chat already was as asked (a tag added twice is one tag): nothing new to push. */
  change: SessionChange | null;
  session: StaffSession;
}

/**
 * Puts a tag of the actor's business on one of its chats, or takes it off, whatever the chat's
 * status (tagging after the fact is how chats get sorted). A session change like any other: under
 * the session's row lock with a new version, so every client orders it with the chat's other
 * changes. Another business's tag or chat answers exactly like a missing one.
 */
export async function changeSessionTag(db: PrismaClient, actor: StaffActor, sessionId: string, tagId: string, action: SessionTagAction): Promise<SessionTagOutcome> {
  if (!isUuid(sessionId)) throw notFound("Chat session");
  const change = await transitionIfStillApplicable(db, {
    businessId: actor.businessId,
    sessionId,
    reason: action === "add" ? "tagged" : "untagged",
    async apply(tx) {
      const tag = await findTag(tx, actor, tagId);
      if (action === "remove") {
        const { count } = await tx.sessionTag.deleteMany({ where: { sessionId, tagId: tag.id } });
        if (count === 0) throw new NothingToDo();
        return {};
      }
      const carried = await tx.sessionTag.findMany({ where: { sessionId }, select: { tagId: true } });
      if (carried.some((row) => row.tagId === tag.id)) throw new NothingToDo();
      if (carried.length >= TAGS_PER_SESSION_MAX) throw new AppError("conflict", `A chat can carry at most ${TAGS_PER_SESSION_MAX} tags.`);
      await tx.sessionTag.create({ data: { businessId: actor.businessId, sessionId, tagId: tag.id, addedByUserId: actor.userId } });
      return {};
    },
  });
  if (change) return { change, session: change.session };
  // Nothing changed: answered with the chat as it stands (a foreign or missing tag was refused above).
  const row = await db.chatSession.findFirst({ where: { id: sessionId, businessId: actor.businessId }, select: staffSessionSelect });
  if (!row) throw notFound("Chat session");
  return { change: null, session: toStaffSession(row) };
}

/**
 * New versions of chats whose tags read differently because the tag itself changed (renamed,
 * recoloured, deleted): pushed like a tagging, so every list shows the tag as it is now.
 */
export async function retouchSessions(db: PrismaClient, businessId: string, sessionIds: readonly string[], reason: "tagged" | "untagged"): Promise<SessionChange[]> {
  const changes: SessionChange[] = [];
  for (const sessionId of sessionIds) {
    const change = await transitionIfStillApplicable(db, { businessId, sessionId, reason, apply: async () => ({}) }).catch((error: unknown) => {
      // Deleted meanwhile: nothing left to show.
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
    if (change) changes.push(change);
  }
  return changes;
}
