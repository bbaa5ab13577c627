import type { PrismaClient } from "../db/prisma-client.server";
import type { Role } from "../db/generated/enums";
import { AppError, notFound } from "../errors/app-error";

declare const verifiedScope: unique symbol;

/**
 * The only way to hold tenant data: a business whose access was checked. Branded, so it cannot be
 * written as a plain `{ businessId }`: it comes from the membership check (requireMembership), or
 * from systemScope for work that acts for the business itself, named for the reason.
 */
export interface BusinessScope {
  readonly businessId: string;
  readonly [verifiedScope]: true;
}

/**
 * A scope for the system acting in a business it already holds a reference to: a customer's chat
 * token resolved to its business, a job of that business, a public page found by its slug. The
 * reason says which; staff access always goes through requireMembership instead.
 */
export function systemScope(businessId: string, _reason: "customer-token" | "job" | "live-update" | "public-page" | "tooling"): BusinessScope {
  return verified(businessId);
}

const verified = (businessId: string) => ({ businessId }) as BusinessScope;

/** The scope a membership row grants (its holder's role with it): for lib/tenancy's own membership checks. */
export const scopeOfMembership = (membership: Pick<MembershipSummary, "businessId" | "role">): BusinessScope & { role: Role } => ({ ...verified(membership.businessId), role: membership.role });

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
export async function requireMembership(db: PrismaClient, userId: string, businessId: string, roles?: readonly Role[]): Promise<BusinessScope & { role: Role }> {
  if (!isUuid(businessId)) throw notFound("Business");
  const membership = await db.membership.findUnique({
    where: { userId_businessId: { userId, businessId } },
    select: { role: true },
  });
  if (!membership) throw notFound("Business");
  requireRole(membership.role, roles);
  return { ...verified(businessId), role: membership.role };
}

/** A member already knows the business exists: a role that is not enough is a plain 403. */
export function requireRole(role: Role, roles?: readonly Role[]): void {
  if (roles && !roles.includes(role)) throw new AppError("forbidden", "Your role does not allow this.");
}
