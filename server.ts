/**
 * Switchboard's process: config → database → migrations → demo seed → Next → Socket.IO →
 * workers → listen, and the reverse on SIGTERM/SIGINT. Wiring only; each step lives in lib/.
 */
import { readFileSync } from "node:fs";
import next from "next";
import { deleteExpiredAuthState } from "./lib/auth/auth-sessions.server";
import { createLoginThrottle, setLoginThrottle } from "./lib/auth/login-throttle.server";
import { resolveAuthSecret } from "./lib/config/secret.server";
import { assistantConfig, attachmentConfig, bootstrapSetup, liveConfig, loginThrottleConfig, staffOrigins, webhookConfig } from "./lib/config/env.server";
import { deleteOldWebhookEvents } from "./lib/webhooks/delivery-queue.server";
import { startWebhookWorker } from "./lib/webhooks/webhook-worker.server";
import { registerWebhookSettings } from "./lib/webhooks/webhook-settings.server";
import { createFileStore } from "./lib/files/create-file-store.server";
import { listen } from "./lib/server/listen.server";
import { isSetupPending } from "./lib/setup/first-run.server";
import { prepareInstallation } from "./lib/setup/first-boot.server";
import { startAssistantWorker } from "./lib/assistant/assistant-worker.server";
import { startAssistantTaskQueue } from "./lib/assistant/task-queue.server";
import { presenceSweepInterval } from "./lib/chat/presence.server";
import { createAppHttpServer } from "./lib/composition/http-app.server";
import { createLiveApp } from "./lib/composition/live-app.server";
import { applyMigrations } from "./lib/db/migrate.server";
import { createPrismaClient, pgPoolOf, poolProbe, setPrisma } from "./lib/db/prisma-client.server";
import { startDatabase } from "./lib/db/start-database.server";
import { EmbeddedPostgresError } from "./lib/db/embedded-postgres.server";
import { describeError } from "./lib/observability/logger";
import { createMetrics } from "./lib/observability/metrics.server";
import { demoAccounts, DEMO_PASSWORD, hasDemoData } from "./lib/seed/demo-data.server";
import { createBusinessOriginsCache } from "./lib/security/business-origins.server";
import { createCustomerOriginCheck } from "./lib/security/customer-origins.server";
import { startIntervalWorker } from "./lib/server/interval-worker.server";
import { bootProcess } from "./lib/server/process-boot.server";
import { within } from "./lib/server/shutdown.server";
import { deleteExpiredOrchestrationData } from "./lib/dashboard/orchestration/orchestration-store.server";
import { deleteExpiredSelections } from "./lib/tenancy/business-selection.server";

const startedAt = Date.now();
const version = (JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string }).version;

const { env, logger, shutdown } = bootProcess();

