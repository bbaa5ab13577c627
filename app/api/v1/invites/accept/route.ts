import { withPublicRoute } from "@/lib/auth/staff-route.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { inviteAcceptBody, TEAM_BODY_MAX_BYTES, type InviteAcceptedWire } from "@/lib/contract/team";
import { acceptInvite } from "@/lib/team/invites.server";

export const dynamic = "force-dynamic";

export const POST = withPublicRoute(async ({ req, db }) => {
  const input = parseInput(inviteAcceptBody, await readJsonBody(req, TEAM_BODY_MAX_BYTES));
  // Joining with an existing account checks its password: counted like a sign-in.
  const joined = await throttledAttempt(req, `invite:${input.token}`, () => acceptInvite(db, input), { clearOnSuccess: true });
  return { email: joined.email, business_id: joined.businessId } satisfies InviteAcceptedWire;
});
