import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { authenticateStaffHandshake } from "../auth/socket-auth.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { DASHBOARD_NAMESPACE } from "./events";
import { registerDashboardHandlers } from "../orchestration/dashboard-handlers.server";
import type { DashboardNamespace } from "./dashboard-socket.server";
import { createRedisAdapter, type RedisAdapterHandle } from "./redis-adapter.server";

export interface RealtimeDependencies {
  db: PrismaClient;
  authSecret: string;
  /** https deployments use the __Secure- cookie name. */
  secureCookie: boolean;
  logger: Logger;
  metrics: Metrics;
  redisUrl?: string;
}


export interface RealtimeServer {
  io: Server;
  dashboard: DashboardNamespace;
  redis?: RedisAdapterHandle;
  connectedSockets(): number;
  close(): Promise<void>;
}

/** Builds Socket.IO on an existing HTTP server; a test can start it on a free port with real clients. */
export async function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDependencies): Promise<RealtimeServer> {
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const redis = deps.redisUrl ? await createRedisAdapter(deps.redisUrl) : undefined;
  if (redis) io.adapter(redis.adapter);

  const dashboard = io.of(DASHBOARD_NAMESPACE) as DashboardNamespace;
  dashboard.use(async (socket, next) => {
    const identity = await authenticateStaffHandshake(socket.handshake, { secret: deps.authSecret, db: deps.db, secureCookie: deps.secureCookie }).catch((error: unknown) => {
      deps.logger.error("socket auth failed", { error: String(error) });
      return null;
    });
    if (!identity) {
      deps.metrics.socketRejections.inc({ namespace: DASHBOARD_NAMESPACE });
      return next(new Error("unauthorized"));
    }
    socket.data = identity;
    next();
  });

  dashboard.on("connection", (socket) => {
    deps.metrics.socketConnections.inc({ namespace: DASHBOARD_NAMESPACE });
    registerDashboardHandlers(socket, deps);
  });

  deps.metrics.onCollect(() => deps.metrics.connectedSockets.set({ namespace: DASHBOARD_NAMESPACE }, dashboard.sockets.size));

  return {
    io,
    dashboard,
    redis,
    connectedSockets: () => dashboard.sockets.size,
    async close() {
      // Tell clients to reconnect elsewhere (or later) and stop accepting new sockets.
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
    },
  };
}