try {
  const database = await startDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, embeddedPort: env.EMBEDDED_PG_PORT }, logger);
  // Always the last step, with a reserve of the deadline of its own (see createShutdown).
  shutdown.add("database", (budgetMs) => database.stop(budgetMs), { last: true });

  const applied = await applyMigrations(database.url);
  if (applied.length) logger.info("migrations applied", { migrations: applied });

  // Next's route handlers read these from the environment in this same process.
  const nextAuthUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const authSecret = resolveAuthSecret(env.NEXTAUTH_SECRET, env.DATA_DIR);
  Object.assign(process.env, { DATABASE_URL: database.url, NEXTAUTH_URL: nextAuthUrl, NEXTAUTH_SECRET: authSecret });

  const db = createPrismaClient(database.url, env.DATABASE_POOL_SIZE);
  setPrisma(db);
  // Bounded: a write caught in flight can keep Prisma's pool waiting; the database stops next anyway.
  shutdown.add("prisma", () => within(db.$disconnect(), 2_000));

  // Sign-in attempts are counted where every node sees them.
  const loginThrottle = await createLoginThrottle(env.REDIS_URL ? { kind: "redis", url: env.REDIS_URL } : { kind: "postgres", pool: pgPoolOf(db)! }, loginThrottleConfig(env));
  setLoginThrottle(loginThrottle);
  shutdown.add("login throttle", () => loginThrottle.close());

  await prepareInstallation(db, { bootstrap: bootstrapSetup(env), seedDemoData: env.SEED_DEMO_DATA }, logger);

  const dev = env.NODE_ENV === "development";
  const nextApp = next({ dev, dir: process.cwd(), hostname: "localhost", port: env.PORT });
  await nextApp.prepare();
  shutdown.add("next", () => nextApp.close());

  const assistant = assistantConfig(env);
  const attachments = attachmentConfig(env);
  // The webhook routes (Next's handlers, same process) check URLs and redeliver with these.
  const webhooks = webhookConfig(env);
  registerWebhookSettings(webhooks);
  const assistantQueue = await startAssistantTaskQueue(database.url, assistant.queue, logger);

  const metrics = createMetrics();
  metrics.watchDatabasePool(poolProbe(db));
  const https = nextAuthUrl.startsWith("https://");
  const businessOrigins = createBusinessOriginsCache(db);
  const customerOrigins = createCustomerOriginCheck(businessOrigins, staffOrigins(env));
  const live = await createLiveApp({
    db,
    authSecret,
    secureCookie: https,
    logger,
    metrics,
    redisUrl: env.REDIS_URL,
    live: liveConfig(env),
    assistant,
    staffOrigins: staffOrigins(env),
    customerOrigins,
    dispatchAssistantTask: (taskId) => assistantQueue.dispatch(taskId),
    attachments: { store: createFileStore(attachments.storage), maxBytes: attachments.maxBytes },
  });
  const httpServer = createAppHttpServer({
    db,
    metrics,
    logger,
    live,
    health: {
      version,
      startedAt,
      database: { mode: database.mode },
      redis: live.sockets.redis,
      // Called per request, after `workers` below exists.
      workers: () => Object.fromEntries(workers.map((w) => [w.name, w.status()])),
      metricsToken: env.METRICS_TOKEN,
    },
    https,
    dev,
    staffOrigins: staffOrigins(env),
    trustProxy: env.TRUST_PROXY,
    businessOrigins,
    customerOrigins,
    app: nextApp.getRequestHandler(),
  });

  const workers = [
    startIntervalWorker(
      "expired-state-cleanup",
      5 * 60_000,
      () => Promise.all([deleteExpiredOrchestrationData(db), deleteExpiredSelections(db), deleteExpiredAuthState(db), deleteOldWebhookEvents(db)]),
      logger,
    ),
    // Also runs once at boot: chats left waiting for an auto-routing business are assigned, and what
    // nodes that died (this one's previous run, too) held counts as gone since their last beat.
    startIntervalWorker("live-reconcile", presenceSweepInterval(env.PRESENCE_GRACE_MS, env.CUSTOMER_ABANDON_MS), () => live.reconcile(), logger),
    // Started by the live app (before its sockets); listed here for /health/detailed.
    live.heartbeat,
    live.dashboardClock,
  ];
  if (env.ASSISTANT_WORKERS_IN_PROCESS) {
    const assistantWorker = await startAssistantWorker({ db, liveChat: live.liveChat, queue: assistantQueue, config: assistant, logger, metrics });
    workers.push(assistantWorker.sweep);
    // Webhooks go out wherever the background workers run (any number of processes: SKIP LOCKED).
    workers.push(await startWebhookWorker({ db, databaseUrl: database.url, config: webhooks, logger, metrics, stopTimeoutMs: env.SHUTDOWN_TIMEOUT_MS / 2 }));
  }
  shutdown.add("workers", () => Promise.all(workers.map((w) => w.stop())));

  // Next's dev server needs its own upgrade handler for HMR; Socket.IO claims /socket.io upgrades.
  if (dev) {
    const upgrade = nextApp.getUpgradeHandler();
    httpServer.on("upgrade", (req, socket, head) => {
      if (req.url?.startsWith("/_next/")) void upgrade(req, socket, head);
    });
  }

  await listen(httpServer, env.PORT, env.HOST);
  // Stop accepting first, then close sockets (they hold connections open), then await in-flight requests.
  shutdown.add("http and sockets", () => shutdown.closeHttpServer(httpServer, () => live.close()));
  // Stopped first: assistant answers in flight finish and reach their customers while sockets are still open.
  shutdown.add("assistant queue", () => assistantQueue.stop(env.SHUTDOWN_TIMEOUT_MS / 2));

  const url = `http://localhost:${env.PORT}`;
  console.log(`\nSwitchboard is running on ${url}  (database: ${database.mode})`);
  if (await isSetupPending(db)) {
    console.log(`No users yet: open ${url}/setup to create the first owner and business (or run \`npm run setup\`).`);
  } else if (await hasDemoData(db)) {
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of demoAccounts) console.log(`  ${account.email.padEnd(22)} ${account.description}`);
  }
  console.log("Stop with Ctrl-C.\n");
} catch (error) {
  // The embedded database's own output says why it did not start (no request was served yet).
  logger.error("startup failed", { error: describeError(error), ...(error instanceof EmbeddedPostgresError ? { output: error.message } : {}) });
  await shutdown.run("startup failure", 1);
}
