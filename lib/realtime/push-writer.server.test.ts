import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { createPushWriter } from "./push-writer.server";

const NAMESPACE = "/dashboard";

describe("push writer (a real Socket.IO server and clients)", () => {
  const http = createServer();
  const io = new Server(http);
  const namespace = io.of(NAMESPACE);
  const writer = createPushWriter(namespace);
  const clients: Socket[] = [];
  let url = "";

  before(async () => {
    http.listen(0, "127.0.0.1");
    await once(http, "listening");
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const client of clients) client.close();
    await new Promise((resolve) => io.close(resolve));
  });

  /** A client on `transport` and its server-side socket, with every event it receives in order. */
  async function client(transport: "websocket" | "polling") {
    const connected = once(namespace, "connection") as Promise<[ServerSocket]>;
    const socket = connect(`${url}${NAMESPACE}`, { transports: [transport], forceNew: true, reconnection: false });
    clients.push(socket);
    const received: { event: string; args: unknown[] }[] = [];
    socket.onAny((event: string, ...args: unknown[]) => received.push({ event, args }));
    const [serverSocket] = await connected;
    // Engine.IO packets the server created for this connection: the ordinary path's, not the direct frames'.
    const enginePackets: string[] = [];
    serverSocket.conn.on("packetCreate", (packet: { type: string }) => enginePackets.push(packet.type));
    return { id: serverSocket.id, serverSocket, received, enginePackets };
  }

  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5_000) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it("writes a websocket's pushes as frames in one write, in order, every header length; polling gets them through Socket.IO", async () => {
    const websocket = await client("websocket");
    const polling = await client("polling");
    const small = writer.encode("session.updated", [{ text: "héllo ✓", n: 1 }]);
    const medium = writer.encode("queue.updated", [{ padding: "x".repeat(300) }]);
    const large = writer.encode("tags.updated", [{ padding: "y".repeat(70_000) }]);

    writer.write([
      { socketId: websocket.id, pushes: [small, medium, large] },
      { socketId: polling.id, pushes: [small, large] },
    ]);

    await until(() => websocket.received.length === 3 && polling.received.length === 2);
    assert.deepEqual(websocket.received, [
      { event: "session.updated", args: [{ text: "héllo ✓", n: 1 }] },
      { event: "queue.updated", args: [{ padding: "x".repeat(300) }] },
      { event: "tags.updated", args: [{ padding: "y".repeat(70_000) }] },
    ]);
    assert.deepEqual(
      polling.received.map((push) => push.event),
      ["session.updated", "tags.updated"],
    );
    assert.deepEqual(websocket.enginePackets, [], "the websocket's frames went around the engine's packet queue");
    assert.deepEqual(polling.enginePackets, ["message", "message"]);
  });

  it("a websocket with packets of its own still queued gets the pushes after them, through Socket.IO", async () => {
    const websocket = await client("websocket");
    // The first goes to the transport, the second waits in the engine's buffer until it is written.
    websocket.serverSocket.emit("session.note_added", 1);
    websocket.serverSocket.emit("session.note_added", 2);
    writer.write([{ socketId: websocket.id, pushes: [writer.encode("session.updated", [3])] }]);
    await until(() => websocket.received.length === 3);
    assert.deepEqual(
      websocket.received.map((push) => push.args[0]),
      [1, 2, 3],
    );
  });

  it("a push with binary arguments goes through Socket.IO", async () => {
    const websocket = await client("websocket");
    const text = writer.encode("session.updated", ["before"]);
    const binary = writer.encode("attachment", [Buffer.from([1, 2, 3])]);
    assert.equal(binary.frame, null);
    writer.write([{ socketId: websocket.id, pushes: [text, binary] }]);
    await until(() => websocket.received.length === 2);
    assert.equal(websocket.received[0].args[0], "before");
    assert.deepEqual([...new Uint8Array(websocket.received[1].args[0] as ArrayBuffer)], [1, 2, 3]);
  });
});
