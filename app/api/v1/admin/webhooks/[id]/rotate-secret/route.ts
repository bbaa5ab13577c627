import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { WEBHOOK_BODY_MAX_BYTES, webhookActionBody } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { rotateSecret, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";

export const dynamic = "force-dynamic";

/** A new signing secret for the endpoint (OWNER/ADMIN), answered this once. */
export const POST = withStaffBusiness<{ id: string }>(
  async ({ req, db, scope, userId, params }) => {
    parseInput(webhookActionBody, await readJsonBody(req, WEBHOOK_BODY_MAX_BYTES));
    return { endpoint: await rotateSecret(db, scope, userId, params.id) };
  },
  { roles: WEBHOOK_ADMIN_ROLES },
);
