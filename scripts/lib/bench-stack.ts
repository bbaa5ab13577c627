import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "../../lib/db/migrate.server";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client.server";
import { processTree } from "./load-window";
import { withThrowawayPostgres } from "./throwaway-postgres";

export interface BenchDatabase {
  databaseUrl: string;
  /** The PostgreSQL server's processes now (the postmaster and its backends and helpers). */
  postgresPids: () => number[];
  /** The benchmark's own client, for setup and checks (the server has its own pool); its connections are named BENCH_APPLICATION_NAME. */
  db: PrismaClient;
}

/** application_name of the benchmark's own database connections, so that counting the server's leaves them out. */
export const BENCH_APPLICATION_NAME = "switchboard-bench-driver";

/** The URL with the benchmark's application_name. */
export function benchDriverUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", BENCH_APPLICATION_NAME);
  return url.toString();
}

export interface BenchStack extends BenchDatabase {
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
  residentBytes: number;
  heapUsedBytes: number;
  /** Each switchboard_db_pool_* series the server exports (none before it has them) by name and labels, histogram buckets left out. */
  poolSeries: Record<string, number>;
  /** switchboard_push_write_seconds: cumulative count of staff pushes written within each bucket's bound (seconds; Infinity for +Inf). */
  pushWriteBuckets: [number, number][];
}

/** A server in a child process (the product's or the bare Socket.IO baseline). */
export interface ServerProcess {
  url: string;
  pid: number;
  port: number;
  metrics(): Promise<ServerMetrics>;
  /** Has the server run a full garbage collection (SIGUSR2), so memory readings count live objects only. */
  collectGarbage(): Promise<void>;
  /** SIGTERM, and SIGKILL should its graceful close not finish within `timeoutMs`: the run must not hang on cleanup. */
  stop(timeoutMs?: number): Promise<{ seconds: number; killed: boolean }>;
}

/** The servers' database pool: DATABASE_POOL_SIZE, as server.ts takes it (default 10). */
export const SERVER_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);
export const SERVER_PLACEMENT = `server in a child process (HTTP + Socket.IO stack without Next, database pool ${SERVER_POOL_SIZE}, coalesce 250 ms)`;

const BENCH_SERVER_ENTRY = fileURLToPath(new URL("./bench-server.ts", import.meta.url));

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
    residentBytes: value("process_resident_memory_bytes"),
    heapUsedBytes: value("nodejs_heap_size_used_bytes"),
    poolSeries: Object.fromEntries(
      text
        .split("\n")
        .filter((line) => line.startsWith("switchboard_db_pool_") && !/_bucket[{ ]/.test(line))
        .map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))]),
    ),
    pushWriteBuckets: [...text.matchAll(/^switchboard_push_write_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map(([, bound, count]) => [bound === "+Inf" ? Infinity : Number(bound), Number(count)]),
  };
}

/** How long a garbage collection asked for with SIGUSR2 is given before memory is read. */
const GARBAGE_COLLECTION_MS = 1_000;

/**
 * Starts `entry` (a script printing `{"url": …}` as one JSON line on stdout once listening,
 * collecting garbage on SIGUSR2 and stopping on SIGTERM) in a child node with `nodeArgs`; rejects
 * if it exits before that line.
 */
export function startServerProcess(entry: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--expose-gc", ...nodeArgs, "--import", "tsx", entry], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${entry} exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      const url = (JSON.parse(line) as { url: string }).url;
      resolve({
        url,
        pid: child.pid!,
        port: Number(new URL(url).port),
        metrics: () => readServerMetrics(url),
        async collectGarbage() {
          child.kill("SIGUSR2");
          await new Promise((done) => setTimeout(done, GARBAGE_COLLECTION_MS));
        },
        stop: (timeoutMs) => stopServerProcess(child, timeoutMs),
      });
    });
  });
}

/** For the entries: a full garbage collection on SIGUSR2 (node runs them with --expose-gc). */
export function collectGarbageOnSignal(): void {
  process.on("SIGUSR2", () => globalThis.gc?.());
}

function stopServerProcess(child: ChildProcess, timeoutMs = 10_000): Promise<{ seconds: number; killed: boolean }> {
  const startedAt = performance.now();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ seconds: 0, killed: false });
  return new Promise((resolve) => {
    let killed = false;
    const kill = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve({ seconds: (performance.now() - startedAt) / 1000, killed });
    });
    child.kill("SIGTERM");
  });
}

export interface BenchServerOptions {
  /** The Socket.IO Redis adapter, as nodes sharing pushes use it. */
  redisUrl?: string;
  /** A fixed port (a restart on the address the clients reconnect to); default: a free one. */
  port?: number;
}

/** The product's server stack on `databaseUrl` in a child process (scripts/lib/bench-server.ts). */
export function startBenchServer(databaseUrl: string, options: BenchServerOptions = {}): Promise<ServerProcess> {
  // BENCH_SERVER_NODE_ARGS passes extra flags to the server's node only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const env = { BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: options.redisUrl ?? "", BENCH_SERVER_PORT: options.port ? String(options.port) : "" };
  return startServerProcess(BENCH_SERVER_ENTRY, env, nodeArgs);
}

/** A throwaway PostgreSQL, migrated, with the benchmark's own client; stopped and removed again when `run` settles. */
export async function withBenchDatabase<T>(run: (database: BenchDatabase) => Promise<T>): Promise<T> {
  return withThrowawayPostgres(async (pg) => {
    const databaseUrl = pg.connectionString;
    await applyMigrations(databaseUrl);
    const db = createPrismaClient(benchDriverUrl(databaseUrl), 10);
    try {
      return await run({ databaseUrl, db, postgresPids: () => processTree(pg.pid) });
    } finally {
      await db.$disconnect();
    }
  });
}

/** withBenchDatabase with one server running on it (stopped before the database). */
export async function withBenchStack<T>(run: (stack: BenchStack) => Promise<T>): Promise<T> {
  return withBenchDatabase(async (database) => {
    const server = await startBenchServer(database.databaseUrl);
    try {
      return await run({ ...database, serverUrl: server.url, serverMetrics: server.metrics });
    } finally {
      await server.stop();
    }
  });
}
