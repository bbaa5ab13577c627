import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { parse as parseCookie } from "cookie";
import { getToken } from "next-auth/jwt";
import type { PrismaClient } from "../db/prisma-client.server";
import { verifyAuthSession, type VerifiedStaff } from "./auth-sessions.server";

interface Handshake {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
}

/**
 * Staff sockets authenticate with the next-auth session: the browser's cookie, or the same JWT
 * passed as `auth.token` by non-browser clients. getToken only reads parsed cookies or a Bearer
 * header, so we hand it both in that form.
 */
export async function authenticateStaffHandshake(handshake: Handshake, options: { secret: string; db: PrismaClient; secureCookie: boolean }): Promise<VerifiedStaff | null> {
  const cookieHeader = handshake.headers.cookie;
  const cookies = typeof cookieHeader === "string" ? parseCookie(cookieHeader) : {};
  const token = typeof handshake.auth?.token === "string" ? handshake.auth.token : undefined;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  // getToken takes a request: an unconnected one carrying just these two.
  const req = Object.assign(new IncomingMessage(new Socket()), { cookies, headers });
  const jwt = await getToken({
    req,
    secret: options.secret,
    secureCookie: options.secureCookie,
  }).catch(() => null);
  // The session must still exist: a signed-out or deleted account's unexpired JWT gets no socket.
  return verifyAuthSession(options.db, jwt);
}
