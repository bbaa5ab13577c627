import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { WEBHOOK_BODY_MAX_BYTES, webhookUpdateBody } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { deleteEndpoint, getEndpoint, updateEndpoint, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";
import { webhookSettings } from "@/lib/webhooks/webhook-settings.server";

export const dynamic = "force-dynamic";

type Params = { id: string };
const admins = { roles: WEBHOOK_ADMIN_ROLES };

export const GET = withStaffBusiness<Params>(async ({ db, scope, params }) => ({ endpoint: await getEndpoint(db, scope, params.id) }), admins);

/** Changes the URL, events, description, or enables/disables the endpoint (OWNER/ADMIN). */
export const PATCH = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const input = parseInput(webhookUpdateBody, await readJsonBody(req, WEBHOOK_BODY_MAX_BYTES));
  return { endpoint: await updateEndpoint(db, scope, userId, params.id, input, webhookSettings()) };
}, admins);

export const DELETE = withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
  await deleteEndpoint(db, scope, userId, params.id);
  return { deleted: true };
}, admins);
