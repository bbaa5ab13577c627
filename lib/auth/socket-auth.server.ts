import { parse as parseCookie } from "cookie";
import { getToken } from "next-auth/jwt";
import type { PrismaClient } from "../db/prisma-client.server";

export interface StaffIdentity {
  userId: string;
  email: string;
  name: string;
}

interface Handshake {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
}

/**
 * Staff sockets authenticate with the next-auth session: the browser's cookie, or the same JWT
 * passed as `auth.token` by non-browser clients. getToken only reads parsed cookies or a Bearer
 * header, so we hand it both in that form.
 */
export async function authenticateStaffHandshake(
  handshake: Handshake,
  options: { secret: string; db: PrismaClient; secureCookie: boolean },
): Promise<StaffIdentity | null> {
  const cookieHeader = handshake.headers.cookie;
  const cookies = typeof cookieHeader === "string" ? parseCookie(cookieHeader) : {};
  const token = typeof handshake.auth?.token === "string" ? handshake.auth.token : undefined;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const jwt = await getToken({
    req: { cookies: cookies as Record<string, string>, headers } as never,
    secret: options.secret,
    secureCookie: options.secureCookie,
  }).catch(() => null);
  if (!jwt?.uid) return null;
  // The user must still exist: a deleted account's unexpired JWT gets no socket.
  const user = await options.db.user.findUnique({ where: { id: jwt.uid }, select: { id: true, email: true, name: true } });
  return user ? { userId: user.id, email: user.email, name: user.name } : null;
}
