/**
 * Child-process entry of the benchmarks: the real HTTP + Socket.IO stack (customer chat API and
 * sockets, without Next) on BENCH_DATABASE_URL, so the benchmark's clients do not share its event
 * loop. BENCH_REDIS_URL (optional) turns on the Socket.IO Redis adapter, as nodes sharing pushes
 * run; BENCH_SERVER_PORT (optional) fixes the port, e.g. for a restart its clients reconnect to.
 * Prints `{"url": …}` as one JSON line on stdout once listening; collects garbage on SIGUSR2
 * (scripts/lib/bench-stack.ts runs it with --expose-gc); stops on SIGTERM/SIGINT.
 */
import { createPrismaClient } from "../../lib/db/prisma-client.server";
import { startTestServer } from "../../tests/support/test-server";
import { collectGarbageOnSignal, SERVER_POOL_SIZE } from "./bench-stack";

/** LIVE_COALESCE_MS's production default (the test default of 0 would recompute widgets on every change). */
const PRODUCTION_COALESCE_MS = 250;

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error("BENCH_DATABASE_URL is not set: this is started by scripts/lib/bench-stack.ts.");

// Pool size as server.ts takes it; rate limits stay the test server's huge ones, as every client is 127.0.0.1.
const db = createPrismaClient(databaseUrl, SERVER_POOL_SIZE);
const server = await startTestServer(db, { coalesceMs: PRODUCTION_COALESCE_MS }, {}, { redisUrl: process.env.BENCH_REDIS_URL || undefined, port: Number(process.env.BENCH_SERVER_PORT) || undefined });

async function stop() {
  // close() awaits the presence writes its disconnects start, so the pool is idle for $disconnect.
  await server.close();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
collectGarbageOnSignal();
process.once("SIGINT", () => void stop());

process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
