import { registerLiveChat, registeredLiveChat } from "../chat/live-chat-registry.server";
import { randomUUID } from "node:crypto";
import type { Server as HttpServer } from "node:http";
import { createLiveChat, type LiveChat } from "../chat/live-chat.server";
import type { AttachmentSettings } from "../chat/attachments.server";
import { customerChatHandlers } from "../chat/customer-handlers.server";
import { createNodePresence } from "../chat/node-presence.server";
import { sweepPresence } from "../chat/presence.server";
import { createChatRateLimits, type ChatRateLimitConfig, type ChatRateLimits } from "../chat/rate-limits.server";
import { staffChatHandlers } from "../chat/staff-handlers.server";
import { createWorkspaceReader } from "../chat/workspace.server";
import { staffTagHandlers } from "../tags/tag-handlers.server";
import type { AssistantConfig } from "../config/env.server";
import { dashboardHandlers } from "../dashboard/orchestration/handlers.server";
import type { PrismaClient } from "../db/prisma-client.server";
import type { Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import { serveCustomers } from "../realtime/customer-namespace.server";
import { createDashboardWatchers } from "../realtime/dashboard-watchers.server";
import { createLivePublisher } from "../realtime/live-publisher.server";
import { createClusterRooms } from "../realtime/cluster-rooms.server";
import { createSlicedRooms } from "../realtime/sliced-rooms.server";
import { createPushWriter } from "../realtime/push-writer.server";
import { createPublishOnlyRooms } from "../realtime/publish-only-rooms.server";
import { createSocketServer, type SocketServer } from "../realtime/socket-server.server";
import { serveStaff } from "../realtime/staff-namespace.server";
import { pushClockUpdates } from "../realtime/clock-pushes.server";
import type { CustomerOriginCheck } from "../security/customer-origins.server";
import { systemClock, type Clock } from "../server/clock.server";
import { startIntervalWorker, type IntervalWorker } from "../server/interval-worker.server";

/**
 * How often the clock-dependent dashboard figures are checked while a dashboard watches (at whole
 * minutes, where hours and days begin): a figure whose window moved is at most this late.
 */
const DASHBOARD_CLOCK_PERIOD_MS = 60_000;

export interface LiveConfig {
  /** Widgets and queue positions of one business are recomputed at most once per this window. */
  coalesceMs: number;
  /** An agent whose sockets are all gone this long becomes OFFLINE. */
  agentGraceMs: number;
  /** A waiting customer whose page is gone this long has abandoned the chat. */
  customerGraceMs: number;
  /** This node renews its presence heartbeat this often; silent for three periods, it counts as dead. */
  heartbeatMs: number;
  rateLimits: ChatRateLimitConfig;
}

export interface LiveAppDependencies {
  db: PrismaClient;
  authSecret: string;
  /** https deployments use the __Secure- cookie name. */
  secureCookie: boolean;
  logger: Logger;
  metrics: Metrics;
  redisUrl?: string;
  live: LiveConfig;
  /** The assistant's provider settings (the dashboard's "ask" panel). */
  assistant: AssistantConfig;
  /** Origins whose pages may open /dashboard sockets besides the server's own host. */
  staffOrigins: readonly string[];
  /** Which pages may open a customer's /chat socket (unset: any). */
  customerOrigins?: CustomerOriginCheck;
  /** Enqueues an assistant task; unset = chats in BOT get no answers here. */
  dispatchAssistantTask?: (taskId: string) => Promise<void>;
  /** Where files sent as messages are kept (ATTACHMENT_MAX_BYTES, S3_*); unset = attachments are refused. */
  attachments?: AttachmentSettings;
  /** The time of the dashboards' clock checks (default: the system's); tests advance a manual one. */
  clock?: Clock;
}

export interface LiveApp {
  sockets: SocketServer;
  /** This process's presence node id (random per start). */
  nodeId: string;
  /** Renews this node's presence row (decision 012); /health/detailed reports it among the workers. */
  heartbeat: IntervalWorker;
  /** Pushes what the passing time changed on the dashboards this node serves; /health/detailed reports it too. */
  dashboardClock: IntervalWorker;
  /** The live-chat use cases, publishing through the sockets (the HTTP chat API uses them too). */
  liveChat: LiveChat;
  rateLimits: ChatRateLimits;
  attach(httpServer: HttpServer): void;
  /**
   * One reconciliation pass: presence (what nodes that stopped beating held counts as gone at their
   * last beat; agents gone past the grace → OFFLINE, waiting customers gone → abandoned), then auto
   * routing of anything still waiting.
   */
  reconcile(now?: Date): Promise<{ deadNodes: number; offline: number; ended: number }>;
  close(): Promise<void>;
}

/**
 * The live side of a server, assembled: Socket.IO (transport) → the publisher (the domains'
 * ChangePublisher over its rooms) → the live-chat use cases → the domains' handler tables served
 * on /dashboard and /chat.
 */
export async function createLiveApp(deps: LiveAppDependencies): Promise<LiveApp> {
  const { db, logger, metrics } = deps;
  const sockets = await createSocketServer({ redisUrl: deps.redisUrl, logger });
  const redis = sockets.redis;
  const dashboards = createDashboardWatchers({ rooms: () => sockets.dashboard.adapter.rooms, redis: redis?.client, logger });
  const nodeId = randomUUID();
  // Each node writes its own sockets of a staff room, big rooms a slice per turn (fairness); with
  // several nodes a push reaches the others' through Redis (decision 026).
  const localStaffRooms = createSlicedRooms(sockets.dashboard.adapter, createPushWriter(sockets.dashboard), {
    onWritten: (seconds) => metrics.pushWrites.observe(seconds),
  });
  const staffRooms = redis
    ? await createClusterRooms({
        namespace: sockets.dashboard.name,
        nodeId,
        local: localStaffRooms,
        publish: (channel, message) => redis.client.publish(channel, message),
        subscribe: redis.subscribe,
        logger,
      })
    : localStaffRooms;
  const publisher = createLivePublisher({ db, dashboard: staffRooms, chat: sockets.chat, logger, coalesceMs: deps.live.coalesceMs, redis: redis?.client, dashboards, metrics });
  const liveChat = createLiveChat({ db, publisher, logger, dispatchAssistantTask: deps.dispatchAssistantTask, attachments: deps.attachments });
  const rateLimits = createChatRateLimits(deps.live.rateLimits, redis?.client);
  const presence = createNodePresence({ db, nodeId, heartbeatMs: deps.live.heartbeatMs, local: sockets.local, logger });
  // Registered before any socket can connect: the rows of what it holds refer to it.
  await presence.beat();
  const heartbeat = startIntervalWorker("presence-heartbeat", deps.live.heartbeatMs, () => presence.beat(), logger);
  const staffDeps = { db, liveChat, workspace: createWorkspaceReader(db), logger, metrics };
  const staff = await serveStaff(sockets.dashboard, {
    ...deps,
    track: sockets.track,
    presence,
    dashboards,
    handlers: (connection) => ({ ...dashboardHandlers(connection, deps), ...staffChatHandlers(connection, staffDeps), ...staffTagHandlers(connection, staffDeps) }),
  });
  serveCustomers(sockets.chat, { ...deps, track: sockets.track, presence, handlers: (connection) => customerChatHandlers(connection, { liveChat, limits: rateLimits }) });
  const clock = deps.clock ?? systemClock;
  const dashboardClock = startIntervalWorker(
    "dashboard-clock",
    DASHBOARD_CLOCK_PERIOD_MS,
    () => pushClockUpdates({ db, dashboard: sockets.dashboard, logger, periodMs: DASHBOARD_CLOCK_PERIOD_MS }, clock.now()),
    logger,
    { clock, aligned: true },
  );
  // Team and settings routes (Next's handlers, same process) apply their live effects through it.
  registerLiveChat(liveChat);

  return {
    sockets,
    nodeId: presence.nodeId,
    heartbeat,
    dashboardClock,
    liveChat,
    rateLimits,
    attach: (httpServer) => sockets.attach(httpServer),
    async reconcile(now) {
      const deadNodes = await presence.reapDeadNodes();
      const swept = await sweepPresence({ db, liveChat, agentGraceMs: deps.live.agentGraceMs, customerGraceMs: deps.live.customerGraceMs, presence: sockets.presence }, now);
      // Business hours that began since the last pass: offline messages join the queue (every node may run it; each chat is queued once).
      await liveChat.openDesks();
      await liveChat.routeAllWaiting();
      return { deadNodes, ...swept };
    },
    async close() {
      if (registeredLiveChat() === liveChat) registerLiveChat(undefined);
      await heartbeat.stop();
      await dashboardClock.stop();
      await staff.close();
      // The sockets' disconnects stamp and forget what this node held; then its row goes (clean shutdown).
      await sockets.close();
      await presence.leave();
      // Pushes already due still go out (to nobody on this node, but through the adapter to others).
      await liveChat.idle();
      liveChat.close();
      dashboards.close();
      await sockets.closeRedis();
    },
  };
}

/**
 * The live-chat use cases in a process that serves no sockets (`npm run worker`): its pushes reach
 * the servers' sockets through Redis, without a Socket.IO server of its own.
 */
export async function createPublishingLiveChat(deps: Pick<LiveAppDependencies, "db" | "logger" | "redisUrl" | "live" | "dispatchAssistantTask">) {
  const rooms = await createPublishOnlyRooms(deps.redisUrl, deps.logger);
  const redis = rooms.redis?.client;
  const dashboards = createDashboardWatchers({ redis, logger: deps.logger });
  const publisher = createLivePublisher({ db: deps.db, dashboard: rooms.dashboard, chat: rooms.chat, logger: deps.logger, coalesceMs: deps.live.coalesceMs, redis, dashboards });
  const liveChat = createLiveChat({ db: deps.db, publisher, logger: deps.logger, dispatchAssistantTask: deps.dispatchAssistantTask });
  return {
    liveChat,
    redis: rooms.redis,
    async close() {
      await liveChat.idle();
      liveChat.close();
      await rooms.close();
    },
  };
}
