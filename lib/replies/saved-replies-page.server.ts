import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessSettingsWire, BusinessSummaryWire } from "../contract/businesses";
import type { SavedReplyWire } from "../contract/saved-replies";
import { chooseManagedBusiness } from "../team/settings-pages.server";
import { loadBusinessSettings } from "../tenancy/businesses.server";
import { listSavedReplies } from "./saved-replies.server";

export type SavedRepliesPageData =
  null | { access: "denied"; businessName: string } | { access: "granted"; businesses: BusinessSummaryWire[]; business: BusinessSettingsWire; replies: SavedReplyWire[] };

/**
 * The first paint of /settings/saved-replies: the business asked for (or the remembered one, else
 * the first the user manages) and its saved replies. Null when the business asked for is not one
 * of the user's (shown like a missing page); `denied` when they only work there as an agent.
 */
export async function loadSavedRepliesPage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<SavedRepliesPageData> {
  const choice = await chooseManagedBusiness(db, userId, requestedCompanyId);
  if (!choice) return null;
  if ("denied" in choice) return { access: "denied", businessName: choice.denied?.name ?? "this business" };
  const [business, replies] = await Promise.all([loadBusinessSettings(db, choice.scope), listSavedReplies(db, choice.scope)]);
  return { access: "granted", businesses: choice.managed, business, replies };
}
