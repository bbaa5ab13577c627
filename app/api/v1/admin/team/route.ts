import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { TEAM_ADMIN_ROLES } from "@/lib/contract/team";
import { loadTeam } from "@/lib/team/team.server";

export const dynamic = "force-dynamic";

export const GET = withStaffBusiness(({ db, scope }) => loadTeam(db, scope), { roles: TEAM_ADMIN_ROLES });
