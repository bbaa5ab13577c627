import type { PrismaClient } from "../db/prisma-client.server";
import { recallBusinessSelection } from "../tenancy/business-selection.server";
import { listMemberships, scopeOfMembership, type MembershipSummary } from "../tenancy/memberships.server";
import { KNOWLEDGE_ADMIN_ROLES, listArticles, loadAssistantSettings } from "./articles.server";
import type { AssistantSettingsWire, KnowledgeArticleWire } from "../contract/knowledge";

export interface KnowledgeBusiness {
  id: string;
  slug: string;
  name: string;
}

export type KnowledgePageData =
  { access: "denied" } | { access: "granted"; businesses: KnowledgeBusiness[]; business: KnowledgeBusiness; articles: KnowledgeArticleWire[]; assistant: AssistantSettingsWire };

/**
 * The first paint of /knowledge: the business asked for (or the remembered one, else the first
 * the user manages), its articles and its assistant switch. Null when the business asked for is
 * not one of the user's (shown like a missing page); `denied` when they only work there as an agent.
 */
export async function loadKnowledgePage(db: PrismaClient, userId: string, requestedCompanyId?: string): Promise<KnowledgePageData | null> {
  const memberships = await listMemberships(db, userId);
  const managed = memberships.filter((m) => KNOWLEDGE_ADMIN_ROLES.includes(m.role));
  let chosen: MembershipSummary | undefined = managed[0];
  if (requestedCompanyId) {
    if (!memberships.some((m) => m.businessId === requestedCompanyId)) return null;
    chosen = managed.find((m) => m.businessId === requestedCompanyId);
  } else if (managed.length > 1) {
    const remembered = await recallBusinessSelection(db, userId);
    chosen = managed.find((m) => m.businessId === remembered) ?? chosen;
  }
  if (!chosen) return { access: "denied" };
  const scope = scopeOfMembership(chosen);
  const [articles, assistant] = await Promise.all([listArticles(db, scope), loadAssistantSettings(db, scope)]);
  const toBusiness = (m: MembershipSummary): KnowledgeBusiness => ({ id: m.businessId, slug: m.slug, name: m.name });
  return { access: "granted", businesses: managed.map(toBusiness), business: toBusiness(chosen), articles, assistant };
}
