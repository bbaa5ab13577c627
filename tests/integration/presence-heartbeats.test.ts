import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io as connect, type Socket } from "socket.io-client";
import { CHAT_NAMESPACE, type ChatInitResponse } from "../../lib/contract/customer-chat";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { addMembership, createAgent, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents, type RecordedEvent } from "../support/event-recorder";
import { eventually } from "../support/eventually";
import { newBusiness } from "../support/live-chat";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { standbyServerNode, startServerNode, type ServerNode, type StandbyServerNode } from "../support/server-node";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { connected } from "../support/test-server";
import { useTestStack } from "../support/test-stack";

/**
 * Presence from liveness (decision 012): real server processes on one database, killed with
 * SIGKILL, so no socket says goodbye and no shutdown step runs.
 */

const HEARTBEAT_MS = 200;

async function onlineAgent(db: PrismaClient, businessId: string) {
  const user = await createUser(db);
  await addMembership(db, { userId: user.id, businessId, role: "AGENT" });
  const agent = await createAgent(db, { businessId, userId: user.id, status: "ONLINE", capacity: 10 });
  return { email: user.email, userId: user.id, agentId: agent.id };
}

/** Every socket a test opened, closed after it. */
function socketsOf() {
  const open: Socket[] = [];
  return {
    open(url: string, auth: Record<string, string>) {
      const socket = connect(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
      open.push(socket);
      return socket;
    },
    closeAll: () => open.forEach((socket) => socket.close()),
  };
}

type Sockets = ReturnType<typeof socketsOf>;

/** A staff socket on the node; with a business, it has opened that business's workspace (its room's pushes). */
async function staffOn(sockets: Sockets, db: PrismaClient, node: ServerNode, email: string, businessId?: string) {
  const socket = sockets.open(`${node.url}${DASHBOARD_NAMESPACE}`, { token: await sessionTokenFor(db, email) });
  const recorder = recordEvents(socket);
  await connected(socket);
  if (businessId) {
    const ack = await socket.emitWithAck("workspace.open", { company_id: businessId });
    assert.ok(ack.success, JSON.stringify(ack));
  }
  return { socket, recorder };
}

/** A chat started on the node, waiting for a person, with its customer's page connected there. */
async function waitingCustomerOn(sockets: Sockets, node: ServerNode, slug: string) {
  const response = await fetch(`${node.url}/api/v1/chat/init`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ business: slug, message: "is anyone there?" }),
  });
  assert.equal(response.status, 201);
  const chat = (await response.json()) as ChatInitResponse;
  const socket = sockets.open(`${node.url}${CHAT_NAMESPACE}`, { session_token: chat.session_token });
  const recorder = recordEvents(socket);
  await connected(socket);
  // Sent once the connection is recorded.
  await recorder.waitFor((e) => e.event === "chat.status", "the chat's status on connect");
  return { sessionId: chat.session_id, socket };
}

const heldBy = (db: PrismaClient, nodeId: string, userId: string) => eventually(async () => (await db.presenceStaff.count({ where: { nodeId, userId } })) === 1, 5_000, "the node to record its agent");

/** Waits until the node has renewed its heartbeat `beats` more times, and checks that nobody took it for dead meanwhile. */
async function beatsOf(db: PrismaClient, nodeId: string, beats: number) {
  const seen = new Set<number>();
  let startedAt: number | undefined;
  await eventually(
    async () => {
      const node = await db.presenceNode.findUnique({ where: { id: nodeId } });
      // A node taken for dead loses its row, and registers a new one at its next beat.
      assert.ok(node, `node ${nodeId} is still registered`);
      startedAt ??= node.startedAt.getTime();
      assert.equal(node.startedAt.getTime(), startedAt, `node ${nodeId} was taken for dead and registered again`);
      seen.add(node.lastBeatAt.getTime());
      return seen.size > beats;
    },
    30_000,
    `${beats} heartbeats`,
  );
}

const agentRow = (db: PrismaClient, agentId: string) => db.agent.findUniqueOrThrow({ where: { id: agentId } });
const sessionRow = (db: PrismaClient, sessionId: string) => db.chatSession.findUniqueOrThrow({ where: { id: sessionId } });
const wentOffline = (agentId: string) => (e: RecordedEvent) => e.event === "agent.status_changed" && e.payload.agent.id === agentId && e.payload.agent.status === "OFFLINE";
const abandoned = (sessionId: string) => (e: RecordedEvent) => e.event === "session.updated" && e.payload.session.id === sessionId && e.payload.session.status === "ABANDONED";

