import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import { STAFF_EVENT_BUDGET } from "../../lib/realtime/event-budget.server";
import { TYPING_WINDOW_MS } from "../../lib/realtime/live-publisher.server";
import { customerSocket, startChat, withoutDemoAssistants, workspaceSocket } from "../support/live-chat";
import { useTestStack } from "../support/test-stack";

const FLOOD = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Emits until the server accepts, waiting as long as each rate_limited ack's retry hint says. */
async function emitHonouringRetryHints(socket: Socket, event: string, payload: unknown) {
  for (;;) {
    const ack = await socket.emitWithAck(event, payload);
    if (ack.success || ack.error.code !== "rate_limited") return ack;
    await sleep(ack.error.retry_after_seconds * 1000);
  }
}

describe("floods of socket events from one client", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);

  it("5,000 chat.typing from one customer reach staff as a few session.typing, the final state last", async (t) => {
    const staff = await workspaceSocket(stack, "agent@acme.test", "acme");
    const chat = await startChat(stack, "acme", { message: "Typing a lot" });
    const customer = await customerSocket(stack, chat.session_token);
    const pushes = () => staff.recorder.events.filter((e) => e.event === "session.typing" && e.payload.session_id === chat.session_id);

    const started = Date.now();
    const acks = await Promise.all(Array.from({ length: FLOOD }, () => customer.socket.emitWithAck("chat.typing", { typing: true })));
    // The flood spent the connection's budget: stopping still gets through once the hint is honoured.
    assert.equal((await emitHonouringRetryHints(customer.socket, "chat.typing", { typing: false })).success, true);
    // The only typing:false sent: once it is here nothing of this session is held back any more.
    await staff.recorder.waitFor((e) => e.event === "session.typing" && e.payload.session_id === chat.session_id && !e.payload.typing, "the final typing:false");
    const elapsed = Date.now() - started;

    const accepted = acks.filter((ack) => ack.success).length + 1;
    t.diagnostic(`${accepted} of ${FLOOD + 1} typing events accepted, ${pushes().length} session.typing pushed in ${elapsed} ms`);
    assert.ok(pushes().length <= Math.floor(elapsed / TYPING_WINDOW_MS) + 2, `${pushes().length} pushes in ${elapsed} ms`);
    assert.equal(pushes()[0].payload.typing, true, "the first signal went out at once");
    assert.deepEqual(pushes().at(-1)!.payload, { company_id: stack.ids.acme, session_id: chat.session_id, typing: false });
    for (const ack of acks.filter((a) => !a.success)) assert.equal(ack.error.code, "rate_limited");
    customer.socket.close();
    staff.socket.close();
  });

  it("5,000 session.history from one staff socket: beyond its budget rate_limited with a retry hint, another client still served", async (t) => {
    const chat = await startChat(stack, "acme", { message: "Read my history" });
    const payload = { session_id: chat.session_id };
    const flooder = await workspaceSocket(stack, "agent@acme.test", "acme");
    const other = await workspaceSocket(stack, "maya@acme.test", "acme");
    const timed = async (socket: Socket) => {
      const sentAt = performance.now();
      const ack = await socket.emitWithAck("session.history", payload);
      return { ack, ms: performance.now() - sentAt };
    };
    const before = await timed(other.socket);
    assert.equal(before.ack.success, true);

    let flooderAcks = 0;
    let during: Promise<{ ack: { success: boolean }; ms: number; flooderAcksBefore: number }> | undefined;
    const started = Date.now();
    const flood = Array.from({ length: FLOOD }, (_, i) => {
      if (i === FLOOD / 2) during = timed(other.socket).then((result) => ({ ...result, flooderAcksBefore: flooderAcks }));
      return flooder.socket.emitWithAck("session.history", payload).then((ack) => ((flooderAcks += 1), ack));
    });
    const acks = await Promise.all(flood);
    const elapsedSeconds = (Date.now() - started) / 1000;
    const second = await during!;

    const served = acks.filter((ack) => ack.success);
    const refused = acks.filter((ack) => !ack.success);
    t.diagnostic(
      `flooder: ${served.length} served, ${refused.length} refused in ${elapsedSeconds.toFixed(2)} s; ` +
        `other client's session.history ack: ${before.ms.toFixed(1)} ms before the flood, ${second.ms.toFixed(1)} ms during it (after ${second.flooderAcksBefore} of the flooder's acks)`,
    );
    assert.equal(second.ack.success, true, "another connection has its own budget");
    // Tokens cannot outrun the clock: what reached the database is bounded by the budget, not by the flood.
    assert.ok(served.length <= STAFF_EVENT_BUDGET.burst + Math.ceil(STAFF_EVENT_BUDGET.perSecond * elapsedSeconds) + 1, `${served.length} served in ${elapsedSeconds} s`);
    for (const ack of refused) {
      assert.equal(ack.error.code, "rate_limited");
      assert.ok(Number.isInteger(ack.error.retry_after_seconds) && ack.error.retry_after_seconds >= 1, JSON.stringify(ack.error));
    }
    const counted = (await stack.server.metrics.socketEvents.get()).values.find((v) => v.labels.event === "session.history" && v.labels.outcome === "rate_limited");
    assert.equal(counted?.value, refused.length, "refusals are counted in the metrics");

    const after = await emitHonouringRetryHints(flooder.socket, "session.history", payload);
    assert.equal(after.success, true, "the flooder is served again once it waits as told");
    flooder.socket.close();
    other.socket.close();
  });
});
