import type { NextRequest } from "next/server";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { errorResponse } from "../http/error-response";
import { getLoginThrottle, signInRefusalError } from "./login-throttle.server";

type RouteHandler<C> = (req: NextRequest, context: C) => Promise<Response>;

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?=/;

/**
 * next-auth's POST handler with sign-in throttling in front of the credentials callback: over the
 * limit it answers 429 with Retry-After before any password is checked. The body also carries a
 * `url` with `error=RateLimited`, which next-auth's client `signIn()` reads.
 */
export function withSignInThrottle<C>(handler: RouteHandler<C>): RouteHandler<C> {
  return async (req, context) => {
    if (!req.nextUrl.pathname.endsWith("/callback/credentials")) return handler(req, context);
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "");
    const address = req.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
    const throttle = getLoginThrottle();
    const refusal = await throttle.attempt(email, address);
    if (refusal) {
      const error = errorResponse(signInRefusalError(refusal));
      const body = { url: `${req.nextUrl.origin}/login?error=${refusal.code === "rate_limited" ? "RateLimited" : "Unavailable"}`, ...(await error.json()) };
      return Response.json(body, { status: error.status, headers: error.headers });
    }
    const response = await handler(req, context);
    if (response.headers.getSetCookie().some((cookie) => SESSION_COOKIE.test(cookie))) await throttle.succeeded(email, address);
    return response;
  };
}
