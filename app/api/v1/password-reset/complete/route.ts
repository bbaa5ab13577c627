import { withPublicRoute } from "@/lib/auth/staff-route.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { passwordResetCompleteBody, TEAM_BODY_MAX_BYTES } from "@/lib/contract/team";
import { completePasswordReset } from "@/lib/team/password-resets.server";

export const dynamic = "force-dynamic";

export const POST = withPublicRoute(async ({ req, db }) => {
  const input = parseInput(passwordResetCompleteBody, await readJsonBody(req, TEAM_BODY_MAX_BYTES));
  return throttledAttempt(req, "reset-complete", () => completePasswordReset(db, input.token, input.password), { clearOnSuccess: false });
});
