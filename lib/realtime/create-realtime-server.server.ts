import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { listenForAccessChanges, type AccessChangeListener } from "../auth/access-changes.server";
import { authenticateStaffHandshake } from "../auth/socket-auth.server";
import type { AssistantConfig } from "../config/env.server";
import { pgPoolOf, type PrismaClient } from "../db/prisma-client.server";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import { originAllowed } from "../security/origins";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { agentActionPayloads, sessionRoom, userRoom } from "../chat/contract";
import { createLiveChat, type LiveChat } from "../chat/live-chat.server";
import { markStaffConnected, markStaffDisconnected, sweepPresence } from "../chat/presence.server";
import { createChatRateLimits, type ChatRateLimitConfig, type ChatRateLimits } from "../chat/rate-limits.server";
import { registerDashboardHandlers } from "../orchestration/dashboard-handlers.server";
import { createAccessEnforcer } from "./access-enforcer.server";
import { registerAgentHandlers } from "./agent-handlers.server";
import { registerChatNamespace } from "./chat-namespace.server";
import type { ChatNamespace } from "./chat-socket.server";
import type { DashboardNamespace } from "./dashboard-socket.server";
import { applyEventBudget, STAFF_EVENT_BUDGET } from "./event-budget.server";
import { CHAT_NAMESPACE, DASHBOARD_NAMESPACE, dashboardPayloads } from "./events";
import { createLivePublisher } from "./live-publisher.server";
import { applySessionCheck } from "./session-check.server";
import { createRedisAdapter, type RedisAdapterHandle } from "./redis-adapter.server";

/** How often a node re-checks all its staff sockets' access against the database (besides notifications). */
const ACCESS_RECHECK_MS = 30_000;

export interface RealtimeDependencies {
  db: PrismaClient;
  authSecret: string;
  /** https deployments use the __Secure- cookie name. */
  secureCookie: boolean;
  logger: Logger;
  metrics: Metrics;
  redisUrl?: string;
  live: LiveConfig;
  /** The assistant's provider settings (the dashboard's "ask" panel and chat answers). */
  assistant: AssistantConfig;
  /** Origins whose pages may open /dashboard sockets besides the server's own host (the public URL's, ALLOWED_ORIGINS). */
  staffOrigins?: readonly string[];
  /** Which pages may open a customer's /chat socket (unset: any). */
  customerOrigins?: CustomerOriginCheck;
  /** Enqueues an assistant task (lib/assistant/task-queue.server.ts); unset = chats in BOT get no answers here. */
  dispatchAssistantTask?: (taskId: string) => Promise<void>;
}

export interface LiveConfig {
  /** Widgets and queue positions of one business are recomputed at most once per this window. */
  coalesceMs: number;
  /** An agent whose sockets are all gone this long becomes OFFLINE. */
  agentGraceMs: number;
  /** A waiting customer whose page is gone this long has abandoned the chat. */
  customerGraceMs: number;
  rateLimits: ChatRateLimitConfig;
}

export interface RealtimeServer {
  io: Server;
  dashboard: DashboardNamespace;
  chat: ChatNamespace;
  /** The live-chat use cases, publishing through these namespaces (the HTTP chat API uses them too). */
  liveChat: LiveChat;
  rateLimits: ChatRateLimits;
  redis?: RedisAdapterHandle;
  /** Serve on this HTTP server (created after this, as its routes need liveChat); resolves once access changes are heard. */
  attach(httpServer: HttpServer): Promise<void>;
  /**
   * One reconciliation pass: presence (agents gone past the grace → OFFLINE, waiting customers
   * gone → abandoned), then auto routing of anything still waiting.
   */
  reconcile(now?: Date): Promise<{ offline: number; ended: number }>;
  connectedSockets(): number;
  close(): Promise<void>;
}

const STAFF_EVENTS: ReadonlySet<string> = new Set([...Object.keys(dashboardPayloads), ...Object.keys(agentActionPayloads)]);

