import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { createTickingClock, secondsSince, tickingSeconds } from "./ticking-clock";

const START = Date.parse("2026-03-10T15:30:00.000Z");

describe("createTickingClock", () => {
  beforeEach(() => mock.timers.enable({ apis: ["setInterval", "Date"], now: START }));
  afterEach(() => mock.timers.reset());

  it("ticks every period while something listens, one interval for every listener", () => {
    const clock = createTickingClock(1000);
    const heard: string[] = [];
    const stopA = clock.subscribe(() => heard.push(`a@${clock.now() - START}`));
    const stopB = clock.subscribe(() => heard.push(`b@${clock.now() - START}`));
    mock.timers.tick(999);
    assert.deepEqual(heard, []);
    assert.equal(clock.now(), START, "the same value between ticks");
    mock.timers.tick(1);
    assert.deepEqual(heard, ["a@1000", "b@1000"]);
    stopA();
    mock.timers.tick(1000);
    assert.deepEqual(heard, ["a@1000", "b@1000", "b@2000"]);
    stopB();
  });

  it("stops when the last listener leaves, and catches up when read again", () => {
    const clock = createTickingClock(1000);
    let ticks = 0;
    clock.subscribe(() => ticks++)();
    mock.timers.tick(5_500);
    assert.equal(ticks, 0);
    assert.equal(clock.now(), START + 5_500);
    mock.timers.tick(500);
    assert.equal(clock.now(), START + 5_500, "within a period of the last read: unchanged");
  });
});

describe("tickingSeconds", () => {
  const queuedAt = "2026-03-10T15:25:00.000Z";

  it("paints the server's value until the page's clock runs", () => {
    assert.equal(tickingSeconds(290.4, queuedAt, null), 290.4);
    assert.equal(tickingSeconds(null, null, null), null);
  });

  it("then counts up from the timestamp", () => {
    assert.equal(tickingSeconds(290.4, queuedAt, START), 300);
    assert.equal(tickingSeconds(290.4, queuedAt, START + 61_000), 361);
    assert.equal(tickingSeconds(null, null, START), null, "nothing to count: the empty queue stays empty");
  });

  it("never counts below zero (a timestamp ahead of this browser's clock)", () => {
    assert.equal(secondsSince("2026-03-10T15:30:02.000Z", START), 0);
  });
});
