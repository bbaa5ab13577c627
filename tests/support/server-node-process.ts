/**
 * One Switchboard server node in its own process, for tests that kill one (`kill -9`) or run several
 * on one database (tests/support/server-node.ts starts it): the real HTTP + Socket.IO stack of
 * server.ts without Next (tests/support/test-server.ts, the same factories) and server.ts's
 * live-reconcile worker and boot steps (migrations, demo seed when SEED_DEMO_DATA), configured by the app's own environment parsing (DATABASE_URL, REDIS_URL,
 * PORT, PRESENCE_GRACE_MS, CUSTOMER_ABANDON_MS, PRESENCE_HEARTBEAT_MS, LIVE_COALESCE_MS…). Writes
 * `{"type":"ready","url","node_id"}` as one JSON line on stdout once listening. With `--standby` it
 * loads its code, writes `{"type":"loaded"}` and boots only when a line `start` arrives on stdin
 * (a restart that does not wait for the compiler). SIGTERM/SIGINT: a clean shutdown (exit 0). It
 * exits when its stdin closes, so it never outlives the test process.
 *
 * Assistant: none by default (starting pg-boss would slow every boot, and most tests want none). With
 * ASSISTANT_WORKERS_IN_PROCESS=false it is server.ts so configured: it enqueues the tasks of chats the
 * assistant holds, and `npm run worker` processes (tests/support/worker-process.ts) answer them.
 */
import { createInterface } from "node:readline";
import { presenceSweepInterval } from "../../lib/chat/presence.server";
import { bootstrapSetup, liveConfig } from "../../lib/config/env.server";
import { applyMigrations } from "../../lib/db/migrate.server";
import { prepareInstallation } from "../../lib/setup/first-boot.server";
import { createPrismaClient } from "../../lib/db/prisma-client.server";
import { describeError } from "../../lib/observability/logger";
import { startIntervalWorker } from "../../lib/server/interval-worker.server";
import { bootProcess } from "../../lib/server/process-boot.server";
import { startTestServer } from "./test-server";

const { env, logger, shutdown } = bootProcess();
const stdin = createInterface({ input: process.stdin });
// The parent holds our stdin: when it goes away, so do we.
stdin.on("close", () => void shutdown.run("stdin closed"));
process.stdin.on("error", () => void shutdown.run("stdin closed"));

if (process.argv.includes("--standby")) {
  process.stdout.write(`${JSON.stringify({ type: "loaded" })}\n`);
  await new Promise<void>((resolve) => stdin.on("line", (line) => line.trim() === "start" && resolve()));
}

try {
  if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: this is started by tests/support/server-node.ts.");
  // As server.ts boots: migrations, then the first-run steps (each safe with several nodes at once).
  await applyMigrations(env.DATABASE_URL);
  const db = createPrismaClient(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  await prepareInstallation(db, { bootstrap: bootstrapSetup(env), seedDemoData: env.SEED_DEMO_DATA }, logger);
  shutdown.add("prisma", () => db.$disconnect());
  const assistant = env.ASSISTANT_WORKERS_IN_PROCESS ? {} : { databaseUrl: env.DATABASE_URL, worker: false };
  const server = await startTestServer(db, liveConfig(env), assistant, { redisUrl: env.REDIS_URL, port: env.PORT });
  shutdown.add("server", () => server.close());
  // As server.ts wires it (runs at boot, then every fraction of the shorter grace period).
  const reconcile = startIntervalWorker("live-reconcile", presenceSweepInterval(env.PRESENCE_GRACE_MS, env.CUSTOMER_ABANDON_MS), () => server.realtime.reconcile(), logger);
  shutdown.add("live-reconcile", () => reconcile.stop());

  process.stdout.write(`${JSON.stringify({ type: "ready", url: server.url, node_id: server.realtime.nodeId })}\n`);
} catch (error) {
  logger.error("server node startup failed", { error: describeError(error) });
  await shutdown.run("startup failure", 1);
}