/** Builds Socket.IO and the live-chat services; a test can attach it to a server on a free port with real clients. */
export async function createRealtimeServer(deps: RealtimeDependencies): Promise<RealtimeServer> {
  const io = new Server({
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
  });
  const redis = deps.redisUrl ? await createRedisAdapter(deps.redisUrl) : undefined;
  if (redis) io.adapter(redis.adapter);

  const dashboard = io.of(DASHBOARD_NAMESPACE) as DashboardNamespace;
  dashboard.use(async (socket, next) => {
    // A page of another site must not ride on the staff cookie (browsers always send Origin on a socket handshake).
    const origin = socket.handshake.headers.origin;
    if (origin !== undefined && !originAllowed(origin, { host: socket.handshake.headers.host, allowed: deps.staffOrigins ?? [] })) {
      deps.metrics.socketRejections.inc({ namespace: DASHBOARD_NAMESPACE });
      return next(new Error("origin_not_allowed"));
    }
    const identity = await authenticateStaffHandshake(socket.handshake, { secret: deps.authSecret, db: deps.db, secureCookie: deps.secureCookie }).catch((error: unknown) => {
      deps.logger.error("socket auth failed", { error: describeError(error) });
      return null;
    });
    if (!identity) {
      deps.metrics.socketRejections.inc({ namespace: DASHBOARD_NAMESPACE });
      return next(new Error("unauthorized"));
    }
    socket.data = identity;
    next();
  });

  const chat = io.of(CHAT_NAMESPACE) as ChatNamespace;
  const publisher = createLivePublisher({ db: deps.db, dashboard, chat, logger: deps.logger, coalesceMs: deps.live.coalesceMs });
  const liveChat = createLiveChat({ db: deps.db, publisher, logger: deps.logger, dispatchAssistantTask: deps.dispatchAssistantTask });
  const rateLimits = createChatRateLimits(deps.live.rateLimits);
  // Writes fired by connects and disconnects: close() awaits them, so none is cut off half-way at shutdown.
  const background = new Set<Promise<unknown>>();
  const track = (what: string, work: Promise<unknown>) => {
    const settled = work.catch((error: unknown) => deps.logger.warn(`${what} failed`, { error: describeError(error) })).finally(() => background.delete(settled));
    background.add(settled);
  };

  // Access that ends (sign-out, removal, role change) reaches this node's sockets within moments.
  const access = createAccessEnforcer({ dashboard, db: deps.db, logger: deps.logger });
  let accessListener: Promise<AccessChangeListener | undefined> = Promise.resolve(undefined);
  let accessRecheck: NodeJS.Timeout | undefined;
  const recheckAccess = () => void access.recheckAll().catch((error: unknown) => deps.logger.warn("access re-check failed", { error: describeError(error) }));

  dashboard.on("connection", (socket) => {
    // First of the event middleware: a refused event costs no database read, not even the session check.
    applyEventBudget(socket, STAFF_EVENT_BUDGET, { metrics: deps.metrics, knownEvents: STAFF_EVENTS });
    deps.metrics.socketConnections.inc({ namespace: DASHBOARD_NAMESPACE });
    const { userId } = socket.data;
    applySessionCheck(socket, { db: deps.db, logger: deps.logger, onEnded: () => access.apply({ kind: "session_ended", user_id: userId, session_id: socket.data.sessionId }) });
    void socket.join(userRoom(userId));
    track("staff presence", markStaffConnected(deps.db, userId));
    registerDashboardHandlers(socket, deps);
    registerAgentHandlers(socket, { ...deps, liveChat });
    socket.on("disconnect", () => {
      // Another tab of the same user on this node keeps them present.
      if ((dashboard.adapter.rooms.get(userRoom(userId))?.size ?? 0) > 0) return;
      track("staff presence", markStaffDisconnected(deps.db, userId));
    });
  });
  registerChatNamespace(chat, { db: deps.db, customerOrigins: deps.customerOrigins, liveChat, limits: rateLimits, logger: deps.logger, metrics: deps.metrics, track });

  deps.metrics.onCollect(() => deps.metrics.connectedSockets.set({ namespace: DASHBOARD_NAMESPACE }, dashboard.sockets.size));

  let attached = false;
  return {
    io,
    dashboard,
    chat,
    liveChat,
    rateLimits,
    redis,
    async attach(httpServer) {
      io.attach(httpServer);
      attached = true;
      // Only a node that holds sockets needs to hear access changes (a publish-only worker does not).
      const databaseUrl = pgPoolOf(deps.db)?.options.connectionString;
      if (databaseUrl) {
        accessListener = listenForAccessChanges(databaseUrl, { onChange: access.apply, onResync: recheckAccess }, deps.logger);
        await accessListener;
        // The safety net for a notification lost while the listener's connection was down.
        accessRecheck = setInterval(recheckAccess, ACCESS_RECHECK_MS);
        accessRecheck.unref();
      }
    },
    async reconcile(now) {
      const swept = await sweepPresence(
        {
          db: deps.db,
          liveChat,
          agentGraceMs: deps.live.agentGraceMs,
          customerGraceMs: deps.live.customerGraceMs,
          // Asked through the adapter, so sockets on other nodes count too.
          userHasSockets: async (userId) => (await dashboard.in(userRoom(userId)).fetchSockets()).length > 0,
          sessionHasSockets: async (sessionId) => (await chat.in(sessionRoom(sessionId)).fetchSockets()).length > 0,
        },
        now,
      );
      await liveChat.routeAllWaiting();
      return swept;
    },
    connectedSockets: () => dashboard.sockets.size + chat.sockets.size,
    async close() {
      // Closes every namespace's sockets on this node (clients reconnect elsewhere, or later) and stops accepting.
      // A publish-only instance (`npm run worker`) has no engine to close, only its adapters.
      clearInterval(accessRecheck);
      await (await accessListener)?.close();
      if (attached) await new Promise<void>((resolve) => io.close(() => resolve()));
      else await Promise.all([dashboard, chat].map((namespace) => namespace.adapter.close()));
      await Promise.allSettled([...background]);
      // Pushes already due still go out (to nobody on this node, but through the adapter to others).
      await liveChat.idle();
      liveChat.close();
      await redis?.close();
    },
  };
}
