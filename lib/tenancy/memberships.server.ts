import type { PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { AppError, notFound } from "../errors/app-error";

/** The only way to hold tenant data: a business the caller is a verified member of. */
export interface BusinessScope {
  businessId: string;
}

export interface MembershipSummary {
  businessId: string;
  slug: string;
  name: string;
  legalName: string;
  role: Role;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether `id` can be a row id at all: anything else is answered as missing without a query. */
export const isUuid = (id: string) => uuidPattern.test(id);

export async function listMemberships(db: PrismaClient, userId: string): Promise<MembershipSummary[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, business: { select: { id: true, slug: true, name: true, legalName: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({ businessId: row.business.id, slug: row.business.slug, name: row.business.name, legalName: row.business.legalName, role: row.role }));
}

/**
 * Resolve a business the user asked for into a scope. A business that exists but is not theirs
 * answers exactly like one that does not exist, so ids cannot be probed.
 */
export async function requireMembership(
  db: PrismaClient,
  userId: string,
  businessId: string,
  roles?: readonly Role[],
): Promise<BusinessScope & { role: Role }> {
  if (!isUuid(businessId)) throw notFound("Business");
  const membership = await db.membership.findUnique({
    where: { userId_businessId: { userId, businessId } },
    select: { role: true },
  });
  if (!membership) throw notFound("Business");
  requireRole(membership.role, roles);
  return { businessId, role: membership.role };
}

/** A member already knows the business exists: a role that is not enough is a plain 403. */
export function requireRole(role: Role, roles?: readonly Role[]): void {
  if (roles && !roles.includes(role)) throw new AppError("forbidden", "Your role does not allow this.");
}
