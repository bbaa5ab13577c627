import { Prisma } from "../db/generated/client";
import { queryPrepared, type PrismaClient } from "../db/prisma-client.server";
import { isUuid } from "../tenancy/memberships.server";

/** A staff session lasts this long from sign-in (absolute: the JWT's sliding renewal does not extend it). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** What a session JWT carries that the server checks on every request, socket handshake and socket event. */
export interface SessionClaims {
  uid?: unknown;
  sid?: unknown;
}

export interface VerifiedStaff {
  userId: string;
  sessionId: string;
  email: string;
  name: string;
}

/** Records a sign-in; the returned id goes into the JWT as `sid`. */
export async function createAuthSession(db: PrismaClient, userId: string, now = new Date()): Promise<string> {
  const row = await db.authSession.create({
    data: { userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    select: { id: true },
  });
  return row.id;
}

/**
 * The user behind a session JWT, or null when the session has ended (signed out, password
 * changed, expired) or the user is gone. One indexed read.
 */
export async function verifyAuthSession(db: PrismaClient, claims: SessionClaims | null | undefined): Promise<VerifiedStaff | null> {
  const { uid, sid } = claims ?? {};
  if (typeof uid !== "string" || typeof sid !== "string" || !isUuid(sid) || !isUuid(uid)) return null;
  // One prepared statement: every staff request and socket handshake runs it.
  const [user] = await queryPrepared<{ email: string; name: string }>(
    db,
    "verify-auth-session",
    Prisma.sql`SELECT u.email, u.name FROM "AuthSession" s JOIN "User" u ON u.id = s."userId"
               WHERE s.id = ${sid}::uuid AND s."userId" = ${uid}::uuid AND s."expiresAt" > now() AT TIME ZONE 'UTC'`,
  );
  return user ? { userId: uid, sessionId: sid, email: user.email, name: user.name } : null;
}

/** Sign-out: this session's JWT is refused from now on, and its open sockets are closed (via the access-change trigger). */
export async function endAuthSession(db: PrismaClient, sessionId: string): Promise<void> {
  if (isUuid(sessionId)) await db.authSession.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user except `keep` (after a password change: other devices sign in again). */
export async function endOtherAuthSessions(db: PrismaClient, userId: string, keep?: string): Promise<number> {
  const { count } = await db.authSession.deleteMany({ where: { userId, ...(keep ? { id: { not: keep } } : {}) } });
  return count;
}

/** Housekeeping: sessions past their end (their JWTs are refused already) and sign-in counters past their window. */
export async function deleteExpiredAuthState(db: PrismaClient, now = new Date()): Promise<void> {
  await db.authSession.deleteMany({ where: { expiresAt: { lte: now } } });
  await db.rateLimit.deleteMany({ where: { expire: { lte: BigInt(now.getTime()) } } });
}
