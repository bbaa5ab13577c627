import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../../lib/db/migrate.server";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client.server";
import { withThrowawayPostgres } from "./throwaway-postgres";

export interface BenchStack {
  databaseUrl: string;
  /** The benchmark's own client, for setup and checks (the server has its own pool). */
  db: PrismaClient;
  /** Base URL of the server child process (scripts/lib/bench-server.ts). */
  serverUrl: string;
  /** Read from the server's /health/metrics; reading restarts its event-loop delay histogram. */
  serverMetrics(): Promise<ServerMetrics>;
}

export interface ServerMetrics {
  /** Used by the server process so far. */
  cpuSeconds: number;
  /** Event-loop delay since the previous read (10 ms resolution). */
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

export const SERVER_PLACEMENT = "server in a child process (HTTP + Socket.IO stack without Next, prisma pool 10, coalesce 250 ms)";

const BENCH_SERVER_ENTRY = fileURLToPath(new URL("./bench-server.ts", import.meta.url));

/** Starts the server child and resolves its URL once it printed it. */
function startServerProcess(databaseUrl: string): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_SERVER_NODE_ARGS passes extra flags to the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...extraArgs, "--import", "tsx", BENCH_SERVER_ENTRY], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl },
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).once("line", (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
  });
}

/** SIGTERM, and SIGKILL should its graceful close not finish in time: the run must not hang on cleanup. */
function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function readServerMetrics(serverUrl: string): Promise<ServerMetrics> {
  const text = await (await fetch(`${serverUrl}/health/metrics`)).text();
  const value = (name: string) => {
    const match = new RegExp(`^switchboard_${name} (\\S+)$`, "m").exec(text);
    if (!match) throw new Error(`the server's metrics have no switchboard_${name}`);
    return Number(match[1]);
  };
  return {
    cpuSeconds: value("process_cpu_seconds_total"),
    eventLoopDelayP99Ms: value("nodejs_eventloop_lag_p99_seconds") * 1000,
    eventLoopDelayMaxMs: value("nodejs_eventloop_lag_max_seconds") * 1000,
  };
}

/**
 * A throwaway PostgreSQL, migrated, with the server stack running on it in a child process; all
 * of it stopped and removed again when `run` settles.
 */
export async function withBenchStack<T>(run: (stack: BenchStack) => Promise<T>): Promise<T> {
  return withThrowawayPostgres(async (pg) => {
    const databaseUrl = pg.connectionString;
    await applyMigrations(databaseUrl);
    const db = createPrismaClient(databaseUrl, 10);
    try {
      const server = await startServerProcess(databaseUrl);
      try {
        return await run({ databaseUrl, db, serverUrl: server.url, serverMetrics: () => readServerMetrics(server.url) });
      } finally {
        await stopServerProcess(server.child);
      }
    } finally {
      await db.$disconnect();
    }
  });
}
