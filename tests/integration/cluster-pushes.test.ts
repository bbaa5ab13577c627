import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SLICE_SIZE } from "../../lib/realtime/sliced-rooms.server";
import { eventually } from "../support/eventually";
import { DELETE as removeMemberRoute } from "../../app/api/v1/admin/team/[userId]/route";
import { setPrisma } from "../../lib/db/prisma-client.server";
import { sessionTokenFor, TEST_AUTH_SECRET } from "../support/auth-tokens";
import { metricValue, readMetrics } from "../support/metrics";
import { BUSINESS_PUSHES, newAgent, startChat, workspaceSocket } from "../support/live-chat";
import { callRoute } from "../support/staff-routes";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { businessIds, stackClient, type StaffSocket } from "../support/test-stack";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * With several nodes, each writes its own sockets of a staff room (lib/realtime/cluster-rooms.server.ts):
 * a push made on one node crosses Redis once and the others write it as the node that made it does,
 * ready-made frames a slice per turn (decisions 020, 024, 026), not through the Socket.IO adapter's
 * packet-by-packet delivery.
 */
describe("staff room pushes across nodes", () => {
  let database: TestDatabase;
  let redis: TestRedis;
  const servers: TestServer[] = [];

  before(async () => {
    [database, redis] = await Promise.all([createTestDatabase(), startTestRedis()]);
    // New chats wait in the queue (no assistant first), so each is a queue.updated "created" push.
    await database.db.$executeRaw`UPDATE "Business" SET settings = settings || '{"assistantEnabled": false}'::jsonb WHERE slug = 'acme'`;
    for (let n = 0; n < 2; n++) servers.push(await startTestServer(database.db, {}, {}, { redisUrl: redis.url }));
    // The team API's route handlers run in this process.
    setPrisma(database.db);
    process.env.NEXTAUTH_SECRET = TEST_AUTH_SECRET;
  });
  after(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await Promise.all([database.drop(), redis.stop()]);
  });

  it("a push made on A reaches every socket of the room on B once, in order, written there as frames", async () => {
    const ids = await businessIds(database.db);
    const [a, b] = servers;
    const [onA, onB] = [a, b].map((server) => stackClient(database, ids, server.url));
    try {
      // More than a slice on B, so B writes the room in turns; two on A, the node making the pushes.
      const open = (client: typeof onA, count: number) => Promise.all(Array.from({ length: count }, () => workspaceSocket(client, "owner@acme.test", "acme")));
      const [socketsOnA, socketsOnB] = [await open(onA, 2), await open(onB, SLICE_SIZE + 6)];

      // Engine.IO packets B creates for its sockets: Socket.IO's ordinary path, which the frames bypass.
      let ordinaryPackets = 0;
      for (const socket of b.realtime.sockets.dashboard.sockets.values()) socket.conn.on("packetCreate", (packet: { type: string }) => void (packet.type === "message" && ordinaryPackets++));

      const pushesWrittenOnB = async () => metricValue(await readMetrics(b.url), "switchboard_push_write_seconds_count");
      const writtenBefore = await pushesWrittenOnB();
      const chats: string[] = [];
      for (let n = 0; n < 5; n++) chats.push((await startChat(onA, "acme", { message: `Across nodes ${n}` })).session_id);

      const newChats = (staff: StaffSocket) =>
        staff.recorder.events.filter((e) => e.event === "queue.updated" && e.payload.reason === "created" && chats.includes(e.payload.session_id)).map((e) => e.payload.session_id);
      const everyone = [...socketsOnA, ...socketsOnB];
      await eventually(() => everyone.every((staff) => newChats(staff).length >= chats.length), 10_000, "every socket has the new chats");
      for (const staff of everyone) assert.deepEqual(newChats(staff), chats, "each new chat once, in the order they were made");
      assert.equal(ordinaryPackets, 0, "B wrote the pushes as ready-made frames, not through Socket.IO's per-socket packets");
      // Operators see how far a node's writes are behind: each push, once written to B's last socket.
      assert.ok((await pushesWrittenOnB()) - writtenBefore >= chats.length, "B counted each push it wrote in switchboard_push_write_seconds");
    } finally {
      onA.closeSockets();
      onB.closeSockets();
    }
  });

  it("a member removed from the business gets none of its pushes on B afterwards, while a colleague on B does", async () => {
    const ids = await businessIds(database.db);
    const [onA, onB] = servers.map((server) => stackClient(database, ids, server.url));
    try {
      const member = await newAgent(onA, "acme");
      const removed = await workspaceSocket(onB, member.email, "acme");
      const colleague = await workspaceSocket(onB, "owner@acme.test", "acme");

      const removal = await callRoute(removeMemberRoute, {
        method: "DELETE",
        path: `/api/v1/admin/team/${member.userId}?company_id=${ids.acme}`,
        params: { userId: member.userId },
        token: await sessionTokenFor(database.db, "owner@acme.test"),
      });
      assert.equal(removal.status, 200);
      await removed.recorder.waitFor((e) => e.event === "access.revoked", "access.revoked on B", 1_000);
      removed.recorder.clear();

      // Made on A after the removal: it reaches B through Redis, and B writes it to its members only.
      const chat = await startChat(onA, "acme", { message: "After the removal" });
      await colleague.recorder.waitFor((e) => e.event === "queue.updated" && e.payload.session_id === chat.session_id, "the colleague's push on B");
      // Give any straggling push time to arrive before asserting that none did.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(
        removed.recorder.events.filter((e) => BUSINESS_PUSHES.includes(e.event)),
        [],
      );
    } finally {
      onA.closeSockets();
      onB.closeSockets();
    }
  });
});
