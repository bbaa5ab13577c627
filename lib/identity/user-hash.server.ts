import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** What a business's site computes for each signed-in user: HMAC-SHA256(secret, external_id), hex. */
export const userHashFor = (secret: string, externalId: string): string => createHmac("sha256", secret).update(externalId, "utf8").digest("hex");

/** A fresh identity secret: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
export const newIdentitySecret = (): string => `sbid_${randomBytes(32).toString("base64url")}`;

/**
 * The external_id the claim proves, or null: no secret configured, no external_id, no hash, or a
 * hash that is not this external_id's under this secret. Constant-time over the hash's bytes.
 */
export function verifiedExternalId(secret: string | null, claim: { external_id?: string; user_hash?: string } | undefined): string | null {
  if (!secret || !claim?.external_id || !claim.user_hash || !/^[0-9a-f]{64}$/i.test(claim.user_hash)) return null;
  const expected = Buffer.from(userHashFor(secret, claim.external_id), "hex");
  return timingSafeEqual(expected, Buffer.from(claim.user_hash, "hex")) ? claim.external_id : null;
}
