import { hashToken, newRandomToken } from "../server/random-token.server";

/** A customer's bearer token for one chat session. */
export const newSessionToken = newRandomToken;
export const hashSessionToken = hashToken;

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? "");
  return match ? match[1] : null;
}
