import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ChatMessageWire, CustomerSessionView } from "../contract/customer-chat";
import { customerChatReducer, initialCustomerChatState, type CustomerChatAction, type CustomerChatState } from "./customer-chat-state";
import { newOutgoingMessage } from "./timeline";

const SESSION = "00000000-0000-4000-8000-0000000000b1";
const T0 = new Date("2026-01-01T10:00:00.000Z");

function message(id: string, author: ChatMessageWire["author"], created_at: string, client_message_id: string | null = null): ChatMessageWire {
  return { id, session_id: SESSION, author, agent: null, body: `body ${id}`, client_message_id, created_at, attachment: null };
}

function view(overrides: Partial<CustomerSessionView> = {}): CustomerSessionView {
  return {
    session_id: SESSION,
    status: "BOT",
    agent: null,
    queue: null,
    offline: null,
    business: { slug: "acme", name: "Acme" },
    messages: [],
    rating: null,
    created_at: T0.toISOString(),
    closed_at: null,
    ...overrides,
  };
}

const run = (state: CustomerChatState, ...actions: CustomerChatAction[]) => actions.reduce(customerChatReducer, state);
const status = (name: CustomerChatState["status"] & string, agent: string | null = null, position: number | null = null): CustomerChatAction => ({
  type: "status",
  status: { status: name, agent: agent ? { display_name: agent } : null, queue: position ? { position, total: position, estimated_wait_seconds: 60 } : null, offline: null },
});