describe("presence after a server is killed and restarted", () => {
  let database: TestDatabase;
  const nodes: ServerNode[] = [];
  const standby: StandbyServerNode[] = [];
  const sockets = socketsOf();
  // Longer than the restarted node takes to boot and its dashboard to connect.
  const GRACE_MS = 10_000;
  const env = { PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS), PRESENCE_GRACE_MS: String(GRACE_MS), CUSTOMER_ABANDON_MS: String(GRACE_MS) };
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    sockets.closeAll();
    await Promise.all([...nodes, ...standby].map((node) => node.kill()));
    await database.drop();
  });

  it("takes the dead node's agent OFFLINE and its waiting chat to ABANDONED, pushed to a dashboard on the new node", async () => {
    const db = database.db;
    const business = await newBusiness(db);
    // The restart's process is loaded beforehand, so that it boots (after the kill) in a moment.
    const [first, restart] = await Promise.all([startServerNode(database.url, env), standbyServerNode(database.url, env)]);
    nodes.push(first);
    standby.push(restart);
    const agent = await onlineAgent(db, business.id);
    await staffOn(sockets, db, first, agent.email, business.id);
    await heldBy(db, first.nodeId, agent.userId);
    const customer = await waitingCustomerOn(sockets, first, business.slug);

    const killedAt = new Date();
    await first.kill();
    // No goodbye: nothing stamped them as gone.
    assert.equal((await agentRow(db, agent.agentId)).disconnectedAt, null);
    assert.equal((await sessionRow(db, customer.sessionId)).customerLeftAt, null);

    const second = await restart.start();
    nodes.push(second);
    const watcher = await staffOn(sockets, db, second, business.ownerEmail, business.id);
    assert.equal((await agentRow(db, agent.agentId)).status, "ONLINE", `the grace (${GRACE_MS} ms) ran out before the new node and its dashboard were up: too slow a machine for this test`);

    const offline = await watcher.recorder.waitFor(wentOffline(agent.agentId), "the agent's OFFLINE push", GRACE_MS + 20_000);
    assert.equal(offline.payload.previous_status, "ONLINE");
    await watcher.recorder.waitFor(abandoned(customer.sessionId), "the chat's ABANDONED push", GRACE_MS + 20_000);

    const agentAfter = await agentRow(db, agent.agentId);
    assert.equal(agentAfter.status, "OFFLINE");
    // Gone since the dead node's last heartbeat, before it was killed.
    assert.ok(agentAfter.disconnectedAt && agentAfter.disconnectedAt <= killedAt, `disconnectedAt ${agentAfter.disconnectedAt?.toISOString()} ≤ ${killedAt.toISOString()}`);
    const chatAfter = await sessionRow(db, customer.sessionId);
    assert.equal(chatAfter.status, "ABANDONED");
    assert.ok(chatAfter.customerLeftAt && chatAfter.customerLeftAt <= killedAt);
    // The dead node's rows are gone with it; the new node's remain.
    assert.deepEqual(
      (await db.presenceNode.findMany()).map((n) => n.id),
      [second.nodeId],
    );
  });

  it("a clean shutdown removes the node's rows and stamps its sockets as gone", async () => {
    const db = database.db;
    const node = nodes.at(-1)!;
    const business = await newBusiness(db);
    const agent = await onlineAgent(db, business.id);
    await staffOn(sockets, db, node, agent.email, business.id);
    await heldBy(db, node.nodeId, agent.userId);

    assert.equal(await node.stop(), 0);
    assert.equal(await db.presenceNode.count({ where: { id: node.nodeId } }), 0);
    assert.equal(await db.presenceStaff.count({ where: { nodeId: node.nodeId } }), 0);
    assert.ok((await agentRow(db, agent.agentId)).disconnectedAt, "the goodbye stamped the agent");
  });
});

