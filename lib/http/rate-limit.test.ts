import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../errors/app-error";
import { createRateLimiter } from "./rate-limit";

function refused(take: () => void): AppError {
  try {
    take();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail("expected the limiter to refuse");
}

describe("createRateLimiter", () => {
  it("lets a burst up to the limit through, then refuses with the seconds until the next token", () => {
    let clock = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, what: "messages", now: () => clock });
    for (let i = 0; i < 3; i += 1) limiter.take("session-a");
    const error = refused(() => limiter.take("session-a"));
    assert.equal(error.code, "rate_limited");
    assert.equal(error.status, 429);
    assert.equal(error.details.retryAfterSeconds, 20);
    // Another key has its own bucket.
    limiter.take("session-b");
    clock += 20_000;
    limiter.take("session-a");
    assert.equal(refused(() => limiter.take("session-a")).code, "rate_limited");
  });

  it("forgets buckets that have refilled", () => {
    let clock = 0;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1_000, what: "requests", now: () => clock });
    for (let i = 0; i < 50; i += 1) limiter.take(`ip-${i}`);
    assert.equal(limiter.size(), 50);
    clock += 1_000;
    limiter.take("ip-new");
    assert.equal(limiter.size(), 1);
  });
});
