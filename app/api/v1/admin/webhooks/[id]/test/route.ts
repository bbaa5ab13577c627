import { accepted, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { WEBHOOK_BODY_MAX_BYTES, webhookActionBody } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { sendTestEvent, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";

export const dynamic = "force-dynamic";

/** Queues a `ping` event to the endpoint (OWNER/ADMIN): 202; it appears in the delivery log. */
export const POST = withStaffBusiness<{ id: string }>(
  async ({ req, db, scope, params }) => {
    parseInput(webhookActionBody, await readJsonBody(req, WEBHOOK_BODY_MAX_BYTES));
    return accepted(await sendTestEvent(db, scope, params.id));
  },
  { roles: WEBHOOK_ADMIN_ROLES },
);
