import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { inviteBody, TEAM_ADMIN_ROLES, TEAM_BODY_MAX_BYTES } from "@/lib/contract/team";
import { createInvite } from "@/lib/team/invites.server";
import { teamMail } from "@/lib/team/mail-deps.server";

export const dynamic = "force-dynamic";

export const POST = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    const input = parseInput(inviteBody, await readJsonBody(req, TEAM_BODY_MAX_BYTES));
    return created(await createInvite(db, { ...scope, userId }, input, teamMail()));
  },
  { roles: TEAM_ADMIN_ROLES },
);
