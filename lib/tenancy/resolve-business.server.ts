import type { Role } from "../db/generated/enums";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { listMemberships, scopeOfMembership, type BusinessScope, type MembershipSummary } from "./memberships.server";
import { recallBusinessSelection } from "./business-selection.server";

export interface ResolvedBusiness {
  businessId: string;
  /** The chosen business, checked: the caller's role in it comes with it. */
  scope: BusinessScope & { role: Role };
  memberships: MembershipSummary[];
}

/**
 * Which business a staff user is looking at: the one asked for (membership checked), else the
 * selection remembered for 24 h (if still a member), else their first business.
 */
export async function resolveBusiness(db: PrismaClient, userId: string, requested?: string): Promise<ResolvedBusiness> {
  // One read of the memberships answers both "may they see it" and "what else can they pick".
  const memberships = await listMemberships(db, userId);
  const resolved = (membership: MembershipSummary) => ({ businessId: membership.businessId, scope: scopeOfMembership(membership), memberships });
  if (requested) {
    const membership = memberships.find((m) => m.businessId === requested);
    if (!membership) throw notFound("Business");
    return resolved(membership);
  }
  if (memberships.length === 0) throw new AppError("not_found", "You are not a member of any business.");
  const remembered = await recallBusinessSelection(db, userId);
  return resolved(memberships.find((m) => m.businessId === remembered) ?? memberships[0]);
}
