import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import type { TagListEntry } from "../contract/tags";
import { chooseManagedBusiness } from "../team/settings-pages.server";
import { loadBusinessSettings } from "../tenancy/businesses.server";
import { listTags } from "./tag-list.server";

export type TagsPageData = null | { access: "denied"; businessName: string } | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; tags: TagListEntry[] };

/**
 * The first paint of /settings/tags: the business asked for (or the remembered one, else the first
 * the user manages) and its tags. Null when the business asked for is not one of the user's (shown
 * like a missing page); `denied` when they only work there as an agent.
 */
export async function loadTagsPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<TagsPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, tags] = await Promise.all([loadBusinessSettings(db, choice.scope), listTags(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, tags };
}
