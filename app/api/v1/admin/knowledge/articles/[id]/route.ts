import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { deleteArticle, getArticle, KNOWLEDGE_ADMIN_ROLES, updateArticle } from "@/lib/knowledge/articles.server";
import { articleUpdateBody, KNOWLEDGE_BODY_MAX_BYTES } from "@/lib/contract/knowledge";

export const dynamic = "force-dynamic";

type Params = { id: string };
const admins = { roles: KNOWLEDGE_ADMIN_ROLES };

export const GET = withStaffBusiness<Params>(({ db, scope, params }) => getArticle(db, scope, params.id), admins);

export const PATCH = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const input = parseInput(articleUpdateBody, await readJsonBody(req, KNOWLEDGE_BODY_MAX_BYTES));
  return updateArticle(db, scope, userId, params.id, input);
}, admins);

export const DELETE = withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
  await deleteArticle(db, scope, userId, params.id);
  return { deleted: true };
}, admins);
