import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { createMetrics } from "../observability/metrics.server";
import { applyEventBudget } from "./event-budget.server";

type Middleware = (packet: [string, ...unknown[]], next: (error?: Error) => void) => void;

/** A connection with the budget applied: `send` runs one event through it and tells whether it went on. */
function connection(budget = { burst: 3, perSecond: 2 }) {
  const metrics = createMetrics();
  let middleware: Middleware | undefined;
  const socket = { id: "socket-1", use: (fn: Middleware) => ((middleware = fn), socket) };
  applyEventBudget(socket, budget, { metrics, knownEvents: new Set(["session.history"]) });
  const acks: unknown[] = [];
  const send = (event: string, withAck = true) => {
    let passed = false;
    middleware!([event, {}, ...(withAck ? [(response: unknown) => acks.push(response)] : [])], () => (passed = true));
    return passed;
  };
  const refusals = async () => (await metrics.socketEvents.get()).values.map((value) => [value.labels.event, value.labels.outcome, value.value]);
  return { send, acks, refusals };
}

describe("applyEventBudget", () => {
  beforeEach(() => mock.timers.enable({ apis: ["Date"] }));
  afterEach(() => mock.timers.reset());

  it("lets a burst through, then answers every further event with rate_limited and a retry hint", async () => {
    const { send, acks, refusals } = connection();
    assert.deepEqual([send("session.history"), send("session.history"), send("session.history")], [true, true, true]);
    assert.deepEqual(acks, []);
    assert.equal(send("session.history"), false, "refused before any handler");
    assert.deepEqual(acks, [{ success: false, error: { code: "rate_limited", message: "Too many requests on this connection; try again in 1 s.", retry_after_seconds: 1 } }]);
    assert.deepEqual(await refusals(), [["session.history", "rate_limited", 1]]);
  });

  it("refills at its rate, so a client that waits as told gets through", () => {
    const { send } = connection();
    for (let i = 0; i < 3; i += 1) send("session.history");
    assert.equal(send("session.history"), false);
    mock.timers.tick(499);
    assert.equal(send("session.history"), false);
    mock.timers.tick(1);
    assert.equal(send("session.history"), true, "one token per 500 ms at 2 a second");
  });

  it("refuses junk events without an ack quietly, under a bounded metric label", async () => {
    const { send, acks, refusals } = connection({ burst: 1, perSecond: 1 });
    send("x".repeat(50));
    assert.equal(send("x".repeat(60), false), false);
    assert.equal(send("made.up"), false);
    assert.equal(acks.length, 1);
    assert.deepEqual(await refusals(), [["other", "rate_limited", 2]]);
  });
});
