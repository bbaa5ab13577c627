import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isHeldOffline, queuedAtOf, type AgentWire, type SessionChangeReason, type SessionNoteWire, type StaffSession, type WorkspaceSnapshot } from "../contract/staff";
import type { ChatMessageWire } from "../contract/customer-chat";
import type { QueuedSession } from "../contract/widgets";
import type { TagWire } from "../contract/tags";
import type { SavedReplyWire } from "../contract/saved-replies";
import { initialWorkspaceState, shownTags, workspaceReducer, type WorkspaceAction, type WorkspaceState } from "./workspace-state";

const COMPANY = "00000000-0000-4000-8000-000000000001";
const ME = "00000000-0000-4000-8000-0000000000a1";
const MAYA = "00000000-0000-4000-8000-0000000000a2";
const S1 = "00000000-0000-4000-8000-0000000000b1";
const S2 = "00000000-0000-4000-8000-0000000000b2";

const agent = (id: string, display_name: string, status: AgentWire["status"] = "ONLINE"): AgentWire => ({ id, display_name, status, capacity: 4, last_seen_at: null });

function staffSession(id: string, overrides: Partial<StaffSession> = {}): StaffSession {
  return {
    id,
    status: "WAITING",
    priority: 0,
    customer: { id: `${id}-c`, name: `Customer ${id.slice(-2)}`, email: null },
    agent: null,
    created_at: "2026-01-01T10:00:00.000Z",
    queued_at: "2026-01-01T10:00:00.000Z",
    assigned_at: null,
    first_response_at: null,
    closed_at: null,
    last_message_at: "2026-01-01T10:00:00.000Z",
    handoff_reason: null,
    handoff_summary: null,
    tags: [],
    offline_at: null,
    ...overrides,
  };
}

const entry = (session: StaffSession, preview: string): QueuedSession => ({
  id: session.id,
  customer: { id: session.customer.id, name: session.customer.name },
  priority: session.priority,
  queued_at: queuedAtOf(session),
  wait_seconds: 0,
  preview,
  handoff_reason: session.handoff_reason,
  tags: session.tags,
  offline_at: session.offline_at,
  held_offline: isHeldOffline(session),
});

function message(id: string, sessionId: string, author: ChatMessageWire["author"], created_at: string, client_message_id: string | null = null): ChatMessageWire {
  return { id, session_id: sessionId, author, agent: author === "AGENT" ? { id: ME, display_name: "Alex" } : null, body: `body ${id}`, client_message_id, created_at, attachment: null };
}

function loaded(overrides: Partial<WorkspaceSnapshot> = {}): WorkspaceState {
  const snapshot: WorkspaceSnapshot = {
    company: { id: COMPANY, slug: "acme", name: "Acme", routing: "manual" },
    me: agent(ME, "Alex"),
    agents: [
      { ...agent(ME, "Alex"), active_sessions: 0 },
      { ...agent(MAYA, "Maya"), active_sessions: 1 },
    ],
    queue: [entry(staffSession(S1), "first"), entry(staffSession(S2, { queued_at: "2026-01-01T10:01:00.000Z" }), "second")],
    queue_total: 2,
    offline: [],
    my_sessions: [],
    tags: [],
    version: 1,
    ...overrides,
  };
  return workspaceReducer(workspaceReducer(initialWorkspaceState, { type: "open_started" }), { type: "snapshot", snapshot });
}

const run = (state: WorkspaceState, ...actions: WorkspaceAction[]) => actions.reduce(workspaceReducer, state);
const sessionChanged = (session: StaffSession, version: number, reason: SessionChangeReason, msg: ChatMessageWire | null = null): WorkspaceAction => ({
  type: "push",
  push: { event: "session.updated", payload: { company_id: COMPANY, version, reason, session, message: msg } },
});
const sessionUpdated = (session: StaffSession, version: number, msg: ChatMessageWire | null = null) => sessionChanged(session, version, msg ? "message" : "claimed", msg);
const queueUpdated = (sessionId: string, version: number, queued: QueuedSession | null): WorkspaceAction => ({
  type: "push",
  push: { event: "queue.updated", payload: { company_id: COMPANY, version, reason: "queued", session_id: sessionId, entry: queued } },
});
const refused = (requestId: string, action: "queue.claim" | "agent.set_status" | "session.close", text: string): WorkspaceAction => ({
  type: "confirmed",
  confirmation: { request_id: requestId, action, success: false, error: { code: "conflict", message: text } },
});

