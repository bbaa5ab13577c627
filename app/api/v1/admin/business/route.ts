import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { registeredLiveChat } from "@/lib/chat/live-chat-registry.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { BUSINESS_BODY_MAX_BYTES, businessSettingsPatch } from "@/lib/contract/businesses";
import { TEAM_ADMIN_ROLES } from "@/lib/contract/team";
import { loadBusinessSettings, updateBusinessProfile } from "@/lib/tenancy/businesses.server";

export const dynamic = "force-dynamic";

const admins = { roles: TEAM_ADMIN_ROLES };

export const GET = withStaffBusiness(({ db, scope }) => loadBusinessSettings(db, scope), admins);

export const PATCH = withStaffBusiness(async ({ req, db, scope, userId }) => {
  const patch = parseInput(businessSettingsPatch, await readJsonBody(req, BUSINESS_BODY_MAX_BYTES));
  const change = await updateBusinessProfile(db, scope, userId, patch);
  // Switched to auto (or a new default capacity): chats waiting now are routed at once.
  if (change.routingChanged || patch.default_capacity !== undefined) registeredLiveChat()?.routeBusiness(scope.businessId);
  // Business hours are wall-clock times in this zone: the desk may have opened.
  if (patch.timezone !== undefined) registeredLiveChat()?.openDesk(scope.businessId);
  return change.business;
}, admins);
