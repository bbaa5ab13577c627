import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SLICE_SIZE } from "../../lib/realtime/sliced-rooms.server";
import { eventually } from "../support/eventually";
import { startChat, workspaceSocket } from "../support/live-chat";
import { startTestRedis, type TestRedis } from "../support/redis-server";
import { businessIds, stackClient, type StaffSocket } from "../support/test-stack";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTestServer, type TestServer } from "../support/test-server";

/**
 * With several nodes, each writes its own sockets of a staff room (lib/realtime/cluster-rooms.server.ts):
 * a push made on one node crosses Redis once and the others write it as the node that made it does,
 * ready-made frames a slice per turn (decisions 020, 024, 026), not through the Socket.IO adapter's
 * frame-by-frame delivery.
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

      const chats: string[] = [];
      for (let n = 0; n < 5; n++) chats.push((await startChat(onA, "acme", { message: `Across nodes ${n}` })).session_id);

      const newChats = (staff: StaffSocket) =>
        staff.recorder.events.filter((e) => e.event === "queue.updated" && e.payload.reason === "created" && chats.includes(e.payload.session_id)).map((e) => e.payload.session_id);
      const everyone = [...socketsOnA, ...socketsOnB];
      await eventually(() => everyone.every((staff) => newChats(staff).length >= chats.length), 10_000, "every socket has the new chats");
      for (const staff of everyone) assert.deepEqual(newChats(staff), chats, "each new chat once, in the order they were made");
      assert.equal(ordinaryPackets, 0, "B wrote the pushes as ready-made frames, not through Socket.IO's per-socket packets");
    } finally {
      onA.closeSockets();
      onB.closeSockets();
    }
  });
});
