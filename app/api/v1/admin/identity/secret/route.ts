import { created, withStaffBusiness } from "@/lib/auth/staff-route.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { IDENTITY_ADMIN_ROLES, rotateIdentitySecret } from "@/lib/identity/identity-secret.server";
import { IDENTITY_SECRET_BODY_MAX_BYTES, identitySecretBody } from "@/lib/contract/identity";

export const dynamic = "force-dynamic";

/** Creates the business's identity secret, or replaces it: 201 with the secret, shown this once. */
export const POST = withStaffBusiness(
  async ({ req, db, scope, userId }) => {
    parseInput(identitySecretBody, await readJsonBody(req, IDENTITY_SECRET_BODY_MAX_BYTES));
    return created(await rotateIdentitySecret(db, scope, userId));
  },
  { roles: IDENTITY_ADMIN_ROLES },
);
