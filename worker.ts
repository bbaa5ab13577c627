/**
 * `npm run worker`: a process that only answers assistant tasks and sends webhooks, beside one or more servers on
 * the same database (the server runs the same workers in-process unless
 * ASSISTANT_WORKERS_IN_PROCESS=false). Its pushes reach customers and staff through the Redis
 * adapter (REDIS_URL); without Redis its answers are stored and shown on the customer's next load.
 */
import { readFileSync } from "node:fs";
import { startAssistantWorker } from "./lib/assistant/assistant-worker.server";
import { startAssistantTaskQueue } from "./lib/assistant/task-queue.server";
import { assistantConfig, liveConfig, webhookConfig } from "./lib/config/env.server";
import { startWebhookWorker } from "./lib/webhooks/webhook-worker.server";
import { applyMigrations } from "./lib/db/migrate.server";
import { createPrismaClient, poolProbe } from "./lib/db/prisma-client.server";
import { serverDatabaseUrl } from "./lib/db/start-database.server";
import { describeError } from "./lib/observability/logger";
import { createMetrics } from "./lib/observability/metrics.server";
import { createPublishingLiveChat } from "./lib/composition/live-app.server";
import { createWorkerHttpServer } from "./lib/composition/http-app.server";
import { bootProcess } from "./lib/server/process-boot.server";

const startedAt = Date.now();
const version = (JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string }).version;

const { env, logger, shutdown } = bootProcess();

try {
  const databaseUrl = serverDatabaseUrl({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT });
  await applyMigrations(databaseUrl);
  const db = createPrismaClient(databaseUrl, env.DATABASE_POOL_SIZE);
  shutdown.add("prisma", () => db.$disconnect());

  const assistant = assistantConfig(env);
  const queue = await startAssistantTaskQueue(databaseUrl, assistant.queue, logger);

  const metrics = createMetrics();
  metrics.watchDatabasePool(poolProbe(db));
  // Publishes through Redis to the servers' sockets; serves none itself.
  const live = await createPublishingLiveChat({ db, logger, redisUrl: env.REDIS_URL, live: liveConfig(env), dispatchAssistantTask: (taskId) => queue.dispatch(taskId) });
  shutdown.add("live chat", () => live.close());
  // Stopped first: tasks in flight finish (and publish) before the rest goes.
  shutdown.add("assistant queue", () => queue.stop(env.SHUTDOWN_TIMEOUT_MS / 2));
  if (!env.REDIS_URL) logger.warn("REDIS_URL is not set: this worker's answers are stored, but pushed to nobody (customers see them on their next load)");

  const worker = await startAssistantWorker({ db, liveChat: live.liveChat, queue, config: assistant, logger, metrics });
  shutdown.add("assistant sweep", () => worker.sweep.stop());
  const webhooks = await startWebhookWorker({ db, databaseUrl, config: webhookConfig(env), logger, metrics, stopTimeoutMs: env.SHUTDOWN_TIMEOUT_MS / 2 });
  shutdown.add("webhook deliveries", () => webhooks.stop());

  // Its own port for probes and the metrics scraper (WORKER_PORT): it serves no pages or sockets.
  const httpServer = createWorkerHttpServer({
    db,
    metrics,
    logger,
    health: {
      version,
      startedAt,
      database: { mode: env.DATABASE_URL ? "external" : "embedded" },
      redis: live.redis,
      workers: () => ({ [worker.sweep.name]: worker.sweep.status(), [webhooks.name]: webhooks.status() }),
      metricsToken: env.METRICS_TOKEN,
    },
  });
  await new Promise<void>((resolve) => httpServer.listen(env.WORKER_PORT, env.HOST, resolve));
  shutdown.add("health port", () => shutdown.closeHttpServer(httpServer, async () => undefined));
  logger.info("assistant worker running", { provider: assistant.provider, concurrency: assistant.queue.concurrency, healthPort: env.WORKER_PORT });
} catch (error) {
  logger.error("worker startup failed", { error: describeError(error) });
  await shutdown.run("startup failure", 1);
}
