import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { webhookDeliveriesQuery } from "@/lib/contract/webhooks";
import { parseInput } from "@/lib/errors/parse-input";
import { listDeliveries, WEBHOOK_ADMIN_ROLES } from "@/lib/webhooks/webhook-endpoints.server";

export const dynamic = "force-dynamic";

/** The endpoint's deliveries with their attempts, newest first, a page at a time (OWNER/ADMIN). */
export const GET = withStaffBusiness<{ id: string }>(
  async ({ req, db, scope, params }) => {
    const query = Object.fromEntries([...req.nextUrl.searchParams].filter(([key]) => key !== "company_id"));
    const { before } = parseInput(webhookDeliveriesQuery, query);
    return listDeliveries(db, scope, params.id, before);
  },
  { roles: WEBHOOK_ADMIN_ROLES },
);
