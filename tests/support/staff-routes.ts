import { after, before } from "node:test";
import { NextRequest } from "next/server";
import { pgPoolOf, setPrisma } from "../../lib/db/prisma-client.server";
import { createLoginThrottle, setLoginThrottle, type LoginThrottle, type LoginThrottleConfig } from "../../lib/auth/login-throttle.server";
import { sessionCookie, TEST_AUTH_SECRET } from "./auth-tokens";
import type { TestStack } from "./test-stack";

/** Where the route handlers believe they are served (a browser on the app's own pages sends this origin). */
export const APP_URL = "http://localhost:3000";

/** A Next route handler as app/api/**\/route.ts exports it. */
export type RouteHandler<P = Record<string, string>> = (req: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

/** Staff route handlers are called in-process (the test stack has no Next): on the stack's database, with its auth secret. */
export function useStaffRoutes(stack: TestStack): void {
  before(() => {
    setPrisma(stack.database.db);
    process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;
  });
}

export interface RouteCall<P = Record<string, string>> {
  method: string;
  /** Path and query, e.g. `/api/v1/admin/knowledge/articles?company_id=…`. */
  path: string;
  params?: P;
  /** The staff session JWT, sent as the next-auth cookie. */
  token?: string;
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls a route handler the way the browser on the app's own pages would; status and parsed JSON body back. */
export async function callRoute<P>(handler: RouteHandler<P>, call: RouteCall<P>): Promise<{ status: number; body: unknown }> {
  const url = new URL(call.path, APP_URL);
  const headers: Record<string, string> = { "content-type": "application/json", origin: APP_URL, host: url.host, "sec-fetch-site": "same-origin", ...call.headers };
  if (call.token) headers.cookie = sessionCookie(call.token);
  const body = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const response = await handler(new NextRequest(url, { method: call.method, headers, body }), { params: Promise.resolve(call.params ?? ({} as P)) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: returned as text.
  }
  return { status: response.status, body: parsed };
}

/** The sign-in throttle the password-checking and public routes count against (server.ts sets it at boot); limits loose unless a test tightens them. */
export function useLoginThrottle(stack: TestStack, config: Partial<LoginThrottleConfig> = {}): void {
  let throttle: LoginThrottle | undefined;
  before(async () => {
    throttle = await createLoginThrottle({ kind: "postgres", pool: pgPoolOf(stack.database.db)! }, { maxFailuresPerAccount: 1_000, maxFailuresPerAddress: 100_000, windowSeconds: 60, ...config });
    setLoginThrottle(throttle);
  });
  after(() => throttle?.close());
}
