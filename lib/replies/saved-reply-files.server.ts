import type { NewAttachment } from "../chat/session-store.server";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import { findReply } from "./saved-replies.server";

/** The reply, locked until the transaction ends: two file changes to one reply take turns, and a deleted one is a 404. */
async function lockReply(tx: DbClient, scope: BusinessScope, replyId: string) {
  const reply = await findReply(tx, scope, replyId);
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SavedReply" WHERE id = ${reply.id}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("Saved reply");
  return reply;
}

/** Files the reply has (the newest is the one it sends; an older one is only there if it was never cleaned up). */
const filesOf = (tx: DbClient, replyId: string) => tx.attachment.findMany({ where: { savedReplyId: replyId }, orderBy: { createdAt: "desc" }, select: { id: true, storageKey: true, fileName: true } });

/** Records `file` (already in the store) as the reply's one file, audit-logged; answers the storage keys it replaced. */
export async function replaceReplyFile(db: PrismaClient, scope: BusinessScope, actorUserId: string, replyId: string, file: NewAttachment): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const reply = await lockReply(tx, scope, replyId);
    const previous = await filesOf(tx, reply.id);
    await tx.attachment.deleteMany({ where: { id: { in: previous.map((row) => row.id) } } });
    await tx.attachment.create({ data: { ...file, businessId: scope.businessId, savedReplyId: reply.id } });
    await tx.savedReply.update({ where: { id: reply.id }, data: { updatedAt: new Date() } });
    await tx.auditLog.create({
      data: {
        businessId: scope.businessId,
        actorUserId,
        action: "saved_reply.attachment_added",
        target: reply.id,
        meta: { shortcut: reply.shortcut, title: reply.title, file_name: file.fileName, content_type: file.contentType, byte_size: file.byteSize, replaced: previous[0]?.fileName ?? null },
      },
    });
    return previous.map((row) => row.storageKey);
  });
}

/** Takes the reply's file off it, audit-logged; answers the storage keys removed (none when it had no file: nothing is logged). */
export async function removeReplyFile(db: PrismaClient, scope: BusinessScope, actorUserId: string, replyId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const reply = await lockReply(tx, scope, replyId);
    const previous = await filesOf(tx, reply.id);
    if (previous.length === 0) return [];
    await tx.attachment.deleteMany({ where: { id: { in: previous.map((row) => row.id) } } });
    await tx.savedReply.update({ where: { id: reply.id }, data: { updatedAt: new Date() } });
    await tx.auditLog.create({
      data: {
        businessId: scope.businessId,
        actorUserId,
        action: "saved_reply.attachment_removed",
        target: reply.id,
        meta: { shortcut: reply.shortcut, title: reply.title, file_name: previous[0].fileName },
      },
    });
    return previous.map((row) => row.storageKey);
  });
}