describe("workspaceReducer", () => {
  it("applies pushes that arrive during workspace.open on top of the snapshot", () => {
    const syncing = run(initialWorkspaceState, { type: "open_started" }, queueUpdated(S2, 5, null));
    assert.equal(syncing.queue.length, 0);
    const state = workspaceReducer(syncing, {
      type: "snapshot",
      snapshot: {
        company: { id: COMPANY, slug: "acme", name: "Acme", routing: "manual" },
        me: null,
        agents: [],
        queue: [entry(staffSession(S1), "first"), entry(staffSession(S2), "second")],
        queue_total: 2,
        offline: [],
        my_sessions: [],
        tags: [],
        version: 4,
      },
    });
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1],
    );
  });

  it("keeps the queue in claim order and drops pushes older than the last one applied", () => {
    let state = run(loaded(), queueUpdated(S2, 10, { ...entry(staffSession(S2, { priority: 1 }), "urgent"), priority: 1 }));
    assert.deepEqual(
      state.queue.map((row) => [row.id, row.preview]),
      [
        [S2, "urgent"],
        [S1, "first"],
      ],
    );
    state = run(state, queueUpdated(S2, 9, null));
    assert.equal(state.queue.length, 2, "a stale removal is ignored");
    state = run(state, queueUpdated(S2, 10, null));
    assert.equal(state.queue.length, 1, "an equal version (another push of the same change) applies");
  });

  it("claims optimistically and rolls back with a visible alert when refused", () => {
    let state = run(loaded(), { type: "claim", requestId: "r1", sessionId: S1 });
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S2],
    );
    assert.deepEqual(
      state.myChats.map((chat) => chat.id),
      [S1],
    );
    state = run(state, refused("r1", "queue.claim", "You already hold 4 chats."));
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1, S2],
    );
    assert.deepEqual(state.myChats, []);
    assert.deepEqual(state.alerts, [{ id: "r1", message: "You already hold 4 chats." }]);
    assert.deepEqual(state.pending, {});
  });

  it("does not put back a chat another agent won meanwhile", () => {
    const taken = staffSession(S1, { status: "ACTIVE", agent: { id: MAYA, display_name: "Maya" } });
    const state = run(
      loaded(),
      { type: "claim", requestId: "r1", sessionId: S1 },
      sessionUpdated(taken, 7),
      queueUpdated(S1, 7, null),
      refused("r1", "queue.claim", "Another agent has already taken this chat."),
    );
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S2],
    );
    assert.deepEqual(state.myChats, []);
    assert.equal(state.alerts.length, 1);
  });

  it("keeps a pending claim out of the queue when a customer message refreshes its entry, and restores the fresh entry on refusal", () => {
    let state = run(loaded(), { type: "claim", requestId: "r1", sessionId: S1 }, sessionUpdated(staffSession(S1), 3, message("m1", S1, "CUSTOMER", "2026-01-01T10:02:00.000Z")));
    assert.equal(
      state.queue.some((row) => row.id === S1),
      false,
    );
    assert.deepEqual(
      state.myChats.map((chat) => chat.id),
      [S1],
    );
    state = run(state, refused("r1", "queue.claim", "nope"));
    assert.equal(state.queue.find((row) => row.id === S1)?.preview, "body m1");
  });

  it("rolls a status change back unless a newer status was pushed meanwhile", () => {
    const refusedState = run(loaded(), { type: "set_status", requestId: "r1", status: "AWAY" }, refused("r1", "agent.set_status", "no"));
    assert.equal(refusedState.me?.status, "ONLINE");
    const pushed = run(
      loaded(),
      { type: "set_status", requestId: "r1", status: "AWAY" },
      {
        type: "push",
        push: { event: "agent.status_changed", payload: { company_id: COMPANY, version: 4, agent: agent(ME, "Alex", "OFFLINE"), previous_status: "ONLINE", changed_at: "2026-01-01T10:00:00.000Z" } },
      },
      refused("r1", "agent.set_status", "no"),
    );
    assert.equal(pushed.me?.status, "OFFLINE");
    assert.equal(pushed.agents.find((a) => a.id === ME)?.status, "OFFLINE");
  });

  it("closes optimistically and restores the chat when the close is refused", () => {
    const mine = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    let state = loaded({ queue: [], my_sessions: [mine] });
    state = run(state, { type: "release", requestId: "r1", sessionId: S1 });
    assert.deepEqual(state.myChats, []);
    state = run(state, refused("r1", "session.close", "no"));
    assert.deepEqual(
      state.myChats.map((chat) => chat.id),
      [S1],
    );
  });

  it("appends messages to the open conversation once, marks other chats unread, and settles sent replies", () => {
    const a = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    const b = staffSession(S2, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    let state = run(
      loaded({ queue: [], my_sessions: [a, b] }),
      { type: "select", sessionId: S1 },
      { type: "history", session: a, messages: [message("m1", S1, "CUSTOMER", "2026-01-01T10:01:00.000Z")], notes: [] },
    );
    state = run(
      state,
      { type: "send", sessionId: S1, outgoing: { client_message_id: "c1", body: "hi", created_at: "2026-01-01T10:02:00.000Z", state: "sending", error: null } },
      sessionUpdated(a, 5, message("m2", S1, "AGENT", "2026-01-01T10:02:00.000Z", "c1")),
      sessionUpdated(a, 5, message("m2", S1, "AGENT", "2026-01-01T10:02:00.000Z", "c1")),
      sessionUpdated(b, 6, message("m3", S2, "CUSTOMER", "2026-01-01T10:03:00.000Z")),
    );
    assert.deepEqual(
      state.conversation?.messages.map((m) => m.id),
      ["m1", "m2"],
    );
    assert.deepEqual(state.outboxes[S1], []);
    assert.deepEqual(
      state.myChats.map((chat) => [chat.id, chat.unread]),
      [
        [S1, false],
        [S2, true],
      ],
    );
  });

  it("keeps a session state pushed while its history was loading over the history's older copy", () => {
    const taken = staffSession(S1, { status: "ACTIVE", agent: { id: MAYA, display_name: "Maya" } });
    const state = run(loaded(), { type: "select", sessionId: S1 }, { type: "history_requested", sessionId: S1 }, sessionUpdated(taken, 12), {
      type: "history",
      session: staffSession(S1),
      messages: [message("m1", S1, "CUSTOMER", "2026-01-01T10:01:00.000Z")],
      notes: [],
    });
    assert.equal(state.conversation?.session?.status, "ACTIVE");
    assert.equal(state.conversation?.loading, false);
    assert.deepEqual(
      state.conversation?.messages.map((m) => m.id),
      ["m1"],
    );
  });

  it("still appends a message whose push is older than the session's last change", () => {
    const a = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    const state = run(
      loaded({ queue: [], my_sessions: [a] }),
      { type: "select", sessionId: S1 },
      sessionUpdated(a, 9),
      sessionUpdated(a, 8, message("m1", S1, "CUSTOMER", "2026-01-01T10:01:00.000Z")),
    );
    assert.deepEqual(
      state.conversation?.messages.map((m) => m.id),
      ["m1"],
    );
  });

  it("marks a reply failed on refusal, and unconfirmed replies failed when the connection is replaced", () => {
    const a = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    const outgoing = (id: string) => ({ client_message_id: id, body: id, created_at: "2026-01-01T10:02:00.000Z", state: "sending" as const, error: null });
    let state = run(loaded({ queue: [], my_sessions: [a] }), { type: "send", sessionId: S1, outgoing: outgoing("c1") }, { type: "send", sessionId: S1, outgoing: outgoing("c2") });
    state = run(state, {
      type: "confirmed",
      confirmation: { request_id: "c1", action: "session.send", success: false, error: { code: "conflict", message: "Only a chat in progress can be answered." } },
    });
    assert.deepEqual(
      state.outboxes[S1].map((entry) => [entry.client_message_id, entry.state, entry.error]),
      [
        ["c1", "failed", "Only a chat in progress can be answered."],
        ["c2", "sending", null],
      ],
    );
    state = run(state, { type: "open_started" });
    assert.equal(state.outboxes[S1][1].state, "failed");
  });

  it("shows one alert per refused request", () => {
    const state = run(loaded(), { type: "claim", requestId: "r1", sessionId: S1 }, refused("r1", "queue.claim", "timeout"), refused("r1", "queue.claim", "refused"));
    assert.equal(state.alerts.length, 1);
  });
});

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i += 1) {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
  }
}

