import type { StaffActor } from "../chat/agent-actions.server";
import { storeCopy, storeUpload, type AttachmentSettings, type IncomingFile } from "../chat/attachments.server";
import type { LiveChat } from "../chat/live-chat.server";
import type { SavedReplyFileSendQuery, SavedReplyInput, SavedReplyListWire, SavedReplyPatch, SavedReplyWire } from "../contract/saved-replies";
import { nextDashboardVersion } from "../dashboard/next-version.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import { createSavedReply, deleteSavedReply, findReply, getSavedReply, listSavedReplies, updateSavedReply } from "./saved-replies.server";
import { removeReplyFile, replaceReplyFile } from "./saved-reply-files.server";

/** What saved replies need of live chat: the push, the file store, and the holder's send path for a reply's file. */
export type SavedRepliesLive = Pick<LiveChat, "publishSavedReplies" | "attachmentSettings" | "sendAgentFile">;

/** The list and a version taken before reading it: a push or fetch with a higher version saw at least as much. */
export async function listSavedRepliesVersioned(db: PrismaClient, scope: BusinessScope): Promise<SavedReplyListWire> {
  const version = await nextDashboardVersion(db);
  return { saved_replies: await listSavedReplies(db, scope), version };
}

/** The list as it is now, to the business's staff (saved_replies.updated). */
async function publishList(db: PrismaClient, live: SavedRepliesLive, scope: BusinessScope) {
  const { saved_replies, version } = await listSavedRepliesVersioned(db, scope);
  live.publishSavedReplies({ company_id: scope.businessId, version, saved_replies });
}

/** Files whose rows are gone (committed): their bytes leave the store. Message attachments are copies, so none of them is touched. */
async function removeStored(settings: AttachmentSettings, keys: string[]) {
  await Promise.all(keys.map((key) => settings.store.delete(key)));
}

export async function createSavedReplyLive(db: PrismaClient, live: SavedRepliesLive, scope: BusinessScope, actorUserId: string, input: SavedReplyInput): Promise<SavedReplyWire> {
  const reply = await createSavedReply(db, scope, actorUserId, input);
  await publishList(db, live, scope);
  return reply;
}

export async function updateSavedReplyLive(db: PrismaClient, live: SavedRepliesLive, scope: BusinessScope, actorUserId: string, replyId: string, patch: SavedReplyPatch): Promise<SavedReplyWire> {
  const reply = await updateSavedReply(db, scope, actorUserId, replyId, patch);
  await publishList(db, live, scope);
  return reply;
}

export async function deleteSavedReplyLive(db: PrismaClient, live: SavedRepliesLive, scope: BusinessScope, actorUserId: string, replyId: string): Promise<void> {
  const keys = await deleteSavedReply(db, scope, actorUserId, replyId);
  if (keys.length) await removeStored(live.attachmentSettings(), keys);
  await publishList(db, live, scope);
}

/**
 * The reply's file (replacing the one it had): checked and stored like a message's (kind from the
 * bytes, size limit), then recorded under the reply's lock. A missing reply is refused before any
 * byte is kept; a reply deleted meanwhile leaves nothing behind.
 */
export async function attachSavedReplyFile(
  db: PrismaClient,
  live: SavedRepliesLive,
  scope: BusinessScope,
  actorUserId: string,
  replyId: string,
  file: IncomingFile<{ file_name: string }>,
): Promise<SavedReplyWire> {
  await findReply(db, scope, replyId);
  const settings = live.attachmentSettings();
  const upload = await storeUpload(settings, scope.businessId, file);
  let replaced: string[];
  try {
    replaced = await replaceReplyFile(db, scope, actorUserId, replyId, upload.attachment);
  } catch (error) {
    await upload.remove();
    throw error;
  }
  await removeStored(settings, replaced);
  await publishList(db, live, scope);
  return getSavedReply(db, scope, replyId);
}

/** Takes the file off the reply (nothing to do when it has none: answered with the reply as it is). */
export async function removeSavedReplyFile(db: PrismaClient, live: SavedRepliesLive, scope: BusinessScope, actorUserId: string, replyId: string): Promise<SavedReplyWire> {
  const removed = await removeReplyFile(db, scope, actorUserId, replyId);
  if (removed.length) {
    await removeStored(live.attachmentSettings(), removed);
    await publishList(db, live, scope);
  }
  return getSavedReply(db, scope, replyId);
}

/**
 * The saved reply's file as the holder's message: a copy of its bytes under the message's own key,
 * sent on the path of an uploaded file (idempotent on client_message_id; a retry's copy is removed).
 */
export function sendSavedReplyFile(db: PrismaClient, live: SavedRepliesLive, actor: StaffActor, sessionId: string, query: SavedReplyFileSendQuery) {
  return live.sendAgentFile(actor, sessionId, query.client_message_id, async (settings) => {
    const reply = await findReply(db, actor, query.saved_reply_id);
    const [file] = await db.attachment.findMany({
      where: { savedReplyId: reply.id },
      orderBy: { createdAt: "desc" },
      take: 1,
      select: { storageKey: true, fileName: true, contentType: true, byteSize: true, sha256: true },
    });
    if (!file) throw notFound("Saved reply file");
    return storeCopy(settings, actor.businessId, file, query.caption);
  });
}
