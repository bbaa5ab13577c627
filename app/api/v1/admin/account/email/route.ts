import { withStaffUser } from "@/lib/auth/staff-route.server";
import { changeEmail } from "@/lib/auth/account.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { ACCOUNT_BODY_MAX_BYTES, emailChangeBody } from "@/lib/contract/account";

export const dynamic = "force-dynamic";

export const PUT = withStaffUser(async ({ req, db, staff }) => {
  const input = parseInput(emailChangeBody, await readJsonBody(req, ACCOUNT_BODY_MAX_BYTES));
  return throttledAttempt(req, staff.email, () => changeEmail(db, staff.userId, input.email, input.current_password), { clearOnSuccess: true });
});
