import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import type { IdentityStatusWire } from "../contract/identity";
import { loadIdentityStatus } from "../identity/identity-secret.server";
import { appUrl } from "../team/links";
import { chooseManagedBusiness } from "../team/settings-pages.server";
import { loadBusinessSettings } from "../tenancy/businesses.server";

export type WidgetPageData =
  null | { access: "denied"; businessName: string } | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; identity: IdentityStatusWire; scriptUrl: string };

/**
 * The first paint of /settings/widget: the business (as for every owners' and admins' settings
 * page), its identity secret's status (never the secret) and where the loader is served. Null for a
 * business that is not the user's; `denied` for an agent.
 */
export async function loadWidgetPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<WidgetPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, identity] = await Promise.all([loadBusinessSettings(db, choice.scope), loadIdentityStatus(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, identity, scriptUrl: appUrl("/widget.js") };
}
