import type { PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "./memberships.server";

/**
 * Merges `patch` into the business's settings JSON and writes its audit row, in one transaction.
 * One UPDATE merges the keys, so a concurrent write of another setting is never overwritten by a
 * stale read. Returns the settings as stored.
 */
export async function updateBusinessSettings(
  db: PrismaClient,
  scope: BusinessScope,
  audit: { actorUserId: string; action: string; meta: Record<string, unknown> },
  patch: Record<string, unknown>,
): Promise<unknown> {
  return db.$transaction(async (tx) => {
    const [business] = await tx.$queryRaw<{ settings: unknown }[]>`
      UPDATE "Business"
      SET settings = (CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END) || ${JSON.stringify(patch)}::jsonb
      WHERE id = ${scope.businessId}::uuid
      RETURNING settings`;
    if (!business) throw notFound("Business");
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId: audit.actorUserId, action: audit.action, target: scope.businessId, meta: audit.meta as object } });
    return business.settings;
  });
}
