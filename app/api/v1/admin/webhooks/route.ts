import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { WEBHOOK_BODY_MAX_BYTES, webhookCreateBody } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { createEndpoint, listEndpoints, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";
import { webhookSettings } from "@/lib/webhooks/webhook-settings.server";

export const dynamic = "force-dynamic";

const admins = { roles: WEBHOOK_ADMIN_ROLES };

/** The business's webhook endpoints (OWNER/ADMIN), without their secrets. */
export const GET = withStaffBusiness(async ({ db, scope }) => ({ endpoints: await listEndpoints(db, scope) }), admins);

/** A new endpoint (OWNER/ADMIN): 201 with its signing secret, shown this once. */
export const POST = withStaffBusiness(async ({ req, db, scope, userId }) => {
  const input = parseInput(webhookCreateBody, await readJsonBody(req, WEBHOOK_BODY_MAX_BYTES));
  return created({ endpoint: await createEndpoint(db, scope, userId, input, webhookSettings()) });
}, admins);
