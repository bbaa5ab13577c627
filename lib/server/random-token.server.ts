import { createHash, randomBytes } from "node:crypto";

/** A bearer secret (chat tokens, invitation and reset links): 256 random bits; only its SHA-256 is stored. */
export function newRandomToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
