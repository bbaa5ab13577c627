import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { registeredLiveChat } from "@/lib/chat/live-chat-registry.server";
import { BUSINESS_HOURS_BODY_MAX_BYTES, businessHoursBody } from "@/lib/contract/business-hours";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { HOURS_ADMIN_ROLES, loadBusinessHours, setBusinessHours } from "@/lib/hours/business-hours.server";

export const dynamic = "force-dynamic";

/** The business's hours, time zone and desk state (any member). */
export const GET = withStaffBusiness(({ db, scope }) => loadBusinessHours(db, scope));

/** Replaces the hours (OWNER/ADMIN). The desk may be open now: offline messages then join the queue at once. */
export const PUT = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const hours = parseInput(businessHoursBody, await readJsonBody(req, BUSINESS_HOURS_BODY_MAX_BYTES));
    const saved = await setBusinessHours(db, scope, userId, hours);
    registeredLiveChat()?.openDesk(scope.businessId);
    return saved;
  },
  { roles: HOURS_ADMIN_ROLES },
);
