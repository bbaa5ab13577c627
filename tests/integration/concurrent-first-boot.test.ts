import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { BUSINESS_PLANS, DEMO_USERS } from "../../lib/seed/demo-content";
import { standbyServerNode, type ServerNode, type StandbyServerNode } from "../support/server-node";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Three servers started at the same moment on an empty database (a fresh cluster's first deploy):
 * each migrates and seeds the demo data as server.ts does at boot; exactly one seeds, all serve.
 */
describe("concurrent first boot", () => {
  let database: TestDatabase;
  const standby: StandbyServerNode[] = [];
  let nodes: ServerNode[] = [];

  before(async () => {
    database = await createTestDatabase({ empty: true });
    // Loaded first, booted together: the race is between their boots, not their compile times.
    for (let n = 0; n < 3; n++) standby.push(await standbyServerNode(database.url, { SEED_DEMO_DATA: "true" }));
  });

  after(async () => {
    await Promise.all(standby.map((node) => node.kill()));
    await database.drop();
  });

  it("one server seeds the demo data, all three boot and serve", async () => {
    const booted = await Promise.allSettled(standby.map((node) => node.start()));
    const failures = booted.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []));
    assert.deepEqual(failures, [], "every server boots");
    nodes = booted.map((result) => (result as PromiseFulfilledResult<ServerNode>).value);

    for (const node of nodes) assert.equal((await fetch(`${node.url}/health`)).status, 200);
    // Seeded once: each demo business and user exactly once.
    assert.equal(await database.db.business.count(), BUSINESS_PLANS.length);
    assert.equal(await database.db.user.count(), DEMO_USERS.length);
    const acme = await database.db.business.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
    assert.ok((await database.db.chatSession.count({ where: { businessId: acme.id } })) > 0, "the demo conversations are there");
  });
});
