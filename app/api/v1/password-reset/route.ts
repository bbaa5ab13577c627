import { accepted, withPublicRoute } from "@/lib/auth/staff-route.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { passwordResetRequestBody, TEAM_BODY_MAX_BYTES } from "@/lib/contract/team";
import { teamMail } from "@/lib/team/mail-deps.server";
import { requestPasswordReset } from "@/lib/team/password-resets.server";

export const dynamic = "force-dynamic";

/** "Forgot password": the same answer whether or not the account exists; a few emails per address and window at most. */
export const POST = withPublicRoute(async ({ req, db }) => {
  const { email } = parseInput(passwordResetRequestBody, await readJsonBody(req, TEAM_BODY_MAX_BYTES));
  await throttledAttempt(req, `reset:${email}`, () => requestPasswordReset(db, email, teamMail()), { clearOnSuccess: false });
  return accepted({ accepted: true });
});
