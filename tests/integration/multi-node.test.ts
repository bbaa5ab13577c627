import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ManagerOptions, SocketOptions } from "socket.io-client";
import { mergeMessages } from "../../lib/chat/timeline";
import { CHAT_NAMESPACE, type ChatInitResponse, type ChatMessageWire } from "../../lib/contract/customer-chat";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents, type RecordedEvent } from "../support/event-recorder";
import { eventually } from "../support/eventually";
import { chatApi, confirmedAction, customerSocket, dashboardSocket, newAgent, newBusiness, startChat, workspaceSocket } from "../support/live-chat";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { startServerNode, type ServerNode } from "../support/server-node";
import { startTcpBalancer, type TcpBalancer } from "../support/tcp-balancer";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { businessIds, stackClient, type StackClient } from "../support/test-stack";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

/**
 * N nodes as one (issue #15): two server processes and an `npm run worker` process on one
 * PostgreSQL and one Redis (REDIS_URL for all), as a deployment behind a load balancer runs them.
 * Whichever node a customer, an agent or a dashboard is connected to, they see the same product.
 */

/** Presence grace periods of the nodes: short enough to watch one run out, long enough for a move between nodes. */
const GRACE_MS = 3_000;

/** A chat's messages by author and body, for comparing conversations. */
const transcript = (messages: ChatMessageWire[]) => messages.map((message) => [message.author, message.body]);
const pushOfMessage = (messageId: string) => (e: RecordedEvent) => e.event === "session.updated" && e.payload.message?.id === messageId;
const inQueue = (sessionId: string) => (e: RecordedEvent) => e.event === "queue.updated" && e.payload.session_id === sessionId && e.payload.entry !== null;

