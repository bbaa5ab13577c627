import type { PrismaClient } from "../db/prisma-client.server";

/** A staff user's chosen business is remembered this long (DESIGN §6). */
export const SELECTION_TTL_MS = 24 * 60 * 60 * 1000;

export async function rememberBusinessSelection(db: PrismaClient, userId: string, businessId: string): Promise<void> {
  // One statement that writes nothing when the same business was chosen within the last minute:
  // every workspace connect (thousands at once in a reconnect storm) remembers its business.
  await db.$executeRaw`
    INSERT INTO "BusinessSelection" ("userId", "businessId", "selectedAt", "expiresAt")
    VALUES (${userId}::uuid, ${businessId}::uuid, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + make_interval(secs => ${SELECTION_TTL_MS / 1000}))
    ON CONFLICT ("userId") DO UPDATE SET "businessId" = EXCLUDED."businessId", "selectedAt" = EXCLUDED."selectedAt", "expiresAt" = EXCLUDED."expiresAt"
    WHERE "BusinessSelection"."businessId" <> EXCLUDED."businessId" OR "BusinessSelection"."selectedAt" < EXCLUDED."selectedAt" - interval '1 minute'`;
}

export async function recallBusinessSelection(db: PrismaClient, userId: string, now = new Date()): Promise<string | null> {
  const row = await db.businessSelection.findFirst({ where: { userId, expiresAt: { gt: now } }, select: { businessId: true } });
  return row?.businessId ?? null;
}

/** Deletes selections past their 24 h. */
export async function deleteExpiredSelections(db: PrismaClient, now = new Date()): Promise<number> {
  return (await db.businessSelection.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
