import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createClient } from "redis";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { createLogger } from "../../lib/observability/logger";
import { createClusterRecomputes } from "../../lib/realtime/cluster-recomputes.server";
import { createDashboardWatchers } from "../../lib/realtime/dashboard-watchers.server";
import { widgetsRoom } from "../../lib/realtime/rooms";
import type { RedisClient } from "../../lib/server/redis.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents } from "../support/event-recorder";
import { eventually } from "../support/eventually";
import { chatApi } from "../support/live-chat";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { businessIds, stackClient } from "../support/test-stack";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { connected, startTestServer, type TestServer } from "../support/test-server";

/**
 * A business's widgets are recomputed once per window across the cluster, not once per node that
 * saw a change (lib/realtime/cluster-recomputes.server.ts), and no node's change is left out.
 */
describe("widget recomputes across nodes", () => {
  let redis: TestRedis;
  const clients: RedisClient[] = [];
  const logger = createLogger("error");

  before(async () => {
    redis = await startTestRedis();
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    await redis.stop();
  });

  async function redisClient() {
    const client: RedisClient = createClient({ url: redis.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function node(windowMs: number) {
    return createClusterRecomputes(await redisClient(), windowMs, logger);
  }

  it("a batch handed over while another node's run is due joins it: one run recomputes both nodes' items", async () => {
    // Long enough that the steps below happen inside one window on any machine.
    const WINDOW_MS = 3_000;
    const [a, b] = [await node(WINDOW_MS), await node(WINDOW_MS)];
    const business = crypto.randomUUID();

    // The first batch after a quiet spell runs at once.
    assert.deepEqual(await a.take(business, new Set(["overview"])), new Set(["overview"]));
    // Within the window another node's batch schedules the next run, a window after the first...
    const bRun = b.take(business, new Set(["satisfaction"]));
    // (a and b talk to Redis over their own connections: a's next call must not overtake b's.)
    const probe = await redisClient();
    await eventually(async () => (await probe.exists(`switchboard:recompute:${business}:due`)) === 1, WINDOW_MS, "b's run scheduled");
    // ...and a later batch (either node's) joins that run instead of making its own.
    assert.equal(await a.take(business, new Set(["queue_positions", "overview"])), null);
    assert.deepEqual(await bRun, new Set(["satisfaction", "queue_positions", "overview"]));

    // Another business is not held back by this one's window.
    assert.deepEqual(await b.take(crypto.randomUUID(), new Set(["overview"])), new Set(["overview"]));
    a.close();
    b.close();
  });

  it("without Redis (one node) every batch runs as given", async () => {
    const single = createClusterRecomputes(undefined, 3_000, logger);
    const business = crypto.randomUUID();
    assert.deepEqual(await single.take(business, new Set(["overview"])), new Set(["overview"]));
    assert.deepEqual(await single.take(business, new Set(["overview"])), new Set(["overview"]));
  });

  it("a dashboard opened on one node marks its business for every node; none open anywhere, none watched", async () => {
    const [watched, other] = [crypto.randomUUID(), crypto.randomUUID()];
    // Node A's Socket.IO rooms, as its adapter keeps them: a dashboard of `watched` is open there.
    const roomsOfA = new Map<string, unknown>([[widgetsRoom(watched), new Set(["socket-1"])]]);
    const client = await redisClient();
    const a = createDashboardWatchers({ rooms: () => roomsOfA, redis: client, logger });
    const b = createDashboardWatchers({ rooms: () => new Map(), redis: client, logger });
    const worker = createDashboardWatchers({ redis: client, logger });

    assert.equal(await a.watched(watched), true, "open on this node");
    assert.equal(await b.watched(watched), false, "not yet marked for the others");
    await a.opened(watched);
    assert.equal(await b.watched(watched), true);
    assert.equal(await worker.watched(watched), true, "a process without sockets asks Redis too");
    assert.equal(await b.watched(other), false);
    assert.equal(await a.watched(other), false);
    for (const node of [a, b, worker]) node.close();

    const single = createDashboardWatchers({ rooms: () => roomsOfA, logger });
    assert.deepEqual([await single.watched(watched), await single.watched(other)], [true, false], "without Redis: this node's rooms");
    single.close();
  });

  // Without the bounded wait both calls wait for Redis forever: the timeout fails the test instead of hanging the run.
  it("with Redis gone, a dashboard still opens and a recompute still runs: neither waits for Redis to come back", { timeout: 30_000 }, async () => {
    const doomed = await startTestRedis();
    const client: RedisClient = createClient({ url: doomed.url, socket: { reconnectStrategy: 100 } });
    // A client that lost its server says so on "error" (and queues commands until it is back).
    client.on("error", () => undefined);
    await client.connect();
    const watchers = createDashboardWatchers({ rooms: () => new Map(), redis: client, logger });
    const business = crypto.randomUUID();
    await doomed.stop();

    await watchers.opened(business);
    assert.equal(await watchers.watched(business), true, "cannot say: recompute rather than miss a dashboard");
    watchers.close();
    client.destroy();
  });

  describe("two servers on one Redis", () => {
    let database: TestDatabase;
    const servers: TestServer[] = [];

    before(async () => {
      database = await createTestDatabase();
      await database.db.$executeRaw`UPDATE "Business" SET settings = settings || '{"assistantEnabled": false}'::jsonb WHERE slug IN ('acme', 'globex')`;
      for (let n = 0; n < 2; n++) servers.push(await startTestServer(database.db, { coalesceMs: 300 }, {}, { redisUrl: redis.url }));
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.close()));
      await database.drop();
    });

    it("with no dashboard of the business open anywhere, changes recompute no widget; one opened on A makes B's changes recompute", async () => {
      const ids = await businessIds(database.db);
      const [a, b] = servers;
      const recomputes = async () => {
        let total = 0;
        for (const server of servers) for (const { value } of (await server.metrics.widgetRecomputes.get()).values) total += value;
        return total;
      };
      const settled = () => Promise.all(servers.map((server) => server.realtime.liveChat.idle()));
      const before = await recomputes();
      const [onA, onB] = [a, b].map((server) => stackClient(database, ids, server.url));
      for (const client of [onA, onB]) assert.equal((await chatApi(client, "POST", "/api/v1/chat/init", { body: { business: "globex", message: "Nobody watches" } })).status, 201);
      await settled();
      assert.equal(await recomputes(), before, "no widget recomputed while no dashboard of globex is open");

      const socket = a.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(database.db, "owner@globex.test") } });
      const recorder = recordEvents(socket);
      await connected(socket);
      assert.equal((await socket.emitWithAck("dashboard.orchestrate_init", { company_id: ids.globex })).success, true);
      await recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "data", "the dashboard's data");
      const waitingBefore = await database.db.chatSession.count({ where: { businessId: ids.globex, status: "WAITING" } });

      assert.equal((await chatApi(onB, "POST", "/api/v1/chat/init", { body: { business: "globex", message: "Now someone does" } })).status, 201);
      await recorder.waitFor((e) => e.event === "dashboard.data_updated" && e.payload.widget === "overview" && e.payload.data.waiting_sessions === waitingBefore + 1, "the overview with B's new chat");
      assert.ok((await recomputes()) > before);
      socket.disconnect();
    });

    it("chats started on both nodes at once all reach the dashboard's overview", async () => {
      const ids = await businessIds(database.db);
      const [a, b] = servers;
      const socket = a.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(database.db, "owner@acme.test") } });
      const recorder = recordEvents(socket);
      await connected(socket);
      const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: ids.acme });
      assert.equal(ack.success, true);
      await recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "data", "the dashboard's data");

      const [onA, onB] = [a, b].map((server) => stackClient(database, ids, server.url));
      const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => chatApi(n % 2 ? onB : onA, "POST", "/api/v1/chat/init", { body: { business: "acme", message: `Hi ${n}` } })));
      assert.ok(answers.every((answer) => answer.status === 201));

      // Whichever node ran the last recompute, it counted every chat of both nodes.
      const waiting = await database.db.chatSession.count({ where: { businessId: ids.acme, status: "WAITING" } });
      await recorder.waitFor(
        (e) => e.event === "dashboard.data_updated" && e.payload.widget === "overview" && e.payload.data.waiting_sessions === waiting,
        `an overview with all ${waiting} waiting chats`,
      );
    });
  });
});
