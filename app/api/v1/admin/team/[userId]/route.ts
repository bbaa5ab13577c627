import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { registeredLiveChat } from "@/lib/chat/live-chat-registry.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { memberPatch, TEAM_ADMIN_ROLES, TEAM_BODY_MAX_BYTES } from "@/lib/contract/team";
import { removeMember, updateMember } from "@/lib/team/team.server";

export const dynamic = "force-dynamic";

type Params = { userId: string };
const admins = { roles: TEAM_ADMIN_ROLES };

export const PATCH = withStaffBusiness<Params>(async ({ req, db, scope, userId, params }) => {
  const patch = parseInput(memberPatch, await readJsonBody(req, TEAM_BODY_MAX_BYTES));
  const change = await updateMember(db, { ...scope, userId }, params.userId, patch);
  if (change.capacityChanged) registeredLiveChat()?.routeBusiness(scope.businessId);
  return change.member;
}, admins);

/** Any member may leave (remove themselves); removing others takes OWNER or ADMIN (checked in removeMember). */
export const DELETE = withStaffBusiness<Params>(async ({ db, scope, userId, params }) => {
  const { agentId } = await removeMember(db, { ...scope, userId }, params.userId);
  if (agentId) await registeredLiveChat()?.memberRemoved(scope.businessId, agentId);
  return { removed: true };
});