describe("presence across two nodes when one is killed", () => {
  let database: TestDatabase;
  let redis: TestRedis;
  const nodes: ServerNode[] = [];
  const sockets = socketsOf();
  before(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
  });
  after(async () => {
    sockets.closeAll();
    await Promise.all(nodes.map((node) => node.kill()));
    await Promise.all([database.drop(), redis.stop()]);
  });

  it("the survivor takes the dead node's agents OFFLINE and chats to ABANDONED; its own and moved ones stay", async () => {
    const db = database.db;
    const env = { REDIS_URL: redis.url, PRESENCE_HEARTBEAT_MS: String(HEARTBEAT_MS), PRESENCE_GRACE_MS: "2000", CUSTOMER_ABANDON_MS: "2000" };
    const [doomed, survivor] = await Promise.all([startServerNode(database.url, env), startServerNode(database.url, env)]);
    nodes.push(doomed, survivor);
    const business = await newBusiness(db);
    const watcher = await staffOn(sockets, db, survivor, business.ownerEmail, business.id);

    const stranded = await onlineAgent(db, business.id);
    const stays = await onlineAgent(db, business.id);
    const moves = await onlineAgent(db, business.id);
    await staffOn(sockets, db, doomed, stranded.email, business.id);
    await staffOn(sockets, db, survivor, stays.email, business.id);
    await staffOn(sockets, db, doomed, moves.email, business.id);
    await Promise.all([heldBy(db, doomed.nodeId, stranded.userId), heldBy(db, survivor.nodeId, stays.userId), heldBy(db, doomed.nodeId, moves.userId)]);
    const strandedChat = await waitingCustomerOn(sockets, doomed, business.slug);
    const keptChat = await waitingCustomerOn(sockets, survivor, business.slug);

    // Nodes that keep beating are never taken for dead: several heartbeat periods (and reconcile passes) later, nothing changed.
    await Promise.all([beatsOf(db, doomed.nodeId, 5), beatsOf(db, survivor.nodeId, 5)]);
    for (const agent of [stranded, stays, moves]) {
      const row = await agentRow(db, agent.agentId);
      assert.deepEqual([row.status, row.disconnectedAt], ["ONLINE", null]);
    }
    for (const chat of [strandedChat, keptChat]) {
      const row = await sessionRow(db, chat.sessionId);
      assert.deepEqual([row.status, row.customerLeftAt], ["WAITING", null]);
    }

    const killedAt = new Date();
    await doomed.kill();
    // The agent's page reconnects to the node still running.
    await staffOn(sockets, db, survivor, moves.email, business.id);

    await watcher.recorder.waitFor(wentOffline(stranded.agentId), "the stranded agent's OFFLINE push", 30_000);
    await watcher.recorder.waitFor(abandoned(strandedChat.sessionId), "the stranded chat's ABANDONED push", 30_000);
    const strandedRow = await agentRow(db, stranded.agentId);
    assert.ok(strandedRow.disconnectedAt && strandedRow.disconnectedAt <= killedAt);
    await eventually(async () => (await db.presenceNode.count()) === 1, 10_000, "the dead node's row to go");

    // A few more periods (and reconcile passes) on: the survivor's agent and chat, and the agent who moved, are untouched.
    await beatsOf(db, survivor.nodeId, 5);
    for (const agent of [stays, moves]) assert.equal((await agentRow(db, agent.agentId)).status, "ONLINE");
    assert.equal((await sessionRow(db, keptChat.sessionId)).status, "WAITING");
    assert.ok(!watcher.recorder.events.some((e) => e.event === "agent.status_changed" && [stays.agentId, moves.agentId].includes(e.payload.agent.id)));
  });
});

describe("a node taken for dead while alive", () => {
  const stack = useTestStack({ heartbeatMs: HEARTBEAT_MS });

  it("records its connections again at its next beat and clears the stamps the reaper made", async () => {
    const db = stack.database.db;
    const business = await newBusiness(db);
    const agent = await onlineAgent(db, business.id);
    const socket = stack.server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(db, agent.email) } });
    await connected(socket);
    const nodeId = stack.server.realtime.nodeId;
    await heldBy(db, nodeId, agent.userId);

    // What another node's reconcile pass does to a node whose beats stopped arriving (e.g. a long pause).
    await db.agent.update({ where: { id: agent.agentId }, data: { disconnectedAt: new Date() } });
    await db.presenceNode.delete({ where: { id: nodeId } });
    assert.equal(await db.presenceStaff.count({ where: { nodeId } }), 0);

    await eventually(async () => (await db.presenceNode.count({ where: { id: nodeId } })) === 1, 5_000, "the node to register again");
    await heldBy(db, nodeId, agent.userId);
    await eventually(async () => (await agentRow(db, agent.agentId)).disconnectedAt === null, 5_000, "the stamp to be cleared");
    assert.equal((await agentRow(db, agent.agentId)).status, "ONLINE");
  });
});
