import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client.server";
import { userHashFor } from "../../lib/identity/user-hash.server";
import { chatApi } from "../support/live-chat";
import { metricValue, readMetrics } from "../support/metrics";
import { businessIds, stackClient, type StackClient } from "../support/test-stack";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * A burst far beyond the database pool (a busy site's launch; bench:fanout at 20–40 chats/s): every
 * request waits its turn for a connection and succeeds. bench:fanout saw chat starts fail with 500
 * ("Unable to start a transaction in the given time") when each start was an interactive
 * transaction queued on the pool.
 */
const BURST = 600;
/** One connection: the burst queues on it as on a busy production pool. */
const POOL_SIZE = 1;
const IDENTITY_SECRET = "sbid_load-bursts";

describe("bursts beyond the database pool", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let server: TestServer;
  let stack: StackClient;

  before(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, POOL_SIZE);
    await db.$executeRaw`UPDATE "Business" SET settings = settings || '{"assistantEnabled": false}'::jsonb, "identitySecret" = ${IDENTITY_SECRET} WHERE slug = 'acme'`;
    server = await startTestServer(db);
    stack = stackClient(database, await businessIds(db), server.url);
  });

  after(async () => {
    await server.close();
    await db.$disconnect();
    await database.drop();
  });

  it(`${BURST} chat starts at once on a pool of ${POOL_SIZE}: all 201, each stored once, the waits counted in the metrics`, async () => {
    // A third are returning verified customers (external_id + user_hash): their starts upsert one customer row between them.
    const returning7 = { external_id: "returning-7", user_hash: userHashFor(IDENTITY_SECRET, "returning-7") };
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, n) =>
        chatApi(stack, "POST", "/api/v1/chat/init", {
          body: { business: "acme", message: `Hello ${n}`, customer: n % 3 === 0 ? { ...returning7, name: `Name ${n}` } : { name: `Visitor ${n}` } },
        }),
      ),
    );
    const failed = answers.filter((answer) => answer.status !== 201).map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`);
    assert.deepEqual(failed.slice(0, 3), [], `${failed.length} of ${BURST} chat starts failed`);

    const sessionIds = answers.map((answer) => (answer.body as { session_id: string }).session_id);
    assert.equal(new Set(sessionIds).size, BURST);
    const stored = await database.db.chatSession.findMany({ where: { id: { in: sessionIds } }, select: { status: true, customerId: true, _count: { select: { messages: true } } } });
    assert.equal(stored.length, BURST);
    assert.ok(stored.every((session) => session.status === "WAITING" && session._count.messages === 1));
    const returning = await database.db.customer.findMany({ where: { businessId: stack.ids.acme, externalId: "returning-7" }, select: { id: true } });
    assert.equal(returning.length, 1, "one row for the returning customer");
    assert.equal(stored.filter((session) => session.customerId === returning[0].id).length, BURST / 3);

    const metrics = await readMetrics(server.url);
    assert.ok(metricValue(metrics, "switchboard_db_pool_wait_seconds_count") >= BURST, "every checkout's wait is observed");
    assert.equal(metricValue(metrics, 'switchboard_db_pool_connections{state="max"}'), POOL_SIZE);
    assert.equal(metricValue(metrics, "switchboard_db_pool_checkout_failures_total"), 0);
  });
});
