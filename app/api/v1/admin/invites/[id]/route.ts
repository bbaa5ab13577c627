import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { TEAM_ADMIN_ROLES } from "@/lib/contract/team";
import { revokeInvite } from "@/lib/team/invites.server";

export const dynamic = "force-dynamic";

export const DELETE = withStaffBusiness<{ id: string }>(
  async ({ db, scope, userId, params }) => {
    await revokeInvite(db, { ...scope, userId }, params.id);
    return { revoked: true };
  },
  { roles: TEAM_ADMIN_ROLES },
);
