/**
 * Issue 14, "every client applies changes by version, per entity": ten chats handed off by the
 * assistant while their customers keep typing. A handoff's session.updated goes out at once and its
 * queue.updated after a read, so another staff socket gets them, and the customers' messages, in
 * varying order. The workspace reducer, fed what a real staff socket received, in arrival order and
 * shuffled, must end with exactly the database's waiting chats.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Socket } from "socket.io-client";
import { initialWorkspaceState, workspaceReducer, type WorkspaceAction, type WorkspacePush, type WorkspaceState } from "../../lib/agent/workspace-state";
import type { SessionSnapshot, WorkspaceSnapshot } from "../../lib/contract/staff";
import { addMembership, createBusiness, createUser } from "../../lib/seed/factories.server";
import type { RecordedEvent } from "../support/event-recorder";
import { eventually } from "../support/eventually";
import { confirmedAction, customerSocket, startChat } from "../support/live-chat";
import { useTestStack, type TestStack } from "../support/test-stack";

const CHATS = 10;
const MESSAGES_WHILE_HANDED_OFF = 6;
const MESSAGES_AFTER = 2;
const WORKSPACE_PUSHES = new Set(["queue.updated", "session.updated", "agent.status_changed"]);
const SNAPSHOT_MARK = "workspace.open (ack)";

/** A deterministic shuffle (mulberry32), so a failing order can be replayed from its seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** The reducer's actions for what a staff socket recorded: the snapshot (where its ack arrived), then the pushes. */
function recordedActions(events: RecordedEvent[]): { snapshot: WorkspaceSnapshot; pushes: WorkspaceAction[] } {
  const snapshot = events.find((e) => e.event === SNAPSHOT_MARK)!.payload as WorkspaceSnapshot;
  const pushes = events.filter((e) => WORKSPACE_PUSHES.has(e.event)).map((e): WorkspaceAction => ({ type: "push", push: { event: e.event, payload: e.payload } as WorkspacePush }));
  return { snapshot, pushes };
}

/**
 * What the hook does with the reducer's fetch requests, here until none is left. The burst is over,
 * so one answer per session serves every replay (and keeps the socket within its event budget).
 */
async function withFetchesDone(socket: Socket, answers: Map<string, SessionSnapshot>, start: WorkspaceState): Promise<{ state: WorkspaceState; fetched: number }> {
  let state = start;
  let fetched = 0;
  for (;;) {
    const due = Object.keys(state.fetches).filter((sessionId) => state.fetches[sessionId] === "due");
    if (due.length === 0) return { state, fetched };
    state = workspaceReducer(state, { type: "fetches_sent", sessionIds: due });
    for (const sessionId of due) {
      if (!answers.has(sessionId)) {
        const ack = await socket.emitWithAck("session.get", { session_id: sessionId });
        assert.equal(ack.success, true, JSON.stringify(ack));
        const { success: _success, ...snapshot } = ack as { success: true } & SessionSnapshot;
        answers.set(sessionId, snapshot);
      }
      state = workspaceReducer(state, { type: "fetched", snapshot: answers.get(sessionId)! });
      fetched += 1;
    }
  }
}

/** A business with the assistant on, and its owner. */
async function businessWithOwner(stack: TestStack) {
  const db = stack.database.db;
  const business = await createBusiness(db, { settings: { assistantEnabled: true } });
  const owner = await createUser(db);
  await addMembership(db, { userId: owner.id, businessId: business.id, role: "OWNER" });
  return { business, owner };
}

/** A staff socket of the business's owner with the workspace open; the snapshot is recorded where its ack arrived among the pushes. */
async function openWorkspace(stack: TestStack, email: string, businessId: string) {
  const staff = await stack.staffSocket(email);
  const ack = await staff.socket.emitWithAck("workspace.open", { company_id: businessId });
  assert.equal(ack.success, true, JSON.stringify(ack));
  staff.recorder.events.push({ event: SNAPSHOT_MARK, payload: ack });
  return staff;
}

