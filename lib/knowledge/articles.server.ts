import { withSlugOrFormerSlug } from "../tenancy/businesses.server";
import { assistantEnabled } from "../tenancy/business-settings";
import type { Role } from "../db/generated/enums";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { notFound } from "../errors/app-error";
import { isStorableText } from "../errors/parse-input";
import { updateBusinessSettings } from "../tenancy/business-settings.server";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import type { ArticleInput, ArticleUpdate, AssistantSettingsWire, KnowledgeArticleWire } from "../contract/knowledge";

const articleColumns = { id: true, title: true, body: true, createdAt: true, updatedAt: true } as const;

interface ArticleRow {
  id: string;
  title: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

const toWire = (row: ArticleRow): KnowledgeArticleWire => ({
  id: row.id,
  title: row.title,
  body: row.body,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** The article `articleId` of the scope's business; malformed, missing and foreign ids all answer the same 404. */
async function findArticle(db: DbClient, scope: BusinessScope, articleId: string): Promise<ArticleRow> {
  const row = isUuid(articleId) ? await db.knowledgeArticle.findFirst({ where: { id: articleId, businessId: scope.businessId }, select: articleColumns }) : null;
  if (!row) throw notFound("Knowledge article");
  return row;
}

export async function listArticles(db: PrismaClient, scope: BusinessScope): Promise<KnowledgeArticleWire[]> {
  const rows = await db.knowledgeArticle.findMany({ where: { businessId: scope.businessId }, select: articleColumns, orderBy: [{ title: "asc" }, { id: "asc" }] });
  return rows.map(toWire);
}

export async function getArticle(db: PrismaClient, scope: BusinessScope, articleId: string): Promise<KnowledgeArticleWire> {
  return toWire(await findArticle(db, scope, articleId));
}

export async function createArticle(db: PrismaClient, scope: BusinessScope, actorUserId: string, input: ArticleInput): Promise<KnowledgeArticleWire> {
  return db.$transaction(async (tx) => {
    const row = await tx.knowledgeArticle.create({ data: { businessId: scope.businessId, title: input.title, body: input.body }, select: articleColumns });
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "knowledge.article_created", target: row.id, meta: { title: row.title } } });
    return toWire(row);
  });
}

export async function updateArticle(db: PrismaClient, scope: BusinessScope, actorUserId: string, articleId: string, input: ArticleUpdate): Promise<KnowledgeArticleWire> {
  return db.$transaction(async (tx) => {
    await findArticle(tx, scope, articleId);
    const row = await tx.knowledgeArticle.update({ where: { id: articleId }, data: { title: input.title, body: input.body }, select: articleColumns });
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "knowledge.article_updated", target: row.id, meta: { title: row.title } } });
    return toWire(row);
  });
}

export async function deleteArticle(db: PrismaClient, scope: BusinessScope, actorUserId: string, articleId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await findArticle(tx, scope, articleId);
    await tx.knowledgeArticle.delete({ where: { id: row.id } });
    await tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action: "knowledge.article_deleted", target: row.id, meta: { title: row.title } } });
  });
}

export async function loadAssistantSettings(db: PrismaClient, scope: BusinessScope): Promise<AssistantSettingsWire> {
  const business = await db.business.findUnique({ where: { id: scope.businessId }, select: { settings: true } });
  if (!business) throw notFound("Business");
  return { enabled: assistantEnabled(business.settings) };
}

/** Turns the business's assistant on or off (audit-logged). */
export async function setAssistantEnabled(db: PrismaClient, scope: BusinessScope, actorUserId: string, enabled: boolean): Promise<AssistantSettingsWire> {
  const settings = await updateBusinessSettings(db, scope, { actorUserId, action: "assistant.settings_updated", meta: { enabled } }, { assistantEnabled: enabled });
  return { enabled: assistantEnabled(settings) };
}

/** Who manages a business's knowledge base and assistant (API and page). */
export const KNOWLEDGE_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

export interface PublicArticle {
  businessName: string;
  title: string;
  body: string;
}

/**
 * An article for its public help page, found by the business's slug: an id of another business,
 * a missing one or a malformed one is simply null (no membership involved, nothing more shown).
 */
export async function findPublicArticle(db: PrismaClient, slug: string, articleId: string): Promise<PublicArticle | null> {
  if (!isUuid(articleId) || !isStorableText(slug)) return null;
  const row = await db.knowledgeArticle.findFirst({ where: { id: articleId, business: withSlugOrFormerSlug(slug) }, select: { title: true, body: true, business: { select: { name: true } } } });
  return row && { businessName: row.business.name, title: row.title, body: row.body };
}
