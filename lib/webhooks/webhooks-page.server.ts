import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import type { WebhookEndpointWire } from "../contract/webhooks";
import { chooseManagedBusiness } from "../team/settings-pages.server";
import { loadBusinessSettings } from "../tenancy/businesses.server";
import { listEndpoints } from "./webhook-endpoints.server";

export type WebhooksPageData =
  null | { access: "denied"; businessName: string } | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; endpoints: WebhookEndpointWire[] };

/**
 * The first paint of /settings/webhooks: the business asked for (or the remembered one, else the
 * first the user manages) and its endpoints. Null when the business asked for is not one of the
 * user's (shown like a missing page); `denied` for an agent.
 */
export async function loadWebhooksPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<WebhooksPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, endpoints] = await Promise.all([loadBusinessSettings(db, choice.scope), listEndpoints(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, endpoints };
}