/** A customer asks for a person and keeps writing while the assistant hands the chat over, and after. */
async function handedOffWhileTyping(stack: TestStack, slug: string, n: number): Promise<string> {
  const chat = await startChat(stack, slug, { customer: { name: `Customer ${n}` } });
  const customer = await customerSocket(stack, chat.session_token);
  const send = async (body: string, i: number) => {
    const ack = await customer.socket.emitWithAck("chat.send", { client_message_id: `c${n}-${i}`, body });
    assert.equal(ack.success, true, JSON.stringify(ack));
  };
  await send("I want to talk to a human", 0);
  for (let i = 1; i <= MESSAGES_WHILE_HANDED_OFF; i += 1) await send(`Hello? (${i})`, i);
  await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "WAITING", `chat ${n} handed off`, 20_000);
  for (let i = 1; i <= MESSAGES_AFTER; i += 1) await send(`Still here (${i})`, MESSAGES_WHILE_HANDED_OFF + i);
  return chat.session_id;
}

/** Sessions of which some push arrived after a push of a higher version (the race of the finding). */
function sessionsWithPushesOutOfOrder(events: RecordedEvent[]): number {
  const highest = new Map<string, number>();
  const outOfOrder = new Set<string>();
  for (const { event, payload } of events) {
    if (event !== "queue.updated" && event !== "session.updated") continue;
    const sessionId: string = payload.session_id ?? payload.session.id;
    if (payload.version < (highest.get(sessionId) ?? 0)) outOfOrder.add(sessionId);
    highest.set(sessionId, Math.max(payload.version, highest.get(sessionId) ?? 0));
  }
  return outOfOrder.size;
}