/** Runs every arrival order of the actions from `start`; returns the in-order state after checking each order ends in it. */
function sameInEveryOrder(start: WorkspaceState, actions: WorkspaceAction[]): WorkspaceState {
  const inOrder = run(start, ...actions);
  let orders = 0;
  for (const order of permutations(actions)) {
    assert.deepEqual(run(start, ...order), inOrder, `arrival order ${order.map((action) => actions.indexOf(action)).join(",")}`);
    orders += 1;
  }
  assert.ok(orders > 1);
  return inOrder;
}

describe("workspaceReducer: per-session versions, in any arrival order", () => {
  // A chat the assistant hands off while its customer keeps writing, then an agent takes it.
  const H = "00000000-0000-4000-8000-0000000000b3";
  const waiting = (lastMessageAt: string) => staffSession(H, { queued_at: "2026-01-01T10:05:00.000Z", handoff_reason: "The customer asked for a person", last_message_at: lastMessageAt });
  const claimedBy = (agentId: string, name: string) => ({
    ...waiting("2026-01-01T10:07:00.000Z"),
    status: "ACTIVE" as const,
    agent: { id: agentId, display_name: name },
    assigned_at: "2026-01-01T10:08:00.000Z",
  });
  const handoff = [
    sessionChanged(waiting("2026-01-01T10:05:00.000Z"), 11, "handoff", message("note", H, "ASSISTANT", "2026-01-01T10:05:00.000Z")),
    queueUpdated(H, 11, entry(waiting("2026-01-01T10:05:00.000Z"), "I want a person")),
    sessionChanged(waiting("2026-01-01T10:06:00.000Z"), 12, "message", message("m12", H, "CUSTOMER", "2026-01-01T10:06:00.000Z")),
    sessionChanged(waiting("2026-01-01T10:07:00.000Z"), 13, "message", message("m13", H, "CUSTOMER", "2026-01-01T10:07:00.000Z")),
  ];
  const claim = (agentId: string, name: string) => [
    sessionChanged(claimedBy(agentId, name), 14, "claimed"),
    queueUpdated(H, 14, null),
    sessionChanged({ ...claimedBy(agentId, name), last_message_at: "2026-01-01T10:09:00.000Z" }, 15, "message", message("m15", H, "CUSTOMER", "2026-01-01T10:09:00.000Z")),
  ];

  it("a handoff's pushes and the customer's messages, in every order: the chat waits once, with their last words", () => {
    const state = sameInEveryOrder(loaded(), handoff);
    assert.deepEqual(
      state.queue.map((row) => [row.id, row.preview, row.handoffReason]),
      [
        [S1, "first", null],
        [S2, "second", null],
        [H, "body m13", "The customer asked for a person"],
      ],
    );
    assert.deepEqual(state.fetches, {}, "everything needed arrived: nothing to fetch");
  });

  it("handoff, messages and another agent's claim, in every order: gone from the queue", () => {
    const state = sameInEveryOrder(loaded(), [...handoff, ...claim(MAYA, "Maya")]);
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1, S2],
    );
    assert.deepEqual(state.myChats, []);
    assert.deepEqual(state.sessionVersions, { [H]: 15 });
  });

  it("handoff, messages and my claim (from another tab), in every order: in my chats, not in the queue", () => {
    const state = sameInEveryOrder(loaded(), [...handoff, ...claim(ME, "Alex")]);
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1, S2],
    );
    assert.deepEqual(state.myChats, [{ id: H, customerName: "Customer b3", unread: true, tags: [] }]);
  });

  it("every push twice, in every order, ends as once in order", () => {
    const pushes = handoff.slice(0, 3);
    const once = run(loaded(), ...pushes);
    for (const order of permutations([...pushes, ...pushes])) assert.deepEqual(run(loaded(), ...order), once);
  });

  it("a push older than what the session has changes nothing", () => {
    const events = [...handoff, ...claim(MAYA, "Maya")];
    const settled = run(loaded(), ...events);
    for (const older of events) assert.deepEqual(run(settled, older), settled);
    const waitingAgain = run(loaded(), ...handoff);
    assert.deepEqual(run(waitingAgain, queueUpdated(H, 11, null)), waitingAgain, "an older 'left the queue' does not take out a chat a newer version keeps in it");
  });

  it("keeps a queue entry and the session's status in agreement", () => {
    const mine = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    let state = run(loaded({ queue: [], my_sessions: [mine] }), queueUpdated(S1, 20, entry(staffSession(S1), "back in the queue")));
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1],
    );
    assert.deepEqual(state.myChats, [], "waiting again means no longer mine");
    state = run(state, sessionUpdated({ ...mine, status: "CLOSED" }, 21));
    assert.deepEqual(state.queue, []);
  });

  it("fetches a waiting session it cannot show in full once, whatever else arrives, and applies the answer", () => {
    const unknown = waiting("2026-01-01T10:06:00.000Z");
    const note = message("sys", H, "SYSTEM", "2026-01-01T10:06:00.000Z");
    let state = run(loaded(), sessionChanged(unknown, 12, "message", note));
    assert.deepEqual(state.fetches, { [H]: "due" });
    assert.ok(
      state.queue.some((row) => row.id === H),
      "counted in the queue meanwhile",
    );
    state = run(state, sessionChanged(unknown, 12, "message", note), { type: "fetches_sent", sessionIds: [H] }, sessionChanged(unknown, 13, "message", note));
    assert.deepEqual(state.fetches, { [H]: "sent" }, "exactly one request");
    state = run(state, { type: "fetched", snapshot: { session: unknown, entry: entry(unknown, "Is anyone there?"), version: 14 } });
    assert.deepEqual(state.fetches, {});
    assert.equal(state.queue.find((row) => row.id === H)?.preview, "Is anyone there?");
    assert.deepEqual(run(state, { type: "fetched", snapshot: { session: unknown, entry: entry(unknown, "late copy"), version: 15 } }), state, "an answer nobody waits for is ignored");
  });

  it("fetches a session whose push may predate the snapshot instead of guessing, and ignores such pushes for sessions it does not show", () => {
    const snapshotAt = loaded({ version: 20 });
    const bot = staffSession(H, { status: "BOT", queued_at: null });
    assert.deepEqual(run(snapshotAt, sessionChanged(bot, 18, "message", message("b1", H, "CUSTOMER", "2026-01-01T10:06:00.000Z"))), snapshotAt);
    let state = run(snapshotAt, queueUpdated(S1, 19, null));
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S1, S2],
      "not removed on a guess",
    );
    assert.deepEqual(state.fetches, { [S1]: "due" });
    const taken = staffSession(S1, { status: "ACTIVE", agent: { id: MAYA, display_name: "Maya" } });
    state = run(state, { type: "fetches_sent", sessionIds: [S1] }, { type: "fetched", snapshot: { session: taken, entry: null, version: 23 } });
    assert.deepEqual(
      state.queue.map((row) => row.id),
      [S2],
    );
    assert.deepEqual(run(state, queueUpdated(S1, 19, entry(staffSession(S1), "first"))), state, "the fetched version orders later pushes");
  });

  it("ignores pushes of another business (still on their way after a switch)", () => {
    const state = loaded();
    const foreign: WorkspaceAction = {
      type: "push",
      push: { event: "queue.updated", payload: { company_id: "00000000-0000-4000-8000-000000000002", version: 30, reason: "claimed", session_id: S1, entry: null } },
    };
    assert.deepEqual(run(state, foreign), state);
  });
});

