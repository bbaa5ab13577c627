import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import type { PrismaClient } from "../../lib/db/prisma-client.server";
import { createHealthHandler } from "../../lib/observability/health.server";
import { createLogger } from "../../lib/observability/logger";
import { createMetrics, type Metrics } from "../../lib/observability/metrics.server";
import { createRealtimeServer, type RealtimeServer } from "../../lib/realtime/create-realtime-server.server";
import { createHttpServer } from "../../lib/server/create-http-server.server";
import { TEST_AUTH_SECRET } from "./auth-tokens";

export interface TestServer {
  url: string;
  http: Server;
  realtime: RealtimeServer;
  metrics: Metrics;
  connect(namespace: string, options?: Partial<ManagerOptions & SocketOptions>): Socket;
  close(): Promise<void>;
}

/**
 * The real HTTP + Socket.IO stack of server.ts on a free port, without Next (pages are covered
 * by the e2e tier). Requests that no route answers get a JSON 404.
 */
export async function startTestServer(db: PrismaClient): Promise<TestServer> {
  const metrics = createMetrics();
  const logger = createLogger("error");
  const sockets: Socket[] = [];
  const holder: { realtime?: RealtimeServer } = {};
  const health = createHealthHandler({
    db,
    metrics,
    version: "test",
    startedAt: Date.now(),
    database: { mode: "external" },
    sockets: () => holder.realtime?.connectedSockets() ?? 0,
    workers: () => ({}),
  });
  const http = createHttpServer({
    metrics,
    logger,
    routes: [health],
    app: (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "Not found." } }));
    },
  });
  const realtime = await createRealtimeServer(http, { db, authSecret: TEST_AUTH_SECRET, secureCookie: false, logger, metrics });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  holder.realtime = realtime;
  const server = realtime;
  return {
    url,
    http,
    realtime: server,
    metrics,
    connect(namespace, options = {}) {
      const socket = connect(`${url}${namespace}`, { transports: ["websocket"], reconnection: false, forceNew: true, ...options });
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.close();
      await server.close();
      http.closeAllConnections();
    },
  };
}

/** Resolves when the socket connects; rejects with the server's connect_error message. */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => reject(error));
  });
}
