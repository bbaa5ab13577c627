import { Prisma } from "../db/generated/client";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import type { SavedReplyInput, SavedReplyPatch, SavedReplyWire } from "../contract/saved-replies";

const fileColumns = { id: true, fileName: true, contentType: true, byteSize: true } as const;
const replyColumns = {
  id: true,
  title: true,
  shortcut: true,
  body: true,
  createdAt: true,
  updatedAt: true,
  attachments: { select: fileColumns, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.SavedReplySelect;

type SavedReplyRow = Prisma.SavedReplyGetPayload<{ select: typeof replyColumns }>;

const toWire = ({ attachments: [file], ...row }: SavedReplyRow): SavedReplyWire => ({
  id: row.id,
  title: row.title,
  shortcut: row.shortcut,
  body: row.body,
  attachment: file ? { id: file.id, file_name: file.fileName, content_type: file.contentType, byte_size: file.byteSize } : null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const shortcutTaken = (shortcut: string) => new AppError("conflict", `Another saved reply already uses the shortcut /${shortcut}.`, { fields: { shortcut: ["already used by another saved reply"] } });

/** The (business, shortcut) unique index refused the write: two replies cannot answer to one "/shortcut". */
async function withFreeShortcut<T>(shortcut: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (shortcut !== undefined && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw shortcutTaken(shortcut);
    throw error;
  }
}

/** The reply `replyId` of the scope's business; malformed, missing and foreign ids all answer the same 404. */
export async function findReply(db: DbClient, scope: BusinessScope, replyId: string): Promise<SavedReplyRow> {
  const row = isUuid(replyId) ? await db.savedReply.findFirst({ where: { id: replyId, businessId: scope.businessId }, select: replyColumns }) : null;
  if (!row) throw notFound("Saved reply");
  return row;
}

/** Every saved reply of the business, by shortcut. */
export async function listSavedReplies(db: DbClient, scope: BusinessScope): Promise<SavedReplyWire[]> {
  const rows = await db.savedReply.findMany({ where: { businessId: scope.businessId }, select: replyColumns, orderBy: [{ shortcut: "asc" }] });
  return rows.map(toWire);
}

export async function getSavedReply(db: DbClient, scope: BusinessScope, replyId: string): Promise<SavedReplyWire> {
  return toWire(await findReply(db, scope, replyId));
}

export async function createSavedReply(db: PrismaClient, scope: BusinessScope, actorUserId: string, input: SavedReplyInput): Promise<SavedReplyWire> {
  return withFreeShortcut(input.shortcut, () =>
    db.$transaction(async (tx) => {
      const row = await tx.savedReply.create({ data: { businessId: scope.businessId, createdByUserId: actorUserId, ...input }, select: replyColumns });
      await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "saved_reply.created", target: row.id, meta: { shortcut: row.shortcut, title: row.title } } });
      return toWire(row);
    }),
  );
}

export async function updateSavedReply(db: PrismaClient, scope: BusinessScope, actorUserId: string, replyId: string, patch: SavedReplyPatch): Promise<SavedReplyWire> {
  return withFreeShortcut(patch.shortcut, () =>
    db.$transaction(async (tx) => {
      const before = await findReply(tx, scope, replyId);
      const row = await tx.savedReply.update({ where: { id: before.id }, data: patch, select: replyColumns });
      const changed = (["title", "shortcut", "body"] as const).filter((field) => before[field] !== row[field]);
      await tx.auditLog.create({
        data: { businessId: scope.businessId, actorUserId, action: "saved_reply.updated", target: row.id, meta: { shortcut: row.shortcut, title: row.title, changed } },
      });
      return toWire(row);
    }),
  );
}

/** Deletes the reply (its file's row with it); answers the storage keys of its files, for the caller to remove once committed. */
export async function deleteSavedReply(db: PrismaClient, scope: BusinessScope, actorUserId: string, replyId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const row = await findReply(tx, scope, replyId);
    const files = await tx.attachment.findMany({ where: { savedReplyId: row.id }, select: { storageKey: true } });
    await tx.savedReply.delete({ where: { id: row.id } });
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "saved_reply.deleted", target: row.id, meta: { shortcut: row.shortcut, title: row.title } } });
    return files.map((file) => file.storageKey);
  });
}
