/**
 * Webhook signatures: `Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Signing the time with the body lets a receiver refuse a captured request replayed later.
 * Pure (node:crypto only): the sender, the tests and the docs' example share it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "Switchboard-Signature";
/** How old (or how far in the future) a signature's time may be: five minutes. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");

/** The header value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyOptions {
  /** Unix seconds; default now. */
  now?: number;
  toleranceSeconds?: number;
}

/**
 * Whether `header` signs `rawBody` (the bytes as received, before any JSON parsing) with `secret`
 * within the replay window. Any v1 value may match (several appear while a secret is rotated on
 * the receiver's side). Compared in constant time.
 */
export function verifyWebhookSignature(secret: string, rawBody: string, header: string | null | undefined, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  const parts = header.split(",").map((part) => part.trim().split("="));
  const timestamps = parts.filter(([key]) => key === "t").map(([, value]) => Number(value));
  const signatures = parts.filter(([key, value]) => key === "v1" && /^[0-9a-f]{64}$/.test(value ?? "")).map(([, value]) => Buffer.from(value, "hex"));
  if (timestamps.length !== 1 || !Number.isInteger(timestamps[0]) || signatures.length === 0) return false;
  const timestamp = timestamps[0];
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), "hex");
  return signatures.some((signature) => timingSafeEqual(signature, expected));
}
