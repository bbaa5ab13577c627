import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { KNOWLEDGE_ADMIN_ROLES, loadAssistantSettings, setAssistantEnabled } from "@/lib/knowledge/articles.server";
import { assistantSettingsBody, KNOWLEDGE_BODY_MAX_BYTES } from "@/lib/contract/knowledge";

export const dynamic = "force-dynamic";

const admins = { roles: KNOWLEDGE_ADMIN_ROLES };

export const GET = withStaffBusiness(({ db, scope }) => loadAssistantSettings(db, scope), admins);

export const PUT = withStaffBusiness(async ({ req, db, scope, userId }) => {
  const input = parseInput(assistantSettingsBody, await readJsonBody(req, KNOWLEDGE_BODY_MAX_BYTES));
  return setAssistantEnabled(db, scope, userId, input.enabled);
}, admins);
