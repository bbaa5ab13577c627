import type { PrismaClient } from "../db/prisma-client.server";

/** A staff user's chosen business is remembered this long (DESIGN §6). */
export const SELECTION_TTL_MS = 24 * 60 * 60 * 1000;

export async function rememberBusinessSelection(db: PrismaClient, userId: string, businessId: string, now = new Date()): Promise<void> {
  const data = { businessId, selectedAt: now, expiresAt: new Date(now.getTime() + SELECTION_TTL_MS) };
  await db.businessSelection.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

export async function recallBusinessSelection(db: PrismaClient, userId: string, now = new Date()): Promise<string | null> {
  const row = await db.businessSelection.findFirst({ where: { userId, expiresAt: { gt: now } }, select: { businessId: true } });
  return row?.businessId ?? null;
}

/** Deletes selections past their 24 h. */
export async function deleteExpiredSelections(db: PrismaClient, now = new Date()): Promise<number> {
  return (await db.businessSelection.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
