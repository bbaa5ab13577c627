import type { StaffActor } from "../chat/agent-actions.server";
import type { LiveChat } from "../chat/live-chat.server";
import type { SessionTagAction, TagCreateInput, TagListEntry, TagUpdateInput, TagWire } from "../contract/tags";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import { changeSessionTag, retouchSessions, type SessionTagOutcome } from "./session-tags.server";
import { createTag, deleteTag, listTagWires, updateTag, type TagListChange } from "./tag-list.server";

/** What tags need of live chat: its publishing (the socket handlers and the routes hand it over). */
export type TagPublishing = Pick<LiveChat, "publishSessionChange" | "publishTagList">;

/** The tag list as it is now, to the business's staff (version taken before the read: a later change carries a higher one). */
async function publishTagList(db: PrismaClient, live: TagPublishing, businessId: string) {
  const version = await nextDashboardVersion(db);
  live.publishTagList({ company_id: businessId, version, tags: await listTagWires(db, businessId) });
}

async function afterListChange<T>(db: PrismaClient, live: TagPublishing, businessId: string, changed: TagListChange<T>, reason: "tagged" | "untagged"): Promise<T> {
  await publishTagList(db, live, businessId);
  for (const change of await retouchSessions(db, businessId, changed.openSessionIds, reason)) live.publishSessionChange(change);
  return changed.result;
}

/** A tag put on or taken off a chat: committed, then pushed to the business's staff (nothing when it already was so). */
export async function tagSession(db: PrismaClient, live: TagPublishing, actor: StaffActor, sessionId: string, tagId: string, action: SessionTagAction): Promise<SessionTagOutcome> {
  const outcome = await changeSessionTag(db, actor, sessionId, tagId, action);
  if (outcome.change) live.publishSessionChange(outcome.change);
  return outcome;
}

export async function createTagLive(db: PrismaClient, live: TagPublishing, scope: BusinessScope, actorUserId: string, input: TagCreateInput): Promise<TagListEntry> {
  const tag = await createTag(db, scope, actorUserId, input);
  await publishTagList(db, live, scope.businessId);
  return tag;
}

export async function updateTagLive(db: PrismaClient, live: TagPublishing, scope: BusinessScope, actorUserId: string, tagId: string, input: TagUpdateInput): Promise<TagListEntry> {
  return afterListChange(db, live, scope.businessId, await updateTag(db, scope, actorUserId, tagId, input), "tagged");
}

export async function deleteTagLive(db: PrismaClient, live: TagPublishing, scope: BusinessScope, actorUserId: string, tagId: string): Promise<TagWire> {
  return afterListChange(db, live, scope.businessId, await deleteTag(db, scope, actorUserId, tagId), "untagged");
}