describe("two server nodes and a worker on one database and Redis", () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let nodeA: ServerNode;
  let nodeB: ServerNode;
  let worker: WorkerProcess;
  let balancer: TcpBalancer | undefined;
  // One map for every client below: a business added through one is known to all.
  const ids: Record<string, string> = {};
  const clients: ReturnType<typeof stackClient>[] = [];
  let onA: StackClient;
  let onB: StackClient;
  const clientOf = (url: string) => {
    const client = stackClient(database, ids, url);
    clients.push(client);
    return client;
  };
  /** A business of the test's own, known to every client by its slug. */
  const ownBusiness = async () => {
    const business = await newBusiness(database.db);
    ids[business.slug] = business.id;
    return business;
  };

  before(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
    const env = {
      REDIS_URL: redis.url,
      PRESENCE_GRACE_MS: String(GRACE_MS),
      CUSTOMER_ABANDON_MS: String(GRACE_MS),
      // As a deployment with separate workers: the nodes enqueue assistant tasks, the worker answers them.
      ASSISTANT_WORKERS_IN_PROCESS: "false",
      // One chat below carries many messages; the per-chat limit is not what this file tests.
      CHAT_RATE_LIMIT_MESSAGES_PER_SESSION: "100000",
    };
    // The worker boots in the background meanwhile; tasks enqueued before it is up wait for it.
    [nodeA, nodeB, worker] = await Promise.all([startServerNode(database.url, env), startServerNode(database.url, env), startWorkerProcess(database.url, { REDIS_URL: redis.url })]);
    Object.assign(ids, await businessIds(database.db));
    onA = clientOf(nodeA.url);
    onB = clientOf(nodeB.url);
  });
  after(async () => {
    clients.forEach((client) => client.closeSockets());
    await balancer?.close();
    await Promise.all([nodeA?.kill(), nodeB?.kill(), worker?.kill()]);
    await Promise.all([database?.drop(), redis?.stop()]);
  });

  it("a customer on A and an agent on B talk both ways, over the HTTP API and the sockets", async () => {
    const business = await ownBusiness();
    const agent = await newAgent(onB, business.slug, { name: "Blake on B" });
    const staff = await workspaceSocket(onB, agent.email, business.slug);
    const chat = await startChat(onA, business.slug, { message: "Hello from A" });
    await staff.recorder.waitFor(inQueue(chat.session_id), "the chat started on A in B's queue");
    const customer = await customerSocket(onA, chat.session_token);

    const claim = await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim-on-b" });
    assert.equal(claim.confirmed!.success, true, JSON.stringify(claim));
    const active = await customer.recorder.waitFor((e) => e.event === "chat.status" && e.payload.status === "ACTIVE", "the claim made on B, on A's customer socket");
    assert.deepEqual(active.payload.agent, { display_name: "Blake on B" });

    const overSocket = await customer.socket.emitWithAck("chat.send", { client_message_id: "over-socket-1", body: "Sent over A's socket" });
    assert.equal(overSocket.success, true, JSON.stringify(overSocket));
    const overHttp = await chatApi(onA, "POST", `/api/v1/chat/${chat.session_id}/task`, { token: chat.session_token, body: { message: "Sent over A's HTTP API", client_message_id: "over-http-1" } });
    assert.equal(overHttp.status, 202, JSON.stringify(overHttp.body));
    await staff.recorder.waitFor(pushOfMessage(overSocket.message.id), "the socket message on B");
    await staff.recorder.waitFor(pushOfMessage(overHttp.body.message_id), "the HTTP message on B");

    const reply = await confirmedAction(staff, "session.send", { session_id: chat.session_id, body: "Answered from B", client_message_id: "reply-on-b-1" });
    assert.equal(reply.confirmed!.success, true, JSON.stringify(reply));
    const received = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.id === reply.confirmed!.message.id, "B's reply on A's customer socket");
    assert.equal(received.payload.message.body, "Answered from B");

    // The customer's HTTP view on A and the agent's history on B are one conversation.
    const view = await chatApi(onA, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token });
    assert.equal(view.status, 200);
    assert.deepEqual(transcript(view.body.messages), [
      ["CUSTOMER", "Hello from A"],
      ["CUSTOMER", "Sent over A's socket"],
      ["CUSTOMER", "Sent over A's HTTP API"],
      ["AGENT", "Answered from B"],
    ]);
    const history = await staff.socket.emitWithAck("session.history", { session_id: chat.session_id });
    assert.deepEqual(transcript(history.messages), transcript(view.body.messages));
  });

  it("a dashboard on B is updated by changes made on A", async () => {
    const business = await ownBusiness();
    const dashboard = await dashboardSocket(onB, business.ownerEmail, business.slug);
    const agent = await newAgent(onA, business.slug);
    const staff = await workspaceSocket(onA, agent.email, business.slug);

    const chat = await startChat(onA, business.slug, { message: "Started on A" });
    const queued = await dashboard.recorder.waitFor(inQueue(chat.session_id), "queue.updated on B");
    assert.equal(queued.payload.entry.preview, "Started on A");
    await dashboard.recorder.waitFor(
      (e) => e.event === "dashboard.data_updated" && e.payload.widget === "waiting_queue" && e.payload.data.sessions.some((s: { id: string }) => s.id === chat.session_id),
      "B's waiting_queue widget with the chat",
    );

    assert.equal((await confirmedAction(staff, "queue.claim", { session_id: chat.session_id, request_id: "claim-on-a" })).confirmed!.success, true);
    const claimed = await dashboard.recorder.waitFor((e) => e.event === "session.updated" && e.payload.session.id === chat.session_id && e.payload.session.status === "ACTIVE", "session.updated on B");
    assert.equal(claimed.payload.session.agent.id, agent.agentId);
    await dashboard.recorder.waitFor(
      (e) => e.event === "dashboard.data_updated" && e.payload.widget === "active_sessions" && JSON.stringify(e.payload.data).includes(chat.session_id),
      "B's active_sessions widget with the chat",
    );
  });

  it("two agents on different nodes claim one chat at the same moment: exactly one wins, the other gets conflict", async () => {
    const business = await ownBusiness();
    const [first, second] = await Promise.all([newAgent(onA, business.slug), newAgent(onB, business.slug)]);
    const [onNodeA, onNodeB] = await Promise.all([workspaceSocket(onA, first.email, business.slug), workspaceSocket(onB, second.email, business.slug)]);
    const chat = await startChat(onA, business.slug, { message: "Race me" });
    // Both see it waiting, as agents looking at their queues would.
    await Promise.all([onNodeA, onNodeB].map((staff) => staff.recorder.waitFor(inQueue(chat.session_id), "the chat in the queue")));

    const outcomes = await Promise.all([
      confirmedAction(onNodeA, "queue.claim", { session_id: chat.session_id, request_id: "claim-a" }),
      confirmedAction(onNodeB, "queue.claim", { session_id: chat.session_id, request_id: "claim-b" }),
    ]);
    for (const outcome of outcomes) assert.deepEqual(outcome.ack, { success: true, request_id: outcome.confirmed!.request_id }, "both accepted at once");
    const winners = outcomes.filter((o) => o.confirmed!.success);
    const losers = outcomes.filter((o) => !o.confirmed!.success);
    assert.equal(winners.length, 1, JSON.stringify(outcomes));
    assert.equal(losers.length, 1);
    assert.equal(losers[0].confirmed!.error.code, "conflict");
    assert.match(losers[0].confirmed!.error.message, /already taken/);

    const winnerId = winners[0].confirmed!.session.agent.id;
    const stored = await database.db.chatSession.findUniqueOrThrow({ where: { id: chat.session_id } });
    assert.deepEqual([stored.status, stored.assignedAgentId], ["ACTIVE", winnerId]);
    assert.equal(await database.db.auditLog.count({ where: { action: "session.claimed", target: chat.session_id } }), 1);
    // Both nodes' agents learn who won.
    for (const staff of [onNodeA, onNodeB]) {
      await staff.recorder.waitFor((e) => e.event === "session.updated" && e.payload.session.id === chat.session_id && e.payload.session.agent?.id === winnerId, "the winner, on both nodes");
    }
  });

  it("an agent moving from A to B within the grace period does not flap OFFLINE", async () => {
    const db = database.db;
    const business = await ownBusiness();
    const dashboard = await dashboardSocket(onB, business.ownerEmail, business.slug);
    const [mover, leaver] = await Promise.all([newAgent(onA, business.slug), newAgent(onA, business.slug)]);
    const [moverOnA, leaverOnA] = await Promise.all([workspaceSocket(onA, mover.email, business.slug), workspaceSocket(onA, leaver.email, business.slug)]);
    // A waiting customer on A who leaves for good too: their chat is abandoned in the same sweep pass, after its agents.
    const leavingChat = await startChat(onA, business.slug, { message: "bye" });
    const leavingCustomer = await customerSocket(onA, leavingChat.session_token);
    await leavingCustomer.recorder.waitFor((e) => e.event === "chat.status", "the customer recorded on A");

    // The agent's page goes from A to B (a reload that the balancer sends elsewhere); A stamps the disconnect first.
    moverOnA.socket.close();
    await eventually(async () => (await db.agent.findUniqueOrThrow({ where: { id: mover.agentId } })).disconnectedAt !== null, 5_000, "A to stamp the mover's disconnect");
    await workspaceSocket(onB, mover.email, business.slug);
    assert.equal(
      (await db.agent.findUniqueOrThrow({ where: { id: mover.agentId } })).status,
      "ONLINE",
      `the grace (${GRACE_MS} ms) ran out before the agent was on B: too slow a machine for this test`,
    );

    // Later than the mover's stamp: once the grace has run out for these (and swept them), it had for the mover.
    leaverOnA.socket.close();
    leavingCustomer.socket.close();
    const wentOffline = (agentId: string) => (e: RecordedEvent) => e.event === "agent.status_changed" && e.payload.agent.id === agentId && e.payload.agent.status === "OFFLINE";
    await dashboard.recorder.waitFor(wentOffline(leaver.agentId), "the agent who left to go OFFLINE", GRACE_MS + 10_000);
    await dashboard.recorder.waitFor(
      (e) => e.event === "session.updated" && e.payload.session.id === leavingChat.session_id && e.payload.session.status === "ABANDONED",
      "the chat left to be abandoned",
      GRACE_MS + 10_000,
    );

    assert.deepEqual(dashboard.recorder.events.filter(wentOffline(mover.agentId)), [], "no OFFLINE push for the agent who moved");
    const row = await db.agent.findUniqueOrThrow({ where: { id: mover.agentId } });
    assert.equal(row.status, "ONLINE");
    assert.equal(await db.presenceStaff.count({ where: { nodeId: nodeB.nodeId, userId: mover.userId } }), 1, "B holds the agent");
  });

  it("an answer of the worker process reaches the customer's socket and the staff's workspace on B", async () => {
    const staff = await workspaceSocket(onB, "owner@acme.test", "acme");
    const chat = await startChat(onA, "acme", { customer: { name: "Quinn" } });
    assert.equal(chat.status, "BOT", "the demo business has its assistant on");
    const customer = await customerSocket(onB, chat.session_token);
    const sent = await customer.socket.emitWithAck("chat.send", { client_message_id: "shipping-1", body: "How long does shipping take?" });
    assert.equal(sent.success, true, JSON.stringify(sent));

    // The nodes only enqueue (ASSISTANT_WORKERS_IN_PROCESS=false): the worker answers, through Redis to B.
    const answer = await customer.recorder.waitFor((e) => e.event === "chat.message" && e.payload.message.author === "ASSISTANT", "the worker's answer on B", 30_000);
    assert.match(answer.payload.message.body, /business days/);
    await staff.recorder.waitFor(pushOfMessage(answer.payload.message.id), "the worker's answer in the workspace on B");
    const tasks = await database.db.assistantTask.findMany({ where: { sessionId: chat.session_id } });
    assert.deepEqual(
      tasks.map((task) => [task.status, task.id === answer.payload.message.id]),
      [["SUCCEEDED", true]],
    );
  });

  it("the worker serves /health, /health/detailed and /health/metrics on WORKER_PORT", async () => {
    let health: Response | undefined;
    await eventually(
      async () => {
        health = await fetch(`${worker.url}/health`).catch(() => undefined);
        return health !== undefined;
      },
      10_000,
      `the worker's health port ${worker.url} (WORKER_PORT) to answer`,
    );
    assert.equal(health!.status, 200);
    assert.deepEqual(await health!.json(), { status: "ok" });

    const detailed = await fetch(`${worker.url}/health/detailed`);
    assert.equal(detailed.status, 200);
    const report = await detailed.json();
    assert.deepEqual([report.status, report.database.status, report.redis.status], ["ok", "ok", "ok"], JSON.stringify(report));

    const metrics = await fetch(`${worker.url}/health/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain/);
    assert.match(await metrics.text(), /^# TYPE switchboard_assistant_tasks_total counter$/m, "the worker's own assistant counters");
  });

  // Last in this describe: node A does not come back.
  it("kill -9 of A: its clients reconnect to B through the balancer, and no message is lost or doubled", async (t) => {
    const db = database.db;
    balancer = await startTcpBalancer([nodeA.url, nodeB.url]);
    const balanced = clientOf(balancer.url);
    const business = await ownBusiness();
    const agent = await newAgent(balanced, business.slug);
    const chat = await startChat(balanced, business.slug);
    const workspace = await agentWorkspace(balanced, agent.email, business.id, chat.session_id);
    const claim = await confirmedAction(workspace, "queue.claim", { session_id: chat.session_id, request_id: "claim" });
    assert.equal(claim.confirmed!.success, true, JSON.stringify(claim));
    const page = await customerPage(balanced, chat);
    // The balancer sends every connection to A while A is up.
    assert.equal(await db.presenceStaff.count({ where: { nodeId: nodeA.nodeId, userId: agent.userId } }), 1, "the agent is on A");
    await eventually(async () => (await db.presenceCustomer.count({ where: { nodeId: nodeA.nodeId, sessionId: chat.session_id } })) === 1, 5_000, "the customer on A");

    // The customer writes; the agent answers each message once it shows in the workspace. A dies mid-conversation.
    const MESSAGES = 20;
    const KILL_AFTER = 5;
    const sent: string[] = [];
    const replied: string[] = [];
    let killed: Promise<void> | undefined;
    const customerWrites = async () => {
      for (let i = 1; i <= MESSAGES; i++) {
        await page.send(`message-${i}`, `message ${i}`);
        sent.push(`message-${i}`);
        // Not awaited: the next message goes out while A dies.
        if (i === KILL_AFTER) killed = nodeA.kill();
      }
    };
    const agentAnswers = async () => {
      for (let i = 1; i <= MESSAGES; i++) {
        await eventually(() => workspace.timeline().some((message) => message.client_message_id === `message-${i}`), 15_000, `message ${i} in the agent's workspace`);
        await workspace.reply(`reply-${i}`, `reply ${i}`);
        replied.push(`reply-${i}`);
      }
    };
    await Promise.all([customerWrites(), agentAnswers()]);
    await killed;
    t.diagnostic(`sent again after the kill: ${page.retries()} customer message(s), ${workspace.retries()} agent reply(ies)`);

    assert.ok(page.connects() >= 2 && workspace.connects() >= 2, `both reconnected (customer ${page.connects()}, agent ${workspace.connects()} connects)`);
    await eventually(async () => (await db.presenceCustomer.count({ where: { nodeId: nodeB.nodeId, sessionId: chat.session_id } })) === 1, 5_000, "B to hold the customer");
    await eventually(async () => (await db.presenceStaff.count({ where: { nodeId: nodeB.nodeId, userId: agent.userId } })) === 1, 5_000, "B to hold the agent");

    // Stored exactly once each, in the order sent.
    const stored = await db.chatMessage.findMany({ where: { sessionId: chat.session_id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const storedWire = stored.map((message) => ({ author: message.author, client_message_id: message.clientMessageId }));
    assert.deepEqual(clientMessageIds(storedWire, "CUSTOMER"), sent);
    assert.deepEqual(clientMessageIds(storedWire, "AGENT"), replied);
    // The agent's workspace shows each once (it merges pushes and history by message id, as the real one does).
    assert.deepEqual(clientMessageIds(workspace.timeline(), "CUSTOMER"), sent);
    assert.deepEqual(clientMessageIds(workspace.timeline(), "AGENT"), replied);
    // So does the customer's view from the server (the page reads it on every connect), and the page itself.
    const view = await chatApi(balanced, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token });
    assert.equal(view.status, 200);
    assert.deepEqual(clientMessageIds(view.body.messages, "CUSTOMER"), sent);
    assert.deepEqual(clientMessageIds(view.body.messages, "AGENT"), replied);
    await eventually(() => clientMessageIds(page.timeline(), "AGENT").length === MESSAGES, 5_000, "every reply on the customer's page");
    assert.deepEqual(clientMessageIds(page.timeline(), "CUSTOMER"), sent);
    assert.deepEqual(clientMessageIds(page.timeline(), "AGENT"), replied);
  });
});

