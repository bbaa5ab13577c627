import type { CallbacksOptions, EventCallbacks, LoggerInstance } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { z } from "zod";
import { getPrisma } from "../db/prisma-client.server";
import { describeError } from "../observability/logger";
import { listMemberships } from "../tenancy/memberships.server";
import { createAuthSession, endAuthSession, verifyAuthSession } from "./auth-sessions.server";
import { checkPassword } from "./password.server";
import { safeCallbackUrl } from "./safe-callback-url";

/** How a staff sign-in starts, is checked and ends: next-auth's hooks (auth-options.server.ts wires them). */

const credentialsSchema = z.object({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string().min(1).max(256),
});

/** The user for these credentials, or null. Unknown emails cost the same as wrong passwords (no account probing by timing). */
export async function authorizeCredentials(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const user = await getPrisma().user.findUnique({ where: { email: parsed.data.email } });
  if (!(await checkPassword(parsed.data.password, user?.passwordHash))) return null;
  return user && { id: user.id, email: user.email, name: user.name };
}

/** Thrown by the jwt callback for a session that has ended: next-auth then answers "no session" and clears the cookie. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
  }
}

/**
 * next-auth's jwt callback: at sign-in (`user` given) the token gets its session row; every other
 * use of the token (pages, /api/auth/session) checks that row still exists. Memberships ride in the
 * JWT for display; every tenant access re-checks them in the database.
 */
export async function sessionToken({ token, user }: { token: JWT; user?: { id: string } }): Promise<JWT> {
  const db = getPrisma();
  if (user) {
    token.uid = user.id;
    token.sid = await createAuthSession(db, user.id);
    token.memberships = await listMemberships(db, user.id);
    return token;
  }
  if (!(await verifyAuthSession(db, token))) throw new SessionEnded();
  return token;
}

/** next-auth's signOut event: the session ends on the server, so its JWT is refused from now on and its sockets close. */
export async function endSignedOutSession({ token }: { token: JWT | null }): Promise<void> {
  if (typeof token?.sid === "string") await endAuthSession(getPrisma(), token.sid);
}

export const sessionCallbacks: Pick<CallbacksOptions, "jwt" | "session" | "redirect"> = {
  jwt: sessionToken,
  async session({ session, token }) {
    session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", memberships: token.memberships ?? [] };
    return session;
  },
  // Only paths of this app, whatever a crafted callbackUrl says.
  async redirect({ url, baseUrl }) {
    const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
    return `${baseUrl}${safeCallbackUrl(path)}`;
  },
};

export const sessionEvents: Partial<EventCallbacks> = { signOut: endSignedOutSession };

export const authLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    // An ended session is an expected outcome, not an error worth a stack trace.
    if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return;
    console.error(JSON.stringify({ time: new Date().toISOString(), level: "error", message: `next-auth ${code}`, error: describeError(metadata) }));
  },
  warn(code) {
    console.warn(`[next-auth] ${code}`);
  },
  debug() {},
};
