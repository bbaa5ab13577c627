import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { CLOCK_DEPENDENT_WIDGETS } from "../../lib/dashboard/clock-updates.server";
import { addMembership, createBusiness, createChatSession, createCustomer, createUser } from "../../lib/seed/factories.server";
import { sessionTokenFor } from "../support/auth-tokens";
import { recordEvents, type RecordedEvent } from "../support/event-recorder";
import { createManualClock, type ManualClock } from "../support/manual-clock";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { connected, startTestServer, type TestServer } from "../support/test-server";

/**
 * Figures over windows of time move when the clock does, with no chat activity at all: a
 * dashboard left open is pushed what the passing time changed, once per minute's check, by one
 * node. The servers run on manual clocks; the rows are written with timestamps in the past.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe("dashboard figures the clock moves", () => {
  let database: TestDatabase;
  const servers: TestServer[] = [];
  // The hour the clocks cross: the one after next, so the real time stays before it however slow the test is.
  const boundary = new Date(Math.floor(Date.now() / HOUR) * HOUR + 2 * HOUR);
  // In the oldest hour of the 24 h chart until `boundary`, out of it from then on.
  const leavingAt = new Date(boundary.getTime() - 24 * HOUR + MINUTE);

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    for (const server of servers) await server.close();
    await database.drop();
  });

  /** A server node on the test database whose clock stands 30 s before the boundary until the test moves it. */
  async function startNode(): Promise<{ server: TestServer; clock: ManualClock }> {
    const clock = createManualClock(new Date(boundary.getTime() - 30_000));
    const server = await startTestServer(database.db, {}, {}, { clock });
    servers.push(server);
    return { server, clock };
  }

  /** A business (UTC) with one chat: a message that leaves the 24 h window at the boundary, and one that stays. */
  async function businessWithAgingMessage() {
    const db = database.db;
    const business = await createBusiness(db);
    const owner = await createUser(db);
    await addMembership(db, { userId: owner.id, businessId: business.id, role: "OWNER" });
    const customer = await createCustomer(db, { businessId: business.id });
    await createChatSession(db, {
      businessId: business.id,
      customerId: customer.id,
      createdAt: leavingAt,
      messages: [
        { author: "CUSTOMER", body: "Hello from yesterday", createdAt: leavingAt },
        { author: "ASSISTANT", body: "Hello again", createdAt: new Date(Date.now() - MINUTE) },
      ],
    });
    return { businessId: business.id, ownerEmail: owner.email };
  }

  /** An orchestrated dashboard of the business on the node; resolves with its full_data. */
  async function dashboardOn(server: TestServer, email: string, businessId: string) {
    const socket = server.connect(DASHBOARD_NAMESPACE, { auth: { token: await sessionTokenFor(database.db, email) } });
    const recorder = recordEvents(socket);
    await connected(socket);
    const ack = await socket.emitWithAck("dashboard.orchestrate_init", { company_id: businessId });
    assert.ok(ack.success, JSON.stringify(ack));
    const fullData = await recorder.waitFor((e) => e.event === "dashboard.full_data", "full_data");
    await recorder.waitFor((e) => e.event === "dashboard.phase_complete" && e.payload.phase === "llm", "the orchestration to finish");
    return { socket, recorder, fullData: fullData.payload };
  }

  /**
   * The clock's pushes the socket got. Asked after a round trip to its node, so any push that node
   * emitted before is among them (one connection keeps its order).
   */
  async function clockPushes(dashboard: Awaited<ReturnType<typeof dashboardOn>>): Promise<RecordedEvent[]> {
    const fence = await dashboard.socket.emitWithAck("dashboard.request_update", { widget: "active_sessions" });
    assert.ok(fence.success);
    return dashboard.recorder.events.filter((e) => e.event === "dashboard.data_updated" && (CLOCK_DEPENDENT_WIDGETS as readonly string[]).includes(e.payload.widget));
  }

  it("pushes the 24 h figures that change when an hour ends, and nothing in a minute that changes nothing", async () => {
    const node = await startNode();
    const { businessId, ownerEmail } = await businessWithAgingMessage();
    const dashboard = await dashboardOn(node.server, ownerEmail, businessId);
    const acme = await database.db.business.findUniqueOrThrow({ where: { slug: "acme" } });
    const neighbour = await dashboardOn(node.server, "owner@acme.test", acme.id);
    assert.equal(dashboard.fullData.data.message_analytics.total_messages_24h, 2, "both messages are on the chart before the boundary");

    await node.clock.advanceTo(new Date(boundary.getTime() + 1_000));
    const pushes = await clockPushes(dashboard);
    const analytics = pushes.find((e) => e.payload.widget === "message_analytics");
    assert.ok(analytics, `a message_analytics push at the boundary (got ${pushes.map((e) => e.payload.widget).join(", ") || "none"})`);
    assert.equal(analytics.payload.company_id, businessId);
    assert.equal(analytics.payload.data.total_messages_24h, 1, "the message of the hour that left the chart is no longer counted");
    assert.equal(analytics.payload.data.per_hour.at(-1).hour, boundary.toISOString(), "the chart's current hour is the new one");
    assert.ok(analytics.payload.version > dashboard.fullData.version, "a higher version than the data the dashboard has");
    assert.ok(
      pushes.every((e) => e.payload.company_id === businessId) && (await clockPushes(neighbour)).every((e) => e.payload.company_id === acme.id),
      "each business's dashboards get only its own figures",
    );

    dashboard.recorder.clear();
    await node.clock.advanceTo(new Date(boundary.getTime() + MINUTE + 1_000));
    assert.deepEqual(await clockPushes(dashboard), [], "a minute that moves no window pushes nothing");
  });

  it("is checked by one node per minute where several serve the business's dashboards", async () => {
    const [first, second] = [await startNode(), await startNode()];
    const { businessId, ownerEmail } = await businessWithAgingMessage();
    const dashboards = [await dashboardOn(first.server, ownerEmail, businessId), await dashboardOn(second.server, ownerEmail, businessId)];

    // Both nodes' checks of the boundary minute at once: one claims it. (Without Redis a node's pushes reach only its own sockets.)
    await Promise.all([first.clock.advanceTo(new Date(boundary.getTime() + 1_000)), second.clock.advanceTo(new Date(boundary.getTime() + 1_000))]);
    const analytics = (await Promise.all(dashboards.map(clockPushes))).flat().filter((e) => e.payload.widget === "message_analytics");
    assert.equal(analytics.length, 1, "one node recomputed and pushed");
    assert.equal(analytics[0].payload.data.total_messages_24h, 1);
  });
});
