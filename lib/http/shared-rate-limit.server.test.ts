import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors/app-error";
import { createSharedRateLimiter } from "./shared-rate-limit.server";

const refusal = (promise: Promise<void>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("createSharedRateLimiter (in memory, without Redis)", () => {
  it("admits the limit per key in a window, then refuses with the seconds until the window resets", async () => {
    const limiter = createSharedRateLimiter(undefined, { name: "test_starts", limit: 3, windowSeconds: 60, what: "new chats" });
    for (let n = 0; n < 3; n++) await limiter.take("203.0.113.7");
    const refused = await refusal(limiter.take("203.0.113.7"));
    assert.ok(refused instanceof AppError);
    assert.equal(refused.code, "rate_limited");
    assert.ok(refused.details.retryAfterSeconds! >= 1 && refused.details.retryAfterSeconds! <= 60);
    assert.match(refused.message, /Too many new chats/);
    // Another client's allowance is its own.
    assert.equal(await refusal(limiter.take("198.51.100.1")), null);
  });
});
