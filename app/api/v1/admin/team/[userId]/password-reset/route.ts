import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { TEAM_ADMIN_ROLES } from "@/lib/contract/team";
import { teamMail } from "@/lib/team/mail-deps.server";
import { issuePasswordReset } from "@/lib/team/password-resets.server";

export const dynamic = "force-dynamic";

export const POST = withStaffBusiness<{ userId: string }>(async ({ db, scope, userId, params }) => created(await issuePasswordReset(db, { ...scope, userId }, params.userId, teamMail())), {
  roles: TEAM_ADMIN_ROLES,
});
