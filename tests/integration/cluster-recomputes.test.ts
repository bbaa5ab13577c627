import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createClient } from "redis";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { createLogger } from "../../lib/observability/logger";
import { createClusterRecomputes } from "../../lib/realtime/cluster-recomputes.server";
import type { RedisClient } from "../../lib/server/redis.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents } from "../support/event-recorder";
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

  async function node(windowMs: number) {
    const client: RedisClient = createClient({ url: redis.url });
    await client.connect();
    clients.push(client);
    return createClusterRecomputes(client, windowMs, logger);
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

  describe("two servers on one Redis", () => {
    let database: TestDatabase;
    const servers: TestServer[] = [];

    before(async () => {
      database = await createTestDatabase();
      await database.db.$executeRaw`UPDATE "Business" SET settings = settings || '{"assistantEnabled": false}'::jsonb WHERE slug = 'acme'`;
      for (let n = 0; n < 2; n++) servers.push(await startTestServer(database.db, { coalesceMs: 300 }, {}, { redisUrl: redis.url }));
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.close()));
      await database.drop();
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
