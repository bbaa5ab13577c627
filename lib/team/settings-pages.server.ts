/**
 * First paints of the settings pages (/settings, /settings/team, /settings/businesses): the
 * business asked for (or the remembered one, else the first the user manages). Null when the
 * business asked for is not one of the user's (shown like a missing page); `denied` when they
 * only work there as an agent.
 */
import type { Role } from "../db/generated/enums";
import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import { TEAM_ADMIN_ROLES, type TeamWire } from "../contract/team";
import { recallBusinessSelection } from "../tenancy/business-selection.server";
import { listBusinessSummaries, loadBusinessSettings } from "../tenancy/businesses.server";
import { scopeOfMembership } from "../tenancy/memberships.server";
import { loadTeam } from "./team.server";

export { canCreateBusinesses } from "../tenancy/businesses.server";

type Denied = { access: "denied"; businessName: string };
export type SettingsPageData = null | Denied | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; role: Role };
export type TeamPageData = null | Denied | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; role: Role; team: TeamWire };

/** The business a settings page of owners and admins opens on (shared by every such page, saved replies too). */
export async function chooseManagedBusiness(db: PrismaClient, userId: string, requestedCompanyId?: string) {
  const all = await listBusinessSummaries(db, userId);
  const managed = all.filter((b) => TEAM_ADMIN_ROLES.includes(b.role));
  let chosen = managed[0];
  if (requestedCompanyId) {
    const requested = all.find((b) => b.id === requestedCompanyId);
    if (!requested) return null;
    if (!TEAM_ADMIN_ROLES.includes(requested.role)) return { denied: requested };
    chosen = requested;
  } else if (managed.length > 1) {
    const remembered = await recallBusinessSelection(db, userId);
    chosen = managed.find((b) => b.id === remembered) ?? chosen;
  }
  if (!chosen) return { denied: all[0] };
  return { managed, chosen, scope: scopeOfMembership({ businessId: chosen.id, role: chosen.role }) };
}

export async function loadSettingsPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<SettingsPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  return { access: "granted", businesses: choice.managed, business: await loadBusinessSettings(db, choice.scope), role: choice.chosen.role };
}

export async function loadTeamPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<TeamPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, team] = await Promise.all([loadBusinessSettings(db, choice.scope), loadTeam(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, role: choice.chosen.role, team };
}

/** Every business of the user (any role), for /settings/businesses. */
export const loadBusinessList = listBusinessSummaries;
