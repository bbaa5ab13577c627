import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { deleteExpiredAuthState } from "../../lib/auth/auth-sessions.server";
import { createLoginThrottle, signInRefusalError, type LoginThrottle, type LoginThrottleStore } from "../../lib/auth/login-throttle.server";
import { pgPoolOf } from "../../lib/db/prisma-client.server";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const CONFIG = { maxFailuresPerAccount: 5, maxFailuresPerAddress: 8, windowSeconds: 2 };

/** The same rules whichever store counts: two throttles on one store stand for two nodes. */
function throttleRules(storeName: string, store: () => LoginThrottleStore) {
  describe(`sign-in throttle on ${storeName}, shared by every node`, () => {
    let throttle: LoginThrottle;
    let otherNode: LoginThrottle;
    before(async () => {
      throttle = await createLoginThrottle(store(), CONFIG);
      otherNode = await createLoginThrottle(store(), CONFIG);
    });
    after(() => Promise.all([throttle.close(), otherNode.close()]));

    it("answers rate_limited with a retry time after a few attempts for one account, counted across nodes, and lets it in after the window", async () => {
      for (let i = 0; i < 3; i++) assert.equal(await throttle.attempt("Owner@Acme.test", `10.0.0.${i}`), null);
      for (let i = 3; i < 5; i++) assert.equal(await otherNode.attempt("owner@acme.test", `10.0.0.${i}`), null);
      const refused = await throttle.attempt("owner@acme.test", "10.0.0.99");
      assert.equal(refused?.code, "rate_limited");
      const error = signInRefusalError(refused!);
      assert.equal(error.status, 429);
      assert.ok(error.details.retryAfterSeconds! >= 1 && error.details.retryAfterSeconds! <= 2);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      assert.equal(await throttle.attempt("owner@acme.test", "10.0.0.99"), null);
    });

    it("lets exactly the limit through when 30 guesses arrive at once", async () => {
      const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? throttle : otherNode).attempt("parallel@acme.test", `10.1.0.${i}`)));
      assert.equal(outcomes.filter((o) => o === null).length, 5);
      assert.ok(outcomes.every((o) => o === null || o.code === "rate_limited"));
    });

    it("limits one address across many accounts, and counts unknown emails like known ones", async () => {
      const outcomes = [];
      for (let i = 0; i < 10; i++) outcomes.push(await throttle.attempt(`nobody-${i}@example.test`, "10.2.0.1"));
      assert.equal(outcomes.filter((o) => o === null).length, 8);
      assert.equal(outcomes.at(-1)?.code, "rate_limited");
    });

    it("a correct password starts the account's count again", async () => {
      for (let i = 0; i < 4; i++) await throttle.attempt("careful@acme.test", "10.3.0.1");
      await throttle.succeeded("careful@acme.test", "10.3.0.1");
      for (let i = 0; i < 5; i++) assert.equal(await throttle.attempt("careful@acme.test", "10.3.0.2"), null);
    });
  });
}

let database: TestDatabase;
let redis: TestRedis;
before(async () => {
  [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
});
after(async () => {
  await Promise.all([database.drop(), redis.stop()]);
});

throttleRules("PostgreSQL", () => ({ kind: "postgres", pool: pgPoolOf(database.db)! }));
throttleRules("Redis (REDIS_URL)", () => ({ kind: "redis", url: redis.url }));

describe("sign-in counters in PostgreSQL", () => {
  it("hold no email, and housekeeping drops them past their window", async () => {
    const keys = (await database.db.rateLimit.findMany({ select: { key: true } })).map((row) => row.key);
    assert.ok(keys.length > 0);
    assert.ok(keys.every((key) => !key.includes("@")));
    await deleteExpiredAuthState(database.db, new Date(Date.now() + 10_000));
    assert.equal(await database.db.rateLimit.count(), 0);
  });
});