describe("the chat-start rate limit across nodes", () => {
  const LIMIT = 5;
  let database: TestDatabase;
  let redis: TestRedis;
  let nodes: ServerNode[] = [];
  before(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
    const env = { REDIS_URL: redis.url, CHAT_RATE_LIMIT_STARTS_PER_IP: String(LIMIT) };
    nodes = await Promise.all([startServerNode(database.url, env), startServerNode(database.url, env)]);
  });
  after(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    await Promise.all([database?.drop(), redis?.stop()]);
  });

  it("holds for one address across nodes: starts alternating between A and B, exactly the limit is accepted in total", async () => {
    const business = await newBusiness(database.db);
    const ids = { [business.slug]: business.id };
    const [onA, onB] = nodes.map((node) => stackClient(database, ids, node.url));
    // All from this process's one address (127.0.0.1), as one client behind a balancer.
    const responses: Awaited<ReturnType<typeof chatApi>>[] = [];
    for (let i = 0; i < 2 * LIMIT + 2; i++) {
      responses.push(await chatApi(i % 2 === 0 ? onA : onB, "POST", "/api/v1/chat/init", { body: { business: business.slug } }));
    }
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 201).length, LIMIT, `statuses in order (A, B, A, …): ${statuses.join(" ")}`);
    for (const refused of responses.filter((response) => response.status !== 201)) {
      assert.equal(refused.status, 429);
      assert.equal(refused.body.error.code, "rate_limited");
      assert.ok(Number(refused.headers.get("retry-after")) >= 1, "with Retry-After");
    }
    assert.equal(await database.db.chatSession.count({ where: { businessId: business.id } }), LIMIT);
  });
});

