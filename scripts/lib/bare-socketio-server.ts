/**
 * Child-process entry of the bare Socket.IO baseline: a plain socket.io Server (no auth, no
 * database, the in-memory adapter) with the product's namespace name and engine settings, so the
 * same clients receive frames of the same size. A socket joins a room with `join` (ack'd, as the
 * workspace's workspace.open); `POST /push {room, event, id, payload}` broadcasts one event to
 * the room, the product's payload with the replay's `id` added, then answers 204, so the driver
 * times request sent → push as it does with the product. Serves the process metrics the benchmarks
 * read at /health/metrics. Prints `{"url": …}` once listening; collects garbage on SIGUSR2; stops
 * on SIGTERM.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { collectDefaultMetrics, Registry } from "prom-client";
import { Server } from "socket.io";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import { collectGarbageOnSignal } from "./bench-stack";

export interface BarePush {
  room: string;
  event: string;
  id: string;
  /** A push as a product socket received it: the clients parse the same JSON as there. */
  payload: object;
}

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "switchboard_" });

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

const httpServer = http.createServer((request, response) => {
  void (async () => {
    if (request.method === "POST" && request.url === "/push") {
      const push = JSON.parse(await readBody(request)) as BarePush;
      namespace.to(push.room).emit(push.event, { ...push.payload, id: push.id });
      response.writeHead(204).end();
    } else if (request.url === "/health/metrics") {
      response.writeHead(200, { "content-type": registry.contentType }).end(await registry.metrics());
    } else {
      response.writeHead(404).end();
    }
  })();
});

// The product's engine settings (lib/realtime/socket-server.server.ts).
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });
const namespace = io.of(DASHBOARD_NAMESPACE);
namespace.on("connection", (socket) => {
  socket.on("join", (room: string, ack: (result: { success: true }) => void) => {
    void socket.join(room);
    ack({ success: true });
  });
});

await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
collectGarbageOnSignal();
process.once("SIGTERM", () => {
  io.close();
  httpServer.closeAllConnections();
  process.exit(0);
});
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` })}\n`);