describe("the agent workspace applies pushes per session by version (a real handoff burst)", () => {
  const stack = useTestStack({}, { queue: true });

  it("ten chats handed off while their customers keep typing: the queue is the database's waiting chats, in arrival order and shuffled", async (t) => {
    const db = stack.database.db;
    const { business, owner } = await businessWithOwner(stack);
    const watching = await openWorkspace(stack, owner.email, business.id);

    const burst = Promise.all(Array.from({ length: CHATS }, (_, n) => handedOffWhileTyping(stack, business.slug, n)));
    // A second workspace opens in the middle of the burst: some pushes it gets predate its snapshot.
    await watching.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.entry !== null, "a first handoff");
    const latecomer = await openWorkspace(stack, owner.email, business.id);
    const sessionIds = await burst;

    const waiting = (await db.chatSession.findMany({ where: { businessId: business.id, status: "WAITING" }, select: { id: true } })).map((row) => row.id).sort();
    assert.deepEqual(waiting, [...sessionIds].sort(), "all ten wait for a person");
    // Every stored message and every chat's queue entry has reached the first socket, so the room has
    // been sent all of the burst; a round trip on the latecomer's socket then comes after all of it.
    const messageIds = (await db.chatMessage.findMany({ where: { businessId: business.id }, select: { id: true } })).map((row) => row.id);
    await eventually(
      () => {
        const pushed = new Set(watching.recorder.events.filter((e) => e.event === "session.updated" && e.payload.message).map((e) => e.payload.message.id));
        const queued = new Set(watching.recorder.events.filter((e) => e.event === "queue.updated" && e.payload.entry).map((e) => e.payload.session_id));
        return messageIds.every((id) => pushed.has(id)) && sessionIds.every((id) => queued.has(id));
      },
      10_000,
      "every push of the burst",
    );
    await latecomer.socket.emitWithAck("session.whoami", {});
    t.diagnostic(`chats whose pushes arrived out of version order: ${sessionsWithPushesOutOfOrder(watching.recorder.events)} of ${CHATS}`);

    const opened = (snapshot: WorkspaceSnapshot) => workspaceReducer(workspaceReducer(initialWorkspaceState, { type: "open_started" }), { type: "snapshot", snapshot });
    const queueIds = (state: WorkspaceState) => state.queue.map((row) => row.id).sort();
    // What the list shows (previewVersion only says how far each preview is known).
    const shownRows = (state: WorkspaceState) => state.queue.map(({ previewVersion: _known, ...row }) => row);

    // The socket open before the burst: every push is newer than its snapshot, so nothing needs fetching.
    const first = recordedActions(watching.recorder.events);
    const inArrivalOrder = first.pushes.reduce(workspaceReducer, opened(first.snapshot));
    assert.deepEqual(queueIds(inArrivalOrder), waiting, "Queue (10), as in the database");
    assert.deepEqual(inArrivalOrder.fetches, {});
    for (let seed = 1; seed <= 50; seed += 1) {
      const state = shuffled(first.pushes, seed).reduce(workspaceReducer, opened(first.snapshot));
      assert.deepEqual(state.queue, inArrivalOrder.queue, `shuffle seed ${seed}`);
      assert.deepEqual(state.fetches, {}, `shuffle seed ${seed}`);
    }

    // The latecomer: pushes at or below its snapshot's version may or may not be in it, so where they matter it asks the server.
    const second = recordedActions(latecomer.recorder.events);
    const fetchCounts: number[] = [];
    const answers = new Map<string, SessionSnapshot>();
    for (let seed = 0; seed <= 20; seed += 1) {
      const pushes = seed === 0 ? second.pushes : shuffled(second.pushes, seed);
      const { state, fetched } = await withFetchesDone(latecomer.socket, answers, pushes.reduce(workspaceReducer, opened(second.snapshot)));
      assert.deepEqual(queueIds(state), waiting, seed === 0 ? "latecomer, arrival order" : `latecomer, shuffle seed ${seed}`);
      assert.deepEqual(shownRows(state), shownRows(inArrivalOrder), "the same rows, previews included");
      fetchCounts.push(fetched);
    }
    t.diagnostic(
      `latecomer: snapshot version ${second.snapshot.version}, ${second.snapshot.queue.length} chats in it, session.get requests per run ${Math.min(...fetchCounts)}–${Math.max(...fetchCounts)}`,
    );
  });

  it("session.get answers a session as of a version between its pushes, with its queue entry", async () => {
    const db = stack.database.db;
    const { business, owner } = await businessWithOwner(stack);
    const staff = await openWorkspace(stack, owner.email, business.id);
    const sessionId = await handedOffWhileTyping(stack, business.slug, 0);
    const lastWords = `Still here (${MESSAGES_AFTER})`;
    await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.body === lastWords, "the last message's push");
    await staff.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.entry !== null, "the handoff's queue entry");
    const pushedVersions = staff.recorder.events.filter((e) => WORKSPACE_PUSHES.has(e.event) && (e.payload.session_id ?? e.payload.session?.id) === sessionId).map((e) => e.payload.version);

    const waiting = await staff.socket.emitWithAck("session.get", { session_id: sessionId });
    assert.equal(waiting.success, true, JSON.stringify(waiting));
    assert.ok(waiting.version > Math.max(...pushedVersions), "newer than every change it includes");
    assert.equal(waiting.session.status, "WAITING");
    assert.equal(waiting.entry.preview, lastWords, "the customer's last words");
    // Whichever of the customer's messages the assistant took up first handed the chat off.
    assert.equal(waiting.entry.handoff_reason, (await db.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).handoffReason);

    const closed = await confirmedAction(staff, "session.close", { session_id: sessionId, request_id: "close-1" });
    assert.equal(closed.confirmed?.success, true);
    const closedPush = await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.session.id === sessionId && e.payload.reason === "closed", "the close");
    assert.ok(closedPush.payload.version > waiting.version, "a later change is versioned above the read");
    const ended = await staff.socket.emitWithAck("session.get", { session_id: sessionId });
    assert.deepEqual([ended.session.status, ended.entry], ["CLOSED", null]);
    assert.ok(ended.version > closedPush.payload.version);
  });
});
