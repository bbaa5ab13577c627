import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from "./retry-schedule";

describe("webhook retry schedule", () => {
  it("tries 8 times over about a day, waiting longer each time", () => {
    assert.equal(MAX_ATTEMPTS, 8);
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1));
    assert.equal(waits.at(-1), null, "no retry after the 8th attempt");
    const delays = waits.slice(0, -1) as number[];
    assert.deepEqual(delays, [...RETRY_DELAYS_MS]);
    for (let i = 1; i < delays.length; i++) assert.ok(delays[i] > delays[i - 1]);
    const total = delays.reduce((sum, delay) => sum + delay, 0);
    assert.ok(total > 20 * 3_600_000 && total < 26 * 3_600_000, `${total} ms`);
  });

  it("scales for tests", () => {
    assert.equal(retryDelayMs(1, 0.001), 60);
    assert.equal(retryDelayMs(7, 0.001), 43_200);
    assert.equal(retryDelayMs(8, 0.001), null);
  });
});