describe("workspaceReducer: private notes", () => {
  const mine = staffSession(S1, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
  const note = (id: string, sessionId: string, created_at: string, client_message_id = `client-${id}`): SessionNoteWire => ({
    id,
    session_id: sessionId,
    author: { user_id: "00000000-0000-4000-8000-0000000000c1", name: "Maya" },
    body: `note ${id}`,
    client_message_id,
    created_at,
  });
  const noteAdded = (added: SessionNoteWire, companyId = COMPANY): WorkspaceAction => ({ type: "push", push: { event: "session.note_added", payload: { company_id: companyId, note: added } } });
  const n1 = note("n1", S1, "2026-01-01T10:01:00.000Z");
  const n2 = note("n2", S1, "2026-01-01T10:02:00.000Z");
  const n3 = note("n3", S1, "2026-01-01T10:03:00.000Z");
  const opened = () => run(loaded({ queue: [], my_sessions: [mine] }), { type: "select", sessionId: S1 });
  const history = (...notes: SessionNoteWire[]): WorkspaceAction => ({ type: "history", session: mine, messages: [message("m1", S1, "CUSTOMER", "2026-01-01T10:00:30.000Z")], notes });
  const noteIds = (state: WorkspaceState) => state.conversation?.notes.map((n) => n.id);

  it("pushes, the history and a confirmation, in every order and some twice: each note once, in time order", () => {
    const confirmed: WorkspaceAction = { type: "confirmed", confirmation: { request_id: n3.client_message_id, action: "session.note", success: true, note: n3 } };
    const state = sameInEveryOrder(opened(), [noteAdded(n2), history(n1, n2), noteAdded(n1), confirmed, noteAdded(n3)]);
    assert.deepEqual(noteIds(state), ["n1", "n2", "n3"]);
    assert.deepEqual(
      state.conversation?.messages.map((m) => m.id),
      ["m1"],
      "notes never become messages",
    );
  });

  it("leaves other conversations, the lists and the unread marks alone", () => {
    const other = staffSession(S2, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    const start = run(loaded({ queue: [], my_sessions: [mine, other] }), { type: "select", sessionId: S1 });
    const state = run(start, noteAdded(note("x1", S2, "2026-01-01T10:05:00.000Z")));
    assert.deepEqual(state, start, "a note of a conversation that is not open is read with its history when it is opened");
    assert.deepEqual(run(start, noteAdded(n1, "00000000-0000-4000-8000-000000000002")), start, "another business's note is dropped");
  });

  it("waits in the backlog while the workspace opens", () => {
    const syncing = run(opened(), { type: "open_started" }, noteAdded(n1));
    assert.deepEqual(noteIds(syncing), []);
    const state = run(syncing, {
      type: "snapshot",
      snapshot: {
        company: { id: COMPANY, slug: "acme", name: "Acme", routing: "manual" },
        me: agent(ME, "Alex"),
        agents: [],
        queue: [],
        queue_total: 0,
        offline: [],
        my_sessions: [mine],
        tags: [],
        version: 9,
      },
    });
    assert.deepEqual(noteIds(state), ["n1"]);
  });

  it("is optimistic: saving at once, settled by its push or confirmation, failed with its reason and retried as a note", () => {
    const outgoing = (id: string) => ({ client_message_id: id, body: id, created_at: "2026-01-01T10:04:00.000Z", state: "sending" as const, error: null, privateNote: true });
    let state = run(opened(), history(), { type: "send", sessionId: S1, outgoing: outgoing("c1") }, { type: "send", sessionId: S1, outgoing: outgoing("c2") });
    assert.deepEqual(
      state.outboxes[S1].map((entry) => [entry.client_message_id, entry.privateNote]),
      [
        ["c1", true],
        ["c2", true],
      ],
    );
    state = run(state, noteAdded(note("n9", S1, "2026-01-01T10:04:00.000Z", "c1")), {
      type: "confirmed",
      confirmation: { request_id: "c2", action: "session.note", success: false, error: { code: "not_found", message: "Chat session not found." } },
    });
    assert.deepEqual(noteIds(state), ["n9"]);
    assert.deepEqual(
      state.outboxes[S1].map((entry) => [entry.client_message_id, entry.state, entry.error]),
      [["c2", "failed", "Chat session not found."]],
    );
    state = run(state, { type: "resend", sessionId: S1, clientMessageId: "c2" }, { type: "open_started" });
    assert.equal(state.outboxes[S1][0].state, "failed", "unconfirmed when the connection was replaced");
    state = run(state, { type: "confirmed", confirmation: { request_id: "c2", action: "session.note", success: false } });
    assert.equal(state.outboxes[S1][0].error, "The note was not saved.");
  });
});

describe("workspaceReducer: tags", () => {
  const billing: TagWire = { id: "00000000-0000-4000-8000-0000000000t1", name: "billing", color: "amber" };
  const vip: TagWire = { id: "00000000-0000-4000-8000-0000000000t2", name: "vip", color: "violet" };
  const waiting = (version: number, tags: TagWire[], reason: SessionChangeReason = "tagged") => sessionChanged(staffSession(S1, { tags }), version, reason);
  const rowTags = (state: WorkspaceState) => state.queue.find((row) => row.id === S1)?.tags.map((tag) => tag.name);
  const tagsUpdated = (version: number, tags: TagWire[]): WorkspaceAction => ({ type: "push", push: { event: "tags.updated", payload: { company_id: COMPANY, version, tags } } });

  it("a chat's tags follow its newest version, whatever order the tag changes arrive in", () => {
    const state = sameInEveryOrder(loaded(), [waiting(5, [billing]), waiting(6, [billing, vip]), waiting(7, [vip], "untagged")]);
    assert.deepEqual(rowTags(state), ["vip"]);
    assert.equal(state.queue.find((row) => row.id === S1)?.preview, "first", "a tag change keeps the customer's words");
  });

  it("my chats and the open conversation carry the tags too", () => {
    const mine = staffSession(S2, { status: "ACTIVE", agent: { id: ME, display_name: "Alex" } });
    let state = run(loaded({ queue: [], my_sessions: [mine] }), { type: "select", sessionId: S2 }, { type: "history", session: mine, messages: [], notes: [] });
    state = run(state, sessionChanged({ ...mine, tags: [vip] }, 8, "tagged"));
    assert.deepEqual(state.myChats[0].tags, [vip]);
    assert.deepEqual(state.conversation?.session?.tags, [vip]);
  });

  it("the tag list comes with the snapshot and is replaced only by a newer list", () => {
    let state = loaded({ tags: [billing], version: 4 });
    assert.deepEqual(state.tags, [billing]);
    state = run(state, tagsUpdated(9, [billing, vip]), tagsUpdated(6, []));
    assert.deepEqual(state.tags, [billing, vip], "the older list (version 6) arrived late and is dropped");
    assert.deepEqual(run(state, { type: "push", push: { event: "tags.updated", payload: { company_id: "00000000-0000-4000-8000-000000000002", version: 10, tags: [] } } }).tags, [billing, vip]);
    assert.equal(loaded({ queue_total: 250 }).queuePartial, true, "a snapshot of the first page only says so");
  });

  it("is optimistic: my tagging shows at once over the server's tags, and a refusal drops it with an alert", () => {
    let state = run(
      loaded(),
      waiting(5, [billing]),
      { type: "tag", requestId: "t-1", sessionId: S1, tag: vip, action: "add" },
      { type: "tag", requestId: "t-2", sessionId: S1, tag: billing, action: "remove" },
    );
    const row = () => state.queue.find((r) => r.id === S1)!;
    assert.deepEqual(shownTags(state, S1, row().tags), [vip]);
    // A message push in between (tags as the server has them) does not make my pending change flicker away.
    state = run(state, waiting(6, [billing], "message"));
    assert.deepEqual(shownTags(state, S1, row().tags), [vip]);
    state = run(state, waiting(7, [billing, vip]), { type: "confirmed", confirmation: { request_id: "t-1", action: "session.tag", success: true } });
    state = run(state, { type: "confirmed", confirmation: { request_id: "t-2", action: "session.tag", success: false, error: { code: "not_found", message: "Tag not found." } } });
    assert.deepEqual(shownTags(state, S1, row().tags), [billing, vip], "the refused removal is gone: the server's tags show");
    assert.deepEqual(
      state.alerts.map((alert) => alert.message),
      ["Tag not found."],
    );
    assert.deepEqual(state.pending, {});
  });
});

describe("saved replies in the workspace", () => {
  const OTHER = "00000000-0000-4000-8000-000000000002";
  const reply = (shortcut: string): SavedReplyWire => ({ id: shortcut, shortcut, title: shortcut, body: "Body", attachment: null, created_at: "", updated_at: "" });
  const fetched = (version: number, replies: SavedReplyWire[], companyId = COMPANY): WorkspaceAction => ({ type: "saved_replies", companyId, version, replies });
  const pushed = (version: number, replies: SavedReplyWire[], companyId = COMPANY): WorkspaceAction => ({
    type: "push",
    push: { event: "saved_replies.updated", payload: { company_id: companyId, version, saved_replies: replies } },
  });
  const shortcuts = (state: WorkspaceState) => state.savedReplies?.map((r) => r.shortcut) ?? null;

  it("the newer version wins, whether it came fetched or pushed, in any order", () => {
    assert.equal(loaded().savedReplies, null, "not in the snapshot: fetched apart");
    assert.deepEqual(shortcuts(run(loaded(), fetched(5, [reply("a")]), pushed(7, [reply("a"), reply("b")]))), ["a", "b"]);
    assert.deepEqual(shortcuts(run(loaded(), pushed(7, [reply("a"), reply("b")]), fetched(5, [reply("a")]))), ["a", "b"], "a fetch older than the push arrived late");
    assert.deepEqual(shortcuts(run(loaded(), fetched(9, []), pushed(7, [reply("a")]))), []);
  });

  it("ignores another business's list, and forgets its own when the workspace switches business", () => {
    assert.equal(run(loaded(), fetched(5, [reply("x")], OTHER), pushed(6, [reply("y")], OTHER)).savedReplies, null);
    const state = run(loaded(), fetched(5, [reply("a")]));
    const globex: WorkspaceSnapshot = {
      company: { id: OTHER, slug: "globex", name: "Globex", routing: "manual" },
      me: state.me!,
      agents: [],
      queue: [],
      queue_total: 0,
      offline: [],
      my_sessions: [],
      tags: [],
      version: 2,
    };
    const switched = run(state, { type: "open_started" }, { type: "snapshot", snapshot: globex });
    assert.equal(switched.savedReplies, null);
    assert.equal(switched.savedRepliesVersion, 0, "the other business's versions start afresh");
  });

  it("a failed fetch is shown until a list arrives", () => {
    let state = run(loaded(), { type: "saved_replies_failed", companyId: COMPANY });
    assert.equal(state.savedRepliesFailed, true);
    state = run(state, pushed(3, [reply("a")]));
    assert.equal(state.savedRepliesFailed, false);
  });
});

describe("offline messages in the workspace", () => {
  const S9 = "00000000-0000-4000-8000-0000000000f9";
  const held = staffSession(S9, { queued_at: null, offline_at: "2026-01-01T09:00:00.000Z", created_at: "2026-01-01T09:00:00.000Z" });

  it("lists a snapshot's offline messages apart from the queue, and one that comes in while open", () => {
    const snapshot = loaded({ offline: [entry(held, "left while closed")] });
    const row = snapshot.queue.find((r) => r.id === S9)!;
    assert.equal(row.heldOffline, true);
    assert.equal(row.offlineAt, "2026-01-01T09:00:00.000Z");
    assert.equal(row.queuedAt, "2026-01-01T09:00:00.000Z", "waiting since it came in");
    const pushed = run(loaded(), sessionChanged(held, 5, "created", message("m9", S9, "CUSTOMER", "2026-01-01T09:00:00.000Z")));
    assert.equal(pushed.queue.find((r) => r.id === S9)?.heldOffline, true);
  });

  it("moves it into the queue when the desk opens, still marked as having come in offline", () => {
    const queued = { ...held, queued_at: "2026-01-01T10:05:00.000Z" };
    const state = run(loaded({ offline: [entry(held, "left while closed")] }), queueUpdated(S9, 6, entry(queued, "left while closed")), sessionChanged(queued, 6, "queued"));
    const row = state.queue.find((r) => r.id === S9)!;
    assert.equal(row.heldOffline, false);
    assert.equal(row.offlineAt, "2026-01-01T09:00:00.000Z");
    assert.equal(row.queuedAt, "2026-01-01T10:05:00.000Z");
  });
});
