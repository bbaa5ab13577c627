import { encode } from "next-auth/jwt";
import { createAuthSession } from "../../lib/auth/auth-sessions.server";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { listMemberships } from "../../lib/tenancy/memberships.server";

export const TEST_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

/** A next-auth session JWT for a user, exactly as the login callback would issue it (with its AuthSession row). */
export async function sessionTokenFor(db: PrismaClient, email: string, secret = TEST_AUTH_SECRET): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return encode({
    secret,
    token: { sub: user.id, uid: user.id, sid: await createAuthSession(db, user.id), email: user.email, name: user.name, memberships: await listMemberships(db, user.id) },
  });
}

export const sessionCookie = (token: string) => `next-auth.session-token=${token}`;
