import { withStaffUser } from "@/lib/auth/staff-route.server";
import { changePassword } from "@/lib/auth/account.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { ACCOUNT_BODY_MAX_BYTES, passwordChangeBody } from "@/lib/contract/account";

export const dynamic = "force-dynamic";

export const PUT = withStaffUser(async ({ req, db, staff }) => {
  const input = parseInput(passwordChangeBody, await readJsonBody(req, ACCOUNT_BODY_MAX_BYTES));
  return throttledAttempt(req, staff.email, () => changePassword(db, staff.userId, staff.sessionId, input.current_password, input.new_password), { clearOnSuccess: true });
});