/** The client_message_ids of one author's messages, in order. */
const clientMessageIds = (messages: Pick<ChatMessageWire, "author" | "client_message_id">[], author: "CUSTOMER" | "AGENT") =>
  messages.filter((message) => message.author === author).map((message) => message.client_message_id);

/** Reconnecting quickly (the browsers' default waits ~1 s first): the failover is what is under test, not the backoff. */
const RECONNECTING: Partial<ManagerOptions & SocketOptions> = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500 };
/** A send or read without its ack this long has failed: a send is then made again (the page waits 15 s, then offers a retry). */
const SEND_TIMEOUT_MS = 2_000;
const SEND_ATTEMPTS = 10;

/**
 * A customer's chat page as lib/chat/use-customer-chat.client.ts runs it: one socket that
 * reconnects; the conversation read over HTTP on every connect and merged with the pushes by
 * message id (the page's own mergeMessages); each message sent with its client_message_id and, when
 * no ack came, sent again with the same id (the page's retry).
 */
async function customerPage(client: StackClient, chat: ChatInitResponse) {
  const socket = client.server.connect(CHAT_NAMESPACE, { auth: { session_token: chat.session_token }, ...RECONNECTING });
  let timeline: ChatMessageWire[] = [];
  let connects = 0;
  let retries = 0;
  const merge = (messages: ChatMessageWire[]) => (timeline = mergeMessages(timeline, messages));
  socket.on("connect", () => {
    connects += 1;
    // A read lost with a dying node is made again at the next connect, as on the page.
    void chatApi(client, "GET", `/api/v1/chat/${chat.session_id}`, { token: chat.session_token }).then(
      (view) => view.status === 200 && merge(view.body.messages),
      () => undefined,
    );
  });
  socket.on("chat.message", ({ message }: { message: ChatMessageWire }) => merge([message]));
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));

  return {
    timeline: () => timeline,
    connects: () => connects,
    retries: () => retries,
    async send(clientMessageId: string, body: string) {
      const failures: string[] = [];
      for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
        if (attempt > 1) retries += 1;
        try {
          const ack = await socket.timeout(SEND_TIMEOUT_MS).emitWithAck("chat.send", { client_message_id: clientMessageId, body });
          if (ack.success) return void merge([ack.message]);
          failures.push(JSON.stringify(ack.error));
        } catch (error) {
          failures.push(String(error));
        }
      }
      throw new Error(`${clientMessageId} was never stored: ${failures.join("; ")}`);
    },
  };
}

