import { Prisma } from "../db/generated/client";
import type { Role } from "../db/generated/enums";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { ENDED_STATUSES } from "../contract/staff";
import { TAGS_PER_BUSINESS_MAX, toTagWire, type TagCreateInput, type TagListEntry, type TagUpdateInput, type TagWire } from "../contract/tags";
import { tagSelect } from "../chat/wire.server";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";

/** Who manages a business's tag list (API and page); every member tags chats with it. */
export const TAG_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

const listSelect = { ...tagSelect, createdAt: true, _count: { select: { sessions: true } } } satisfies Prisma.TagSelect;
type ListRow = Prisma.TagGetPayload<{ select: typeof listSelect }>;

const toListEntry = (row: ListRow): TagListEntry => ({ ...toTagWire(row), created_at: row.createdAt.toISOString(), session_count: row._count.sessions });

const byName = [{ name: "asc" }, { id: "asc" }] satisfies Prisma.TagOrderByWithRelationInput[];

const nameTaken = (name: string) => new AppError("conflict", `There is already a tag called “${name}”.`, { fields: { name: ["a tag with this name already exists"] } });
const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The tag `tagId` of the scope's business; a malformed, missing or foreign id answers the same 404. */
export async function findTag(db: DbClient, scope: BusinessScope, tagId: string): Promise<TagWire> {
  const row = isUuid(tagId) ? await db.tag.findFirst({ where: { id: tagId, businessId: scope.businessId }, select: tagSelect }) : null;
  if (!row) throw notFound("Tag");
  return toTagWire(row);
}

/** The business's tags with how many chats carry each, by name. */
export async function listTags(db: PrismaClient, scope: BusinessScope): Promise<TagListEntry[]> {
  const rows = await db.tag.findMany({ where: { businessId: scope.businessId }, select: listSelect, orderBy: byName });
  return rows.map(toListEntry);
}

/** The business's tags as chats carry them (the tags.updated push, the workspace). */
export async function listTagWires(db: DbClient, businessId: string): Promise<TagWire[]> {
  const rows = await db.tag.findMany({ where: { businessId }, select: tagSelect, orderBy: byName });
  return rows.map(toTagWire);
}

export async function createTag(db: PrismaClient, scope: BusinessScope, actorUserId: string, input: TagCreateInput): Promise<TagListEntry> {
  try {
    return await db.$transaction(async (tx) => {
      // Under the business row's lock, so two creates at once cannot both pass the limit.
      await tx.$queryRaw`SELECT id FROM "Business" WHERE id = ${scope.businessId}::uuid FOR UPDATE`;
      if ((await tx.tag.count({ where: { businessId: scope.businessId } })) >= TAGS_PER_BUSINESS_MAX) {
        throw new AppError("conflict", `A business can have at most ${TAGS_PER_BUSINESS_MAX} tags; delete one you no longer use first.`);
      }
      const row = await tx.tag.create({ data: { businessId: scope.businessId, name: input.name, color: input.color }, select: listSelect });
      await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "tag.created", target: row.id, meta: { name: row.name, color: row.color } } });
      return toListEntry(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** The open chats carrying a tag: their staff views show it, so they are pushed again when it changes. */
async function openSessionsWith(tx: DbClient, businessId: string, tagId: string): Promise<string[]> {
  const rows = await tx.sessionTag.findMany({ where: { businessId, tagId, session: { status: { notIn: [...ENDED_STATUSES] } } }, select: { sessionId: true } });
  return rows.map((row) => row.sessionId);
}

export interface TagListChange<T> {
  result: T;
  /** Open chats whose tags now read differently. */
  openSessionIds: string[];
}

export async function updateTag(db: PrismaClient, scope: BusinessScope, actorUserId: string, tagId: string, input: TagUpdateInput): Promise<TagListChange<TagListEntry>> {
  try {
    return await db.$transaction(async (tx) => {
      const before = await findTag(tx, scope, tagId);
      const row = await tx.tag.update({ where: { id: before.id }, data: { name: input.name, color: input.color }, select: listSelect });
      await tx.auditLog.create({
        data: { businessId: scope.businessId, actorUserId, action: "tag.updated", target: row.id, meta: { name: row.name, color: row.color, previous: { name: before.name, color: before.color } } },
      });
      return { result: toListEntry(row), openSessionIds: await openSessionsWith(tx, scope.businessId, row.id) };
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name !== undefined) throw nameTaken(input.name);
    throw error;
  }
}

/** Deletes the tag and takes it off every chat (the history keeps no trace of it but the audit log). */
export async function deleteTag(db: PrismaClient, scope: BusinessScope, actorUserId: string, tagId: string): Promise<TagListChange<TagWire>> {
  return db.$transaction(async (tx) => {
    const tag = await findTag(tx, scope, tagId);
    const openSessionIds = await openSessionsWith(tx, scope.businessId, tag.id);
    const sessionCount = await tx.sessionTag.count({ where: { tagId: tag.id } });
    await tx.tag.delete({ where: { id: tag.id } });
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "tag.deleted", target: tag.id, meta: { name: tag.name, color: tag.color, session_count: sessionCount } } });
    return { result: tag, openSessionIds };
  });
}
