import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { createClient } from "redis";
import { AppError } from "../errors/app-error";

export interface LoginThrottleConfig {
  /** Sign-in attempts for one email per window (a success starts the count again). */
  maxFailuresPerAccount: number;
  /** Failed sign-in attempts from one client address per window. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export type LoginThrottleStore = { kind: "postgres"; pool: pg.Pool } | { kind: "redis"; url: string };

/** Why a sign-in attempt is refused before its password is checked. Plain data: the throttle is built in server.ts's module graph, the route that reads it lives in Next's. */
export type SignInRefusal = { code: "rate_limited"; retryAfterSeconds: number } | { code: "unavailable" };

export interface LoginThrottle {
  /** Counts an attempt; a refusal once the account or the address is over its limit (or the store is away). */
  attempt(email: string, address: string): Promise<SignInRefusal | null>;
  /** A correct password: the account's count starts again, and the address gets its attempt back. */
  succeeded(email: string, address: string): Promise<void>;
  close(): Promise<void>;
}

/** The refusal as the API's error (429 with Retry-After, or 503). */
export function signInRefusalError(refusal: SignInRefusal): AppError {
  if (refusal.code === "unavailable") return new AppError("unavailable", "Sign-in is unavailable for a moment; try again.");
  const wait = refusal.retryAfterSeconds < 90 ? `${refusal.retryAfterSeconds} s` : `${Math.ceil(refusal.retryAfterSeconds / 60)} minutes`;
  return new AppError("rate_limited", `Too many sign-in attempts; try again in ${wait}.`, { retryAfterSeconds: refusal.retryAfterSeconds });
}

/** The table rate-limiter-flexible writes (prisma/schema.prisma `RateLimit`, created by our migrations). */
const RATE_LIMIT_TABLE = "RateLimit";

// Emails are hashed: the counter table need not hold who tried to sign in.
const accountKey = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("base64url");

/**
 * Sign-in throttling shared by every node: in PostgreSQL, or in Redis when REDIS_URL is set
 * (rate-limiter-flexible; both count atomically, so parallel guesses cannot slip past the limit).
 */
export async function createLoginThrottle(store: LoginThrottleStore, config: LoginThrottleConfig): Promise<LoginThrottle> {
  const redis = store.kind === "redis" ? createClient({ url: store.url }) : undefined;
  await redis?.connect();
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration: config.windowSeconds })
      : new RateLimiterPostgres({
          storeClient: (store as { pool: pg.Pool }).pool,
          // Said, not guessed: the library guesses from the constructor's name, and ours is a subclass (metrics).
          storeType: "pool",
          tableName: RATE_LIMIT_TABLE,
          tableCreated: true,
          clearExpiredByTimeout: false,
          keyPrefix,
          points,
          duration: config.windowSeconds,
        });
  const accounts = limiter("login_account", config.maxFailuresPerAccount);
  const addresses = limiter("login_address", config.maxFailuresPerAddress);

  return {
    async attempt(email, address) {
      const results = await Promise.allSettled([accounts.consume(accountKey(email)), addresses.consume(address)]);
      const refusals = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
      if (refusals.length === 0) return null;
      const waits = refusals.filter((reason): reason is RateLimiterRes => reason instanceof RateLimiterRes);
      // A store error (database away) refuses the sign-in rather than letting guesses through uncounted.
      if (waits.length < refusals.length) return { code: "unavailable" };
      return { code: "rate_limited", retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits.map((w) => w.msBeforeNext)) / 1000)) };
    },
    async succeeded(email, address) {
      await Promise.all([accounts.delete(accountKey(email)), addresses.reward(address, 1)]);
    },
    async close() {
      await redis?.quit().catch(() => undefined);
    },
  };
}

// server.ts creates the throttle; Next's route handlers (a separate module graph) find it here.
const globalKey = Symbol.for("switchboard.loginThrottle");
type GlobalWithThrottle = typeof globalThis & { [globalKey]?: LoginThrottle };

export function setLoginThrottle(throttle: LoginThrottle): void {
  (globalThis as GlobalWithThrottle)[globalKey] = throttle;
}

export function getLoginThrottle(): LoginThrottle {
  const throttle = (globalThis as GlobalWithThrottle)[globalKey];
  if (!throttle) throw new Error("The login throttle is not set: server.ts creates it at boot.");
  return throttle;
}
