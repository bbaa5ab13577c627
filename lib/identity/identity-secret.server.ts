import type { PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { notFound } from "../errors/app-error";
import type { BusinessScope } from "../tenancy/memberships.server";
import type { IdentitySecretWire, IdentityStatusWire } from "../contract/identity";
import { newIdentitySecret } from "./user-hash.server";

/** Who may see whether a secret exists and create or rotate it. */
export const IDENTITY_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

const toStatus = (createdAt: Date | null): IdentityStatusWire => ({ configured: createdAt !== null, created_at: createdAt?.toISOString() ?? null });

export async function loadIdentityStatus(db: PrismaClient, scope: BusinessScope): Promise<IdentityStatusWire> {
  const business = await db.business.findUnique({ where: { id: scope.businessId }, select: { identitySecret: true, identitySecretCreatedAt: true } });
  if (!business) throw notFound("Business");
  return toStatus(business.identitySecret ? business.identitySecretCreatedAt : null);
}

/**
 * A new secret for the business, replacing any earlier one at once (every user_hash made with the
 * old one stops verifying), audit-logged without the secret. The secret is in this answer only.
 */
export async function rotateIdentitySecret(db: PrismaClient, scope: BusinessScope, actorUserId: string, now = new Date()): Promise<IdentitySecretWire> {
  const secret = newIdentitySecret();
  return db.$transaction(async (tx) => {
    const before = await tx.business.findUnique({ where: { id: scope.businessId }, select: { identitySecret: true } });
    if (!before) throw notFound("Business");
    await tx.business.update({ where: { id: scope.businessId }, data: { identitySecret: secret, identitySecretCreatedAt: now } });
    const action = before.identitySecret ? "identity.secret_rotated" : "identity.secret_created";
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action, target: scope.businessId, meta: {} } });
    return { ...toStatus(now), secret };
  });
}
