import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { withStaffBusiness } from "@/lib/auth/staff-route.server";
import { loadAllowedOrigins, ORIGIN_ADMIN_ROLES, setAllowedOrigins } from "@/lib/security/allowed-origins.server";
import { ALLOWED_ORIGINS_BODY_MAX_BYTES, allowedOriginsBody } from "@/lib/contract/allowed-origins";

export const dynamic = "force-dynamic";

const admins = { roles: ORIGIN_ADMIN_ROLES };

export const GET = withStaffBusiness(({ db, scope }) => loadAllowedOrigins(db, scope), admins);

export const PUT = withStaffBusiness(async ({ req, db, scope, userId }) => {
  const input = parseInput(allowedOriginsBody, await readJsonBody(req, ALLOWED_ORIGINS_BODY_MAX_BYTES));
  return setAllowedOrigins(db, scope, userId, input.allowed_origins);
}, admins);
