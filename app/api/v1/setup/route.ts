import { created, withPublicRoute } from "@/lib/auth/staff-route.server";
import { throttledAttempt } from "@/lib/auth/throttled-attempt.server";
import { parseInput } from "@/lib/errors/parse-input";
import { readJsonBody } from "@/lib/http/json-body.server";
import { BUSINESS_BODY_MAX_BYTES, setupBody, type SetupDoneWire } from "@/lib/contract/businesses";
import { completeSetup } from "@/lib/setup/first-run.server";

export const dynamic = "force-dynamic";

export const POST = withPublicRoute(async ({ req, db }) => {
  const input = parseInput(setupBody, await readJsonBody(req, BUSINESS_BODY_MAX_BYTES));
  const result = await throttledAttempt(req, "setup", () => completeSetup(db, input), { clearOnSuccess: false });
  return created({ user_id: result.userId, business_id: result.businessId } satisfies SetupDoneWire);
});
