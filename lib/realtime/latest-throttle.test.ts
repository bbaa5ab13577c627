import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { createLatestThrottle } from "./latest-throttle";

const WINDOW_MS = 500;

describe("createLatestThrottle", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  function throttle() {
    const sent: string[] = [];
    return { sent, throttle: createLatestThrottle<string>(WINDOW_MS, (value) => sent.push(value)) };
  }

  it("sends the first state at once, then the latest once per window, and the final one last", () => {
    const { sent, throttle: typing } = throttle();
    typing.push("s1", "true");
    assert.deepEqual(sent, ["true"], "leading edge at once");
    for (let i = 0; i < 1000; i += 1) typing.push("s1", i % 2 === 0 ? "false" : "true");
    typing.push("s1", "false");
    assert.deepEqual(sent, ["true"], "nothing more within the window");
    mock.timers.tick(WINDOW_MS - 1);
    assert.deepEqual(sent, ["true"]);
    mock.timers.tick(1);
    assert.deepEqual(sent, ["true", "false"], "the latest state at the end of the window");
    mock.timers.tick(10 * WINDOW_MS);
    assert.deepEqual(sent, ["true", "false"], "nothing repeated once it went out");
  });

  it("holds a steady flood to one state per window", () => {
    const { sent, throttle: typing } = throttle();
    const stepMs = 10;
    const durationMs = 3_000;
    for (let t = 0; t < durationMs; t += stepMs) {
      typing.push("s1", `state at ${t}`);
      mock.timers.tick(stepMs);
    }
    mock.timers.tick(WINDOW_MS);
    assert.equal(sent.length, durationMs / WINDOW_MS + 1);
    assert.equal(sent.at(-1), `state at ${durationMs - stepMs}`, "the final state arrives");
  });

  it("keeps sessions apart: each has its own leading edge and window", () => {
    const { sent, throttle: typing } = throttle();
    typing.push("s1", "s1 true");
    typing.push("s2", "s2 true");
    typing.push("s1", "s1 false");
    assert.deepEqual(sent, ["s1 true", "s2 true"]);
    mock.timers.tick(WINDOW_MS);
    assert.deepEqual(sent, ["s1 true", "s2 true", "s1 false"]);
  });

  it("sends at once again after a quiet window", () => {
    const { sent, throttle: typing } = throttle();
    typing.push("s1", "first");
    mock.timers.tick(WINDOW_MS);
    typing.push("s1", "second");
    assert.deepEqual(sent, ["first", "second"]);
  });

  it("forget drops the pending state and reopens the key", () => {
    const { sent, throttle: typing } = throttle();
    typing.push("s1", "true");
    typing.push("s1", "stale true");
    typing.forget("s1");
    mock.timers.tick(WINDOW_MS);
    assert.deepEqual(sent, ["true"]);
    typing.push("s1", "fresh");
    assert.deepEqual(sent, ["true", "fresh"]);
  });

  it("sends nothing after close", () => {
    const { sent, throttle: typing } = throttle();
    typing.push("s1", "true");
    typing.push("s1", "false");
    typing.close();
    mock.timers.tick(WINDOW_MS);
    typing.push("s2", "true");
    assert.deepEqual(sent, ["true"]);
  });
});
