import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a link stays valid at least. */
export const LINK_TTL_SECONDS = 600;
/**
 * Expiries are rounded up to this step, so links minted a moment apart are the same URL (the
 * browser's cache holds) and each lives between LINK_TTL_SECONDS and that plus the step.
 */
const EXPIRY_STEP_SECONDS = 300;

export interface LinkSignature {
  /** Unix seconds. */
  expires: number;
  signature: string;
}

/**
 * Short-lived signed links (HMAC-SHA256 over the subject and the expiry) with a key derived from
 * the app secret for this purpose only, so a link's signature is never valid as anything else.
 */
export function createLinkSigner(secret: string, purpose: string) {
  const key = createHmac("sha256", secret).update(`switchboard signed links: ${purpose}`).digest();
  const signatureOf = (subject: string, expires: number) => createHmac("sha256", key).update(`${subject}\n${expires}`).digest("base64url");

  return {
    sign(subject: string, now = new Date()): LinkSignature {
      const expires = Math.ceil((now.getTime() / 1000 + LINK_TTL_SECONDS) / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
      return { expires, signature: signatureOf(subject, expires) };
    },
    /** Whether the signature is this subject's and has not expired (constant-time comparison). */
    verify(subject: string, expires: string | null, signature: string | null, now = new Date()): boolean {
      if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return false;
      const expected = Buffer.from(signatureOf(subject, Number(expires)));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected) && Number(expires) * 1000 > now.getTime();
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;

const signers = new Map<string, LinkSigner>();

/**
 * The process's signer for `purpose`, keyed by NEXTAUTH_SECRET: server.ts puts the resolved secret
 * there at boot (Next's route handlers read it the same way), and every node of a cluster shares
 * it, so a link minted on one node opens on any other.
 */
export function appLinkSigner(purpose: string): LinkSigner {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: the server sets it at boot before serving requests.");
  const cacheKey = `${purpose}\n${secret}`;
  let signer = signers.get(cacheKey);
  if (!signer) signers.set(cacheKey, (signer = createLinkSigner(secret, purpose)));
  return signer;
}
