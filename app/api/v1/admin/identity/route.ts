import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { IDENTITY_ADMIN_ROLES, loadIdentityStatus } from "@/lib/identity/identity-secret.server";

export const dynamic = "force-dynamic";

export const GET = withStaffBusiness(({ db, scope }) => loadIdentityStatus(db, scope), { roles: IDENTITY_ADMIN_ROLES });
