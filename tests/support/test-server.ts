import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type ManagerOptions, type Socket, type SocketOptions } from "socket.io-client";
import { startAssistantWorker, type AssistantWorker } from "../../lib/assistant/assistant-worker.server";
import { startAssistantTaskQueue, type AssistantTaskQueue } from "../../lib/assistant/task-queue.server";
import type { AttachmentSettings } from "../../lib/chat/attachments.server";
import type { AssistantConfig } from "../../lib/config/env.server";
import { poolProbe, type PrismaClient } from "../../lib/db/prisma-client.server";
import { createLogger } from "../../lib/observability/logger";
import { createMetrics, type Metrics } from "../../lib/observability/metrics.server";
import { createAppHttpServer } from "../../lib/composition/http-app.server";
import { createLiveApp, type LiveApp, type LiveConfig } from "../../lib/composition/live-app.server";
import { createBusinessOriginsCache } from "../../lib/security/business-origins.server";
import type { Clock } from "../../lib/server/clock.server";
import { listen } from "../../lib/server/listen.server";
import { createCustomerOriginCheck } from "../../lib/security/customer-origins.server";
import { TEST_AUTH_SECRET } from "./auth-tokens";
import { createManualClock } from "./manual-clock";

/** Socket.IO clients of one server address, each socket remembered so that a test can close them all. */
export interface SocketClient {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A new socket (its own connection): websocket only, no reconnection unless `options` say otherwise. */
  connect(namespace: string, options?: Partial<ManagerOptions & SocketOptions>): Socket;
}

export function createSocketClient(url: string): SocketClient & { closeAll(): void } {
  const sockets: Socket[] = [];
  return {
    url,
    connect(namespace, options = {}) {
      const socket = connect(`${url}${namespace}`, { transports: ["websocket"], reconnection: false, forceNew: true, ...options });
      sockets.push(socket);
      return socket;
    },
    closeAll: () => sockets.forEach((socket) => socket.close()),
  };
}

export interface TestServer extends SocketClient {
  http: Server;
  realtime: LiveApp;
  metrics: Metrics;
  /** The assistant's job queue and (unless turned off) its in-process worker, when the server has them. */
  assistant?: { queue: AssistantTaskQueue; worker: AssistantWorker | null; startWorker(): Promise<AssistantWorker> };
  close(): Promise<void>;
}

/** Live-chat settings for tests: pushes without delay and presence/limits loose unless a test tightens them. */
export const TEST_LIVE_CONFIG: LiveConfig = {
  coalesceMs: 0,
  agentGraceMs: 60_000,
  customerGraceMs: 120_000,
  heartbeatMs: 5_000,
  rateLimits: { requestsPerIpPerMinute: 100_000, chatStartsPerIpPerMinute: 100_000, messagesPerSessionPerMinute: 100_000 },
};

/** The assistant for tests: the offline builtin provider, fast queue timings. */
export const TEST_ASSISTANT_CONFIG: AssistantConfig = {
  provider: "builtin",
  openai: { baseUrl: "http://127.0.0.1:9/v1", apiKey: undefined, model: "test-model" },
  timeoutMs: 5_000,
  minRelevance: 0.3,
  queue: { concurrency: 4, expireSeconds: 10, maintenanceSeconds: 1, pollSeconds: 0.5 },
};

/**
 * The real HTTP + Socket.IO stack of server.ts on a free port, without Next (pages are covered
 * by the e2e tier). Requests that no route answers get a JSON 404.
 */
export interface TestAssistantOptions {
  /** Settings over TEST_ASSISTANT_CONFIG (e.g. the openai-compatible provider of a local stand-in). */
  config?: Partial<AssistantConfig>;
  /** The database for the job queue (the test database's URL): without it, chats get no answers. */
  databaseUrl?: string;
  /** false = no worker in this process (a test starts one later, or runs `npm run worker`). Default true. */
  worker?: boolean;
}

/** Settings of server.ts's environment that a test may turn on. */
export interface TestServerOptions {
  metricsToken?: string;
  /** As with an https NEXTAUTH_URL (HSTS). */
  https?: boolean;
  /** REDIS_URL: the Socket.IO Redis adapter, as several nodes use it. */
  redisUrl?: string;
  /** A fixed port (a node restarted on the address its clients reconnect to); default: a free one. */
  port?: number;
  /**
   * The time of the dashboards' clock checks; default: a manual clock that never moves, as their
   * pushes at whole minutes would otherwise mix with the events a test asserts.
   */
  clock?: Clock;
  /** Where files sent as messages are kept (server.ts: DATA_DIR/files or S3); unset = attachments are refused. */
  attachments?: AttachmentSettings;
}

export async function startTestServer(db: PrismaClient, live: Partial<LiveConfig> = {}, assistantOptions: TestAssistantOptions = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const metrics = createMetrics();
  metrics.watchDatabasePool(poolProbe(db));
  const logger = createLogger("error");
  const assistant: AssistantConfig = { ...TEST_ASSISTANT_CONFIG, ...assistantOptions.config };
  const queue = assistantOptions.databaseUrl ? await startAssistantTaskQueue(assistantOptions.databaseUrl, assistant.queue, logger) : undefined;
  // Short-lived, so a test that changes a business's allowed origins sees it at once.
  const businessOrigins = createBusinessOriginsCache(db, 0);
  const customerOrigins = createCustomerOriginCheck(businessOrigins, []);
  const realtime = await createLiveApp({
    db,
    authSecret: TEST_AUTH_SECRET,
    secureCookie: false,
    logger,
    metrics,
    redisUrl: options.redisUrl,
    live: { ...TEST_LIVE_CONFIG, ...live },
    assistant,
    staffOrigins: [],
    customerOrigins,
    dispatchAssistantTask: queue ? (taskId) => queue.dispatch(taskId) : undefined,
    clock: options.clock ?? createManualClock(new Date()),
    attachments: options.attachments,
  });
  const startWorker = () => startAssistantWorker({ db, liveChat: realtime.liveChat, queue: queue!, config: assistant, logger, metrics });
  const assistantParts = queue ? { queue, worker: assistantOptions.worker === false ? null : await startWorker(), startWorker } : undefined;
  const http = createAppHttpServer({
    db,
    metrics,
    logger,
    live: realtime,
    health: { version: "test", startedAt: Date.now(), database: { mode: "external" }, workers: () => ({}), metricsToken: options.metricsToken },
    https: options.https ?? false,
    dev: false,
    staffOrigins: [],
    trustProxy: false,
    businessOrigins,
    customerOrigins,
    app: (_req, res) => {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "not_found", message: "Not found." } }));
    },
  });
  await listen(http, options.port ?? 0, "127.0.0.1");
  const sockets = createSocketClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const server = realtime;
  return {
    url: sockets.url,
    connect: sockets.connect,
    http,
    realtime: server,
    metrics,
    assistant: assistantParts,
    async close() {
      sockets.closeAll();
      await assistantParts?.worker?.sweep.stop();
      await queue?.stop(5_000);
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
