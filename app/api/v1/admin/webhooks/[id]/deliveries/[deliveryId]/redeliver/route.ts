import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { WEBHOOK_BODY_MAX_BYTES, webhookActionBody } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { redeliver, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";
import { webhookSettings } from "@/lib/webhooks/webhook-settings.server";

export const dynamic = "force-dynamic";

/** Sends a delivered or failed delivery again now (OWNER/ADMIN): the attempt is logged as manual; 409 while it is still scheduled. */
export const POST = withStaffBusiness<{ id: string; deliveryId: string }>(
  async ({ req, db, scope, userId, params }) => {
    parseInput(webhookActionBody, await readJsonBody(req, WEBHOOK_BODY_MAX_BYTES));
    return { delivery: await redeliver(db, scope, userId, params.id, params.deliveryId, webhookSettings()) };
  },
  { roles: WEBHOOK_ADMIN_ROLES },
);
