import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { eventually } from "../support/eventually";
import { chatApi, confirmedAction, customerSocket, dashboardSocket, newAgent, startChat, workspaceSocket, withoutDemoAssistants } from "../support/live-chat";
import { useTestStack } from "../support/test-stack";

const MISSING = "00000000-0000-4000-8000-000000000000";
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("live chat end to end over real HTTP and sockets", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  const db = () => stack.database.db;

  it("a new chat is pushed to its business's staff, and to no one else", async () => {
    const acme = await workspaceSocket(stack, "agent@acme.test", "acme");
    const acmeDashboard = await dashboardSocket(stack, "owner@acme.test", "acme");
    const globex = await workspaceSocket(stack, "agent@globex.test", "globex");
    const chat = await startChat(stack, "acme", { customer: { name: "Dana Fox" }, message: "Where is my parcel?" });
    assert.equal(chat.status, "WAITING");
    assert.match(chat.session_token, /^[\w-]{40,}$/);
    const byId = await startChat(stack, stack.ids.acme);
    assert.equal((await db().chatSession.findUniqueOrThrow({ where: { id: byId.session_id } })).businessId, stack.ids.acme, "the business id works as well as the slug");

    const queued = await acme.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === chat.session_id, "queue.updated");
    assert.equal(queued.payload.company_id, stack.ids.acme);
    assert.equal(queued.payload.reason, "created");
    assert.equal(queued.payload.entry.customer.name, "Dana Fox");
    assert.equal(queued.payload.entry.preview, "Where is my parcel?");
    const widget = await acmeDashboard.recorder.waitFor(
      (e) => e.event === "dashboard.data_updated" && e.payload.widget === "waiting_queue" && e.payload.data.sessions.some((s: { id: string }) => s.id === chat.session_id),
      "waiting_queue widget with the new chat",
    );
    assert.ok(widget.payload.version > 0);
    assert.ok(!acme.recorder.events.some((e) => e.event === "dashboard.data_updated"), "an agent workspace is spared widget pushes");

    await settle();
    assert.ok(!JSON.stringify(globex.recorder.events).includes(chat.session_id), "globex staff saw nothing of it");
    assert.ok(!globex.recorder.events.some((e) => e.payload?.company_id === stack.ids.acme), "no acme payload reached globex");
  });

  it("two agents claiming one session at once: exactly one wins, the other gets a clear error", async () => {
    const [first, second] = await Promise.all([newAgent(stack, "acme"), newAgent(stack, "acme")]);
    const [a, b] = await Promise.all([workspaceSocket(stack, first.email, "acme"), workspaceSocket(stack, second.email, "acme")]);
    const chat = await startChat(stack, "acme", { message: "Race me" });

    const outcomes = await Promise.all([
      confirmedAction(a, "queue.claim", { session_id: chat.session_id, request_id: "claim-a" }),
      confirmedAction(b, "queue.claim", { session_id: chat.session_id, request_id: "claim-b" }),
    ]);
    for (const outcome of outcomes) assert.deepEqual(outcome.ack, { success: true, request_id: outcome.confirmed!.request_id }, "both accepted at once");
    const winners = outcomes.filter((o) => o.confirmed!.success);
    const losers = outcomes.filter((o) => !o.confirmed!.success);
    assert.equal(winners.length, 1);
    assert.equal(losers.length, 1);
    assert.equal(losers[0].confirmed!.error.code, "conflict");
    assert.match(losers[0].confirmed!.error.message, /already taken/);

    const winnerAgentId = winners[0].confirmed!.session.agent.id;
    const stored = await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id } });
    assert.equal(stored.status, "ACTIVE");
    assert.equal(stored.assignedAgentId, winnerAgentId);
    assert.ok(stored.assignedAt);
    assert.equal(await db().auditLog.count({ where: { action: "session.claimed", target: chat.session_id } }), 1);
  });

  it("the agent's reply reaches the customer live, and the customer's reaches the staff room", async () => {
    const agent = await newAgent(stack, "acme", { name: "Riley Stone" });
    const staff = await workspaceSocket(stack, agent.email, "acme");
    const chat = await startChat(stack, "acme", { message: "Hello?" });
    const customer = await customerSocket(stack, chat.session_token);
    const initial = await customer.recorder.waitFor((e) => e.event === "chat.status", "initial chat.status");
    assert.equal(initial.payload.status, "WAITING");
    assert.ok(initial.payload.queue.position >= 1);

    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim" })).confirmed!.success, true);
    const active = await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "ACTIVE", "ACTIVE status");
    assert.deepEqual(active.payload.agent, { display_name: "Riley Stone" });

    const reply = await confirmedAction(staff, "session.send", { session_id: chat.session_id, body: "Hi, I'm on it.", client_message_id: "reply-1" });
    assert.equal(reply.confirmed!.success, true);
    const received = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "AGENT", "agent message");
    assert.equal(received.payload.message.body, "Hi, I'm on it.");
    assert.deepEqual(received.payload.message.agent, { id: agent.agentId, display_name: "Riley Stone" });
    assert.ok((await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id } })).firstResponseAt, "first response recorded");

    const sent = await customer.socket.emitWithAck("chat.send", { client_message_id: "c-1", body: "Thanks!" });
    assert.equal(sent.success, true);
    assert.equal(sent.message.author, "CUSTOMER");
    const pushed = await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.message?.id === sent.message.id, "customer message to staff");
    assert.equal(pushed.payload.reason, "message");
  });

  it("a chat naming an unknown slug or business id is 404", async () => {
    for (const business of ["no-such-business", crypto.randomUUID()]) {
      const missing = await chatApi(stack, "POST", "/api/v1/chat/init", { body: { business, message: "Hello?" } });
      assert.equal(missing.status, 404, business);
    }
  });

  it("a customer retry with the same client_message_id stores one message", async () => {
    const chat = await startChat(stack, "acme");
    const path = `/api/v1/chat/${chat.session_id}/task`;
    const body = { message: "Is anyone there?", client_message_id: "retry-1" };
    const [first, second] = await Promise.all([chatApi(stack, "POST", path, { token: chat.session_token, body }), chatApi(stack, "POST", path, { token: chat.session_token, body })]);
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal(first.body.message_id, second.body.message_id);
    const { socket } = await customerSocket(stack, chat.session_token);
    const overSocket = await socket.emitWithAck("chat.send", { client_message_id: "retry-1", body: "Is anyone there?" });
    assert.equal(overSocket.message.id, first.body.message_id);
    assert.equal(await db().chatMessage.count({ where: { sessionId: chat.session_id, clientMessageId: "retry-1" } }), 1);

    const view = await chatApi(stack, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token });
    assert.equal(view.status, 200);
    assert.deepEqual(
      view.body.messages.map((m: { body: string }) => m.body),
      ["Is anyone there?"],
    );
  });

  it("a rating after the close pushes the satisfaction widget", async () => {
    const agent = await newAgent(stack, "acme");
    const staff = await workspaceSocket(stack, agent.email, "acme");
    const chat = await startChat(stack, "acme", { message: "Refund please" });
    const rateEarly = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 5 } });
    assert.equal(rateEarly.status, 409, "not before the chat is closed");

    await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim" });
    const closed = await confirmedAction(staff, "session.close", { session_id: chat.session_id, request_id: "close" });
    assert.equal(closed.confirmed!.session.status, "CLOSED");
    const before = await db().satisfactionRating.count({ where: { businessId: stack.ids.acme } });

    const outOfRange = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 6 } });
    assert.equal(outOfRange.status, 400);
    assert.equal(outOfRange.body.error.code, "validation_error");
    assert.ok(outOfRange.body.error.fields.score);

    const dashboard = await dashboardSocket(stack, "owner@acme.test", "acme");
    const rated = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 5, comment: "Quick and kind" } });
    assert.equal(rated.status, 201);
    const update = await dashboard.recorder.waitFor(
      (e) => e.event === "dashboard.data_updated" && e.payload.widget === "satisfaction" && e.payload.data.recent_comments.some((c: { session_id: string }) => c.session_id === chat.session_id),
      "satisfaction update with the new rating",
    );
    assert.equal(update.payload.data.recent_comments.find((c: { session_id: string }) => c.session_id === chat.session_id).comment, "Quick and kind");
    assert.equal(await db().satisfactionRating.count({ where: { businessId: stack.ids.acme } }), before + 1);

    const again = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/rating`, { token: chat.session_token, body: { score: 2 } });
    assert.equal(again.status, 409, "a different second rating is refused");
  });

  it("transfer hands the chat over; close and customer abandonment are recorded with timestamps", async () => {
    const [from, to] = await Promise.all([newAgent(stack, "acme"), newAgent(stack, "acme")]);
    const a = await workspaceSocket(stack, from.email, "acme");
    const chat = await startChat(stack, "acme", { message: "Transfer me" });
    await confirmedAction(a, "queue.claim", { session_id: chat.session_id, request_id: "claim" });
    const moved = await confirmedAction(a, "session.transfer", { session_id: chat.session_id, agent_id: to.agentId, request_id: "transfer" });
    assert.equal(moved.confirmed!.success, true);
    assert.equal(moved.confirmed!.session.agent.id, to.agentId);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "session.transferred", target: chat.session_id } });
    assert.deepEqual(audit.meta, { from: from.agentId, to: to.agentId });
    const late = await confirmedAction(a, "session.send", { session_id: chat.session_id, body: "still me?", client_message_id: "late-1" });
    assert.equal(late.confirmed!.success, false, "the previous holder can no longer reply");

    const waiting = await startChat(stack, "acme", { message: "Never mind" });
    a.recorder.clear();
    const ended = await chatApi(stack, "DELETE", `/api/v1/chat/${waiting.session_id}`, { token: waiting.session_token });
    assert.deepEqual(ended.body, { session_id: waiting.session_id, status: "ABANDONED" });
    const left = await a.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === waiting.session_id, "queue removal");
    assert.equal(left.payload.entry, null);
    assert.equal(left.payload.reason, "abandoned");
    const row = await db().chatSession.findUniqueOrThrow({ where: { id: waiting.session_id } });
    assert.ok(row.closedAt && row.queuedAt && row.closedAt >= row.queuedAt);
    const repeat = await chatApi(stack, "DELETE", `/api/v1/chat/${waiting.session_id}`, { token: waiting.session_token });
    assert.equal(repeat.status, 200, "ending an ended chat is fine (clients retry)");
    const ratedAfterLeaving = await chatApi(stack, "POST", `/api/v1/chat/${waiting.session_id}/rating`, { token: waiting.session_token, body: { score: 2, comment: "Waited too long" } });
    assert.equal(ratedAfterLeaving.status, 201, "a chat left while waiting can be rated too");
    const afterEnd = await chatApi(stack, "POST", `/api/v1/chat/${waiting.session_id}/task`, { token: waiting.session_token, body: { message: "hello?", client_message_id: "x-1" } });
    assert.equal(afterEnd.status, 409);
  });

  it("capacity bounds what others hand an agent, not what the agent claims", async () => {
    const [busy, other] = await Promise.all([newAgent(stack, "acme", { capacity: 1 }), newAgent(stack, "acme")]);
    const staff = await workspaceSocket(stack, busy.email, "acme");
    const helper = await workspaceSocket(stack, other.email, "acme");
    const [one, two, three] = [await startChat(stack, "acme"), await startChat(stack, "acme"), await startChat(stack, "acme")];
    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: one.session_id, request_id: "c1" })).confirmed!.success, true);
    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: two.session_id, request_id: "c2" })).confirmed!.success, true, "a claim past capacity is the agent's call");
    await confirmedAction(helper, "queue.claim", { session_id: three.session_id, request_id: "c3" });
    const refused = await confirmedAction(helper, "session.transfer", { session_id: three.session_id, agent_id: busy.agentId, request_id: "t1" });
    assert.equal(refused.confirmed!.success, false);
    assert.match(refused.confirmed!.error.message, /no free capacity/);
    assert.equal((await db().chatSession.findUniqueOrThrow({ where: { id: three.session_id } })).assignedAgentId, other.agentId);
  });

  it("versions of pushes only grow", async () => {
    const agent = await newAgent(stack, "acme");
    const staff = await workspaceSocket(stack, agent.email, "acme");
    const chat = await startChat(stack, "acme", { message: "one" });
    await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: "two", client_message_id: "v-2" } });
    await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim" });
    await confirmedAction(staff, "session.close", { session_id: chat.session_id, request_id: "close" });
    // created → queue.updated; message → session.updated; claim → queue.updated + session.updated (one change, one version); close → session.updated.
    const ofChat = () =>
      staff.recorder.events.filter((e) => (e.event === "queue.updated" && e.payload.session_id === chat.session_id) || (e.event === "session.updated" && e.payload.session.id === chat.session_id));
    await eventually(() => ofChat().length === 5, 5_000, "five pushes of the chat");
    const versions = ofChat().map((e) => e.payload.version);
    assert.deepEqual(
      versions,
      [...versions].sort((x, y) => x - y),
    );
    assert.equal(new Set(versions).size, 4, "four changes, four versions");
  });
});

describe("live chat: tokens, tenancy and bad input", () => {
  const stack = useTestStack();
  withoutDemoAssistants(stack);
  const db = () => stack.database.db;

  it("a session token opens only its own session", async () => {
    // Another customer of the same business: tokens, not businesses, draw this line.
    const [mine, theirs] = [await startChat(stack, "acme"), await startChat(stack, "acme")];
    const own = await chatApi(stack, "GET", `/api/v1/chat/${mine.session_id}`, { token: mine.session_token });
    assert.equal(own.status, 200);
    assert.equal(own.body.business.slug, "acme");
    for (const [method, suffix, body] of [
      ["GET", "", undefined],
      ["DELETE", "", undefined],
      ["POST", "/task", { message: "hi", client_message_id: "t-1" }],
      ["POST", "/rating", { score: 5 }],
    ] as const) {
      const foreign = await chatApi(stack, method, `/api/v1/chat/${theirs.session_id}${suffix}`, { token: mine.session_token, body });
      const missing = await chatApi(stack, method, `/api/v1/chat/${MISSING}${suffix}`, { token: mine.session_token, body });
      assert.equal(foreign.status, 404, `${method} ${suffix}`);
      assert.deepEqual(foreign.body, missing.body, "another session looks like a missing one");
      const anonymous = await chatApi(stack, method, `/api/v1/chat/${theirs.session_id}${suffix}`, { body });
      assert.equal(anonymous.status, 401);
    }
    assert.equal((await db().chatSession.findUniqueOrThrow({ where: { id: theirs.session_id } })).status, "WAITING", "nothing changed");
    const socket = stack.server.connect("/chat", { auth: { session_token: "not-a-real-token-000000000000" } });
    const error = await new Promise<Error>((resolve) => socket.once("connect_error", resolve));
    assert.equal(error.message, "unauthorized");
  });

  it("staff of another business cannot see or act on a session, which looks like a missing one", async () => {
    const chat = await startChat(stack, "acme", { message: "private" });
    const globex = await workspaceSocket(stack, "agent@globex.test", "globex");
    for (const [event, payload] of [
      ["queue.claim", { session_id: chat.session_id, request_id: "x1" }],
      ["session.close", { session_id: chat.session_id, request_id: "x2" }],
      ["session.send", { session_id: chat.session_id, body: "hi", client_message_id: "x3" }],
      ["session.transfer", { session_id: chat.session_id, agent_id: MISSING, request_id: "x4" }],
    ] as const) {
      const outcome = await confirmedAction(globex, event, payload);
      assert.equal(outcome.confirmed!.success, false, event);
      assert.equal(outcome.confirmed!.error.code, "not_found", event);
    }
    const history = await globex.socket.emitWithAck("session.history", { session_id: chat.session_id });
    assert.deepEqual(history, { success: false, error: { code: "not_found", message: "Chat session not found." } });
    const foreignSession = await globex.socket.emitWithAck("session.get", { session_id: chat.session_id });
    const missingSession = await globex.socket.emitWithAck("session.get", { session_id: MISSING });
    assert.deepEqual(foreignSession, missingSession, "session.get: another business's session answers like a missing one");
    assert.equal(foreignSession.error.code, "not_found");
    const foreignWorkspace = await globex.socket.emitWithAck("workspace.open", { company_id: stack.ids.acme });
    const missingWorkspace = await globex.socket.emitWithAck("workspace.open", { company_id: MISSING });
    assert.deepEqual(foreignWorkspace, missingWorkspace);
    assert.equal(foreignWorkspace.error.code, "not_found");
    const typing = await globex.socket.emitWithAck("session.typing", { session_id: chat.session_id, typing: true });
    assert.equal(typing.error.code, "not_found");
    const row = await db().chatSession.findUniqueOrThrow({ where: { id: chat.session_id } });
    assert.equal(row.status, "WAITING");
    assert.equal(await db().chatMessage.count({ where: { sessionId: chat.session_id } }), 1);
  });

  it("a staff socket that has not picked a business acts in the session's own business, if it is a member there", async () => {
    const agent = await newAgent(stack, "acme", { status: "AWAY" });
    const bare = await stack.staffSocket(agent.email);
    const chat = await startChat(stack, "acme", { message: "no workspace opened" });
    const claimed = await confirmedAction(bare, "queue.claim", { session_id: chat.session_id, request_id: "bare-claim" });
    assert.equal(claimed.confirmed!.success, true);
    const online = await confirmedAction(bare, "agent.set_status", { status: "ONLINE", request_id: "bare-status" });
    assert.equal(online.confirmed!.agent.status, "ONLINE", "set_status applies in the user's current business");

    const stranger = await stack.staffSocket("agent@globex.test");
    const other = await startChat(stack, "acme");
    const foreign = await confirmedAction(stranger, "queue.claim", { session_id: other.session_id, request_id: "stranger-1" });
    const missing = await confirmedAction(stranger, "queue.claim", { session_id: MISSING, request_id: "stranger-2" });
    assert.equal(foreign.confirmed!.error.code, "not_found");
    assert.deepEqual(foreign.confirmed!.error, missing.confirmed!.error, "another business's session looks like a missing one");
    assert.equal((await db().chatSession.findUniqueOrThrow({ where: { id: other.session_id } })).status, "WAITING");
  });

  it("a staff member without an agent row can watch but not take chats", async () => {
    const chat = await startChat(stack, "acme");
    const owner = await workspaceSocket(stack, "owner@acme.test", "acme");
    assert.equal(owner.workspace.me, null);
    const claim = await confirmedAction(owner, "queue.claim", { session_id: chat.session_id, request_id: "o1" });
    assert.equal(claim.confirmed!.error.code, "forbidden");
  });

  it("rejects bad input with clear errors and writes nothing", async () => {
    const customersBefore = await db().customer.count();
    const sessionsBefore = await db().chatSession.count();
    const cases: [unknown, number, string][] = [
      [{ business: "no-such-business" }, 404, "not_found"],
      [{ business: "acme", surprise: true }, 400, "validation_error"],
      [{ business: "acme", customer: { email: "not-an-email" } }, 400, "validation_error"],
      [{ business: "acme", message: "x".repeat(4001) }, 400, "validation_error"],
      [{ business: "acme", message: "   " }, 400, "validation_error"],
    ];
    for (const [body, status, code] of cases) {
      const response = await chatApi(stack, "POST", "/api/v1/chat/init", { body });
      assert.equal(response.status, status, JSON.stringify(body).slice(0, 80));
      assert.equal(response.body.error.code, code);
    }
    const tooLarge = await chatApi(stack, "POST", "/api/v1/chat/init", { rawBody: JSON.stringify({ business: "acme", message: "y".repeat(20_000) }) });
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.error.code, "payload_too_large");
    const notJson = await chatApi(stack, "POST", "/api/v1/chat/init", { rawBody: "{business:" });
    assert.equal(notJson.status, 400);
    assert.equal(await db().customer.count(), customersBefore, "no customer half-written");
    assert.equal(await db().chatSession.count(), sessionsBefore, "no session half-written");

    const chat = await startChat(stack, "acme");
    const noId = await chatApi(stack, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: "hi" } });
    assert.equal(noId.status, 400);
    assert.ok(noId.body.error.fields.client_message_id);
    const { socket } = await customerSocket(stack, chat.session_token);
    const badSend = await socket.emitWithAck("chat.send", { body: "" });
    assert.equal(badSend.error.code, "validation_error");
    const staff = await workspaceSocket(stack, "agent@acme.test", "acme");
    const badClaim = await staff.socket.emitWithAck("queue.claim", { session_id: "nope" });
    assert.equal(badClaim.error.code, "validation_error");
    assert.equal(await db().chatMessage.count({ where: { sessionId: chat.session_id } }), 0);
  });
});
