import type { NextRequest } from "next/server";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { getLoginThrottle, signInRefusalError } from "./login-throttle.server";

/**
 * Counts an attempt against the sign-in limits (per account key, per client address) before `run`:
 * password checks outside the login form (joining with an existing account, changing email or
 * password) and the public first-run and reset endpoints cannot be used to guess or to flood.
 * `clearOnSuccess` forgives the account's count after a correct password (as a sign-in does).
 */
export async function throttledAttempt<T>(req: NextRequest, accountKey: string, run: () => Promise<T>, { clearOnSuccess }: { clearOnSuccess: boolean }): Promise<T> {
  const throttle = getLoginThrottle();
  const address = req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const refusal = await throttle.attempt(accountKey, address);
  if (refusal) throw signInRefusalError(refusal);
  const result = await run();
  if (clearOnSuccess) await throttle.succeeded(accountKey, address);
  return result;
}
