import { withStaffUser } from "@/lib/auth/staff-route.server";
import { loadAccount, renameAccount } from "@/lib/auth/account.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { ACCOUNT_BODY_MAX_BYTES, accountPatch } from "@/lib/contract/account";

export const dynamic = "force-dynamic";

export const GET = withStaffUser(({ db, staff }) => loadAccount(db, staff.userId));

export const PATCH = withStaffUser(async ({ req, db, staff }) => {
  const { name } = parseInput(accountPatch, await readJsonBody(req, ACCOUNT_BODY_MAX_BYTES));
  return renameAccount(db, staff.userId, name);
});