describe("customerChatReducer", () => {
  it("loads the view: messages, status, rating, and clears the last error", () => {
    const first = message("m1", "CUSTOMER", "2026-01-01T10:00:00.000Z");
    const state = run(
      initialCustomerChatState,
      { type: "error", error: "We could not reach the chat service." },
      { type: "view", view: view({ status: "ACTIVE", agent: { display_name: "Alex" }, messages: [first], rating: { score: 4, comment: null } }) },
    );
    assert.equal(state.loaded, true);
    assert.equal(state.status, "ACTIVE");
    assert.equal(state.agentName, "Alex");
    assert.deepEqual(state.messages, [first]);
    assert.deepEqual(state.rating, { score: 4, comment: null });
    assert.equal(state.error, null);
  });

  it("keeps the status pushed by chat.status over a view read before it", () => {
    const state = run(initialCustomerChatState, status("ACTIVE", "Maya"), { type: "view", view: view({ status: "WAITING" }) });
    assert.equal(state.status, "ACTIVE");
    assert.equal(state.agentName, "Maya");
    assert.equal(state.loaded, true);
  });

  it("merges messages by id in time order, so a re-delivered message (push, then re-read view) shows once", () => {
    const early = message("m1", "CUSTOMER", "2026-01-01T10:00:00.000Z");
    const late = message("m2", "AGENT", "2026-01-01T10:01:00.000Z");
    const state = run(
      initialCustomerChatState,
      { type: "message", message: late },
      { type: "message", message: late },
      { type: "view", view: view({ messages: [early, late] }) },
      { type: "message", message: early },
    );
    assert.deepEqual(
      state.messages.map((m) => m.id),
      ["m1", "m2"],
    );
  });

  it("appends streamed pieces to the assistant's answer, which its stored message replaces", () => {
    const streaming = run(
      initialCustomerChatState,
      { type: "delta", messageId: "a1", delta: "Hello", at: T0 },
      { type: "delta", messageId: "a1", delta: ", how can I help?", at: new Date(T0.getTime() + 500) },
      { type: "delta", messageId: "a2", delta: "Also", at: T0 },
    );
    assert.deepEqual(streaming.streaming, [
      { id: "a1", body: "Hello, how can I help?", started_at: T0.toISOString() },
      { id: "a2", body: "Also", started_at: T0.toISOString() },
    ]);
    const stored = run(streaming, { type: "message", message: message("a1", "ASSISTANT", "2026-01-01T10:00:01.000Z") });
    assert.deepEqual(
      stored.streaming.map((draft) => draft.id),
      ["a2"],
    );
    assert.deepEqual(
      stored.messages.map((m) => m.id),
      ["a1"],
    );
  });

  it("ignores a late piece of an answer already stored", () => {
    const stored = run(initialCustomerChatState, { type: "message", message: message("a1", "ASSISTANT", "2026-01-01T10:00:01.000Z") });
    assert.equal(customerChatReducer(stored, { type: "delta", messageId: "a1", delta: " more", at: T0 }), stored);
  });

  it("follows the chat forward: queue position, then the agent's name, then ended", () => {
    const waiting = run(initialCustomerChatState, status("WAITING", null, 3));
    assert.deepEqual([waiting.status, waiting.queue?.position], ["WAITING", 3]);
    const active = run(waiting, status("ACTIVE", "Alex"));
    assert.deepEqual([active.status, active.agentName, active.queue], ["ACTIVE", "Alex", null]);
    const closed = run(active, status("CLOSED"));
    assert.deepEqual([closed.status, closed.agentName], ["CLOSED", null]);
  });

  it("drops a stale push that would move the chat back (a queue position computed before the claim)", () => {
    const active = run(initialCustomerChatState, status("ACTIVE", "Alex"));
    assert.equal(customerChatReducer(active, status("WAITING", null, 1)), active);
    const left = run(initialCustomerChatState, status("ABANDONED"));
    assert.equal(customerChatReducer(left, status("ACTIVE", "Alex")), left);
    assert.equal(run(left, status("CLOSED")).status, "CLOSED", "one ended status may follow another");
  });

  it("drops a half-streamed answer when the assistant hands the chat off", () => {
    const streaming = run(initialCustomerChatState, status("BOT"), { type: "delta", messageId: "a1", delta: "Let me", at: T0 });
    assert.equal(run(streaming, status("BOT")).streaming.length, 1, "still the assistant's: keeps streaming");
    assert.deepEqual(run(streaming, status("WAITING", null, 1)).streaming, []);
  });

  it("shows a sent message at once and settles it when its stored copy arrives", () => {
    const outgoing = newOutgoingMessage("Hi there", "c1", T0);
    const sending = run(initialCustomerChatState, { type: "sending", outgoing });
    assert.deepEqual(sending.outbox, [outgoing]);
    const stored = run(sending, { type: "message", message: message("m1", "CUSTOMER", T0.toISOString(), "c1") });
    assert.deepEqual(stored.outbox, []);
    assert.deepEqual(
      stored.messages.map((m) => m.id),
      ["m1"],
    );
  });

  it("marks a message failed with the reason, then sending again on retry, until stored", () => {
    const outgoing = newOutgoingMessage("Hi there", "c1", T0);
    const failed = run(initialCustomerChatState, { type: "sending", outgoing }, { type: "send_failed", clientMessageId: "c1", error: "Not sent: no connection." });
    assert.deepEqual([failed.outbox[0].state, failed.outbox[0].error], ["failed", "Not sent: no connection."]);
    const retrying = run(failed, { type: "resending", clientMessageId: "c1" });
    assert.deepEqual([retrying.outbox[0].state, retrying.outbox[0].error], ["sending", null]);
    // The first attempt was stored after all: the view read on reconnect settles it.
    const settled = run(retrying, { type: "view", view: view({ messages: [message("m1", "CUSTOMER", T0.toISOString(), "c1")] }) });
    assert.deepEqual(settled.outbox, []);
  });

  it("records the rating and clears the last error", () => {
    const state = run(initialCustomerChatState, { type: "error", error: "Rating failed." }, { type: "rated", rating: { score: 5, comment: "Quick!" } });
    assert.deepEqual(state.rating, { score: 5, comment: "Quick!" });
    assert.equal(state.error, null);
  });

  it("keeps an offline message's state until it joins the queue, and notes an email given", () => {
    const offline: CustomerChatAction = { type: "status", status: { status: "WAITING", agent: null, queue: null, offline: { email_known: false } } };
    const held = run(initialCustomerChatState, status("BOT"), offline);
    assert.deepEqual(held.offline, { email_known: false });
    assert.deepEqual(run(held, { type: "email_given" }).offline, { email_known: true });
    const queued = run(held, status("WAITING", null, 2));
    assert.equal(queued.offline, null);
    assert.equal(queued.queue?.position, 2);
    assert.equal(run(initialCustomerChatState, { type: "email_given" }).offline, null, "nothing to note on a chat that is not offline");
  });
});
