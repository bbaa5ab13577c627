import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { createArticle, KNOWLEDGE_ADMIN_ROLES, listArticles } from "@/lib/knowledge/articles.server";
import { articleBody, KNOWLEDGE_BODY_MAX_BYTES } from "@/lib/contract/knowledge";

export const dynamic = "force-dynamic";

const admins = { roles: KNOWLEDGE_ADMIN_ROLES };

export const GET = withStaffBusiness(async ({ db, scope }) => ({ articles: await listArticles(db, scope) }), admins);

export const POST = withStaffBusiness(async ({ req, db, scope, userId }) => {
  const input = parseInput(articleBody, await readJsonBody(req, KNOWLEDGE_BODY_MAX_BYTES));
  return created(await createArticle(db, scope, userId, input));
}, admins);
