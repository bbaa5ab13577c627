/**
 * The first paint of /conversations and /conversations/{id}, from the database: the business
 * asked for (or the remembered one), what the filters can choose from, and the results. A business
 * the user is not a member of, or another business's conversation, is null (shown as a 404).
 */
import { conversationFilter, filterInput, type ConversationDetail, type ConversationFilter, type ConversationPage } from "../contract/conversations";
import { toTagWire, type TagWire } from "../contract/tags";
import type { BusinessSummaryWire } from "../contract/businesses";
import type { PrismaClient } from "../db/prisma-client.server";
import { AppError } from "../errors/app-error";
import { listBusinessSummaries } from "../tenancy/businesses.server";
import { resolveBusiness } from "../tenancy/resolve-business.server";
import { loadConversation } from "./conversation-detail.server";
import { EXPORT_ROLES } from "./conversation-export.server";
import { listConversations } from "./conversation-list.server";

export interface ConversationsBusiness {
  id: string;
  name: string;
  timeZone: string;
  isDemo: boolean;
  /** OWNER/ADMIN: may export and download transcripts. */
  canExport: boolean;
}

interface PageBase {
  business: ConversationsBusiness;
  businesses: BusinessSummaryWire[];
}

export interface ConversationsPageData extends PageBase {
  agents: { id: string; display_name: string }[];
  tags: TagWire[];
  /** The filters from the address, as understood; `filterError` names what was not. */
  filter: ConversationFilter;
  filterError: string | null;
  results: ConversationPage;
}

export interface ConversationPageData extends PageBase {
  detail: ConversationDetail;
}

type SearchParams = Record<string, string | string[] | undefined>;

const companyIdOf = (query: SearchParams) => (typeof query.company_id === "string" && query.company_id ? query.company_id : undefined);

/** The business and its scope for a staff page; null when it is not the user's. */
async function pageBusiness(db: PrismaClient, userId: string, companyId: string | undefined) {
  try {
    const { scope } = await resolveBusiness(db, userId, companyId);
    const [business, businesses] = await Promise.all([
      db.business.findUniqueOrThrow({ where: { id: scope.businessId }, select: { id: true, name: true, timezone: true } }),
      listBusinessSummaries(db, userId),
    ]);
    const base: PageBase = {
      business: { id: business.id, name: business.name, timeZone: business.timezone, isDemo: businesses.some((b) => b.id === business.id && b.is_demo), canExport: EXPORT_ROLES.includes(scope.role) },
      businesses,
    };
    return { scope, base };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}

export async function loadConversationsPage(db: PrismaClient, userId: string, query: SearchParams): Promise<ConversationsPageData | null> {
  const resolved = await pageBusiness(db, userId, companyIdOf(query));
  if (!resolved) return null;
  const { scope, base } = resolved;
  const parsed = conversationFilter.safeParse(filterInput(query));
  const filter = parsed.success ? parsed.data : {};
  const filterError = parsed.success
    ? null
    : `Some filters in the address were not understood (${[...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || issue.message))].join(", ")}), so nothing is shown.`;
  const [agents, tags, results] = await Promise.all([
    db.agent.findMany({ where: { businessId: scope.businessId, kind: "HUMAN" }, select: { id: true, displayName: true }, orderBy: [{ displayName: "asc" }, { id: "asc" }] }),
    db.tag.findMany({ where: { businessId: scope.businessId }, select: { id: true, name: true, color: true }, orderBy: { name: "asc" } }),
    parsed.success ? listConversations(db, scope, filter) : { conversations: [], next_cursor: null },
  ]);
  return { ...base, agents: agents.map((agent) => ({ id: agent.id, display_name: agent.displayName })), tags: tags.map(toTagWire), filter, filterError, results };
}

export async function loadConversationPage(db: PrismaClient, userId: string, sessionId: string, query: SearchParams): Promise<ConversationPageData | null> {
  const resolved = await pageBusiness(db, userId, companyIdOf(query));
  if (!resolved) return null;
  try {
    return { ...resolved.base, detail: await loadConversation(db, resolved.scope, sessionId) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  }
}