/**
 * An agent's workspace with one conversation open, as lib/agent/use-agent-workspace.client.ts runs
 * it: one /dashboard socket that reconnects; on every connect workspace.open, then the open
 * conversation's history; the messages of session.updated pushes in between, all merged by message
 * id (mergeMessages, as its reducer does). A reply is accepted by its ack and settled by its
 * dashboard.update_confirmed; one not confirmed when the connection drops is shown as failed
 * (workspace-state.ts) and sent again with the same client_message_id (the agent's retry).
 */
async function agentWorkspace(client: StackClient, email: string, businessId: string, sessionId: string) {
  const socket = client.server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(client.database.db, email) }, ...RECONNECTING });
  const recorder = recordEvents(socket);
  let timeline: ChatMessageWire[] = [];
  let connects = 0;
  /** The connection whose workspace.open answered: the workspace is usable while it is the current one. */
  let openedConnection = 0;
  let retries = 0;
  const confirmations = new Map<string, { success: boolean; message?: ChatMessageWire; error?: unknown }>();
  const merge = (messages: ChatMessageWire[]) => (timeline = mergeMessages(timeline, messages));
  socket.on("connect", () => {
    const connection = (connects += 1);
    // A read lost with a dying node is made again at the next connect, as in the workspace.
    void (async () => {
      const workspace = await socket.timeout(SEND_TIMEOUT_MS).emitWithAck("workspace.open", { company_id: businessId });
      if (!workspace.success) return;
      openedConnection = connection;
      const history = await socket.timeout(SEND_TIMEOUT_MS).emitWithAck("session.history", { session_id: sessionId });
      if (history.success) merge(history.messages);
    })().catch(() => undefined);
  });
  socket.on("session.updated", (payload: { session: { id: string }; message: ChatMessageWire | null }) => {
    if (payload.session.id === sessionId && payload.message) merge([payload.message]);
  });
  socket.on("dashboard.update_confirmed", (confirmation: { request_id: string; success: boolean; message?: ChatMessageWire }) => confirmations.set(confirmation.request_id, confirmation));
  const isOpen = () => socket.connected && openedConnection === connects;
  await eventually(isOpen, 5_000, "the workspace to open");

  return {
    socket,
    recorder,
    timeline: () => timeline,
    connects: () => connects,
    retries: () => retries,
    async reply(clientMessageId: string, body: string) {
      const failures: string[] = [];
      for (let attempt = 1; attempt <= SEND_ATTEMPTS; attempt++) {
        if (attempt > 1) retries += 1;
        // Offline the workspace refuses to send; the agent retries once it is back.
        await eventually(isOpen, 10_000, "the workspace to be open again");
        const connection = connects;
        confirmations.delete(clientMessageId);
        try {
          const ack = await socket.timeout(SEND_TIMEOUT_MS).emitWithAck("session.send", { session_id: sessionId, body, client_message_id: clientMessageId });
          if (!ack.success) {
            failures.push(JSON.stringify(ack.error));
            continue;
          }
          // Confirmed on this connection, or never: a new connection gets no confirmation of the old one's requests.
          await eventually(() => confirmations.has(clientMessageId) || connects !== connection || !socket.connected, 10_000, `the confirmation of ${clientMessageId}`);
          const confirmed = confirmations.get(clientMessageId);
          if (confirmed?.success) return void merge([confirmed.message!]);
          failures.push(confirmed ? JSON.stringify(confirmed.error) : "the connection dropped before it was confirmed");
        } catch (error) {
          failures.push(String(error));
        }
      }
      throw new Error(`${clientMessageId} was never confirmed: ${failures.join("; ")}`);
    },
  };
}
