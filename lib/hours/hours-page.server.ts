import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import type { BusinessHoursWire } from "../contract/business-hours";
import { chooseManagedBusiness } from "../team/settings-pages.server";
import { loadBusinessSettings } from "../tenancy/businesses.server";
import { loadBusinessHours } from "./business-hours.server";

export type HoursPageData = null | { access: "denied"; businessName: string } | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; hours: BusinessHoursWire };

/**
 * The first paint of /settings/hours: the business asked for (or the remembered one, else the first
 * the user manages), its hours and its desk now. Null when the business asked for is not one of the
 * user's (shown like a missing page); `denied` when they only work there as an agent.
 */
export async function loadHoursPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<HoursPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, hours] = await Promise.all([loadBusinessSettings(db, choice.scope), loadBusinessHours(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, hours };
}
