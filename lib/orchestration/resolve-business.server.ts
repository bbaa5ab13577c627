import type { PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import { listMemberships, type MembershipSummary } from "../tenancy/memberships.server";
import { recallBusinessSelection } from "./orchestration-store.server";

export interface ResolvedBusiness {
  businessId: string;
  memberships: MembershipSummary[];
}

/**
 * Which business a staff user is looking at: the one asked for (membership checked), else the
 * selection remembered for 24 h (if still a member), else their first business.
 */
export async function resolveBusiness(db: PrismaClient, userId: string, requested?: string): Promise<ResolvedBusiness> {
  // One read of the memberships answers both "may they see it" and "what else can they pick".
  const memberships = await listMemberships(db, userId);
  if (requested) {
    if (!memberships.some((m) => m.businessId === requested)) throw notFound("Business");
    return { businessId: requested, memberships };
  }
  if (memberships.length === 0) throw new AppError("not_found", "You are not a member of any business.");
  const remembered = await recallBusinessSelection(db, userId);
  const businessId = memberships.find((m) => m.businessId === remembered)?.businessId ?? memberships[0].businessId;
  return { businessId, memberships };
}
