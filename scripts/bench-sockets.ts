/**
 * npm run bench:sockets — 10,000 authenticated, idle staff sockets on /dashboard, each in its
 * business's agent workspace (workspace.open), held by a fleet of child processes
 * (scripts/lib/socket-fleet.ts); the server stack in its own child process on a throwaway
 * PostgreSQL. Measures the connect rate and the server's memory per socket; then a reconnect storm:
 * the server is stopped (SIGTERM) and started again on the same port while every client reconnects
 * with socket.io-client's default backoff (1 s doubling to 5 s, ±50 %) and opens its workspace
 * again, as the app's client does. Reports the time until all are back, the failures, and the
 * peak of the server's database connections (pg_stat_activity, polled every 50 ms).
 *
 * BENCH_SOCKETS (10000), BENCH_STAFF_USERS (2000: each signs in that many times over, as several
 * tabs), BENCH_FLEET_PROCESSES (4), BENCH_FLEET_PRIORITY (nice 10; or "idle"), BENCH_CONNECT_CONCURRENCY (25 per fleet process),
 * BENCH_STORM_TIMEOUT_S (180).
 */
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../lib/server/free-port";
import { SERVER_POOL_SIZE, SERVER_PLACEMENT, startBenchServer, withBenchDatabase, type ServerMetrics, type ServerProcess } from "./lib/bench-stack";
import { describeActivity, watchConnections } from "./lib/connection-watch";
import { epochNow } from "./lib/epoch-clock";
import { startLoadWindow } from "./lib/load-window";
import { startSocketFleet, type GroupStatus } from "./lib/socket-fleet";
import { createBenchBusiness, staffSocketSpecs, workspaceSockets } from "./lib/staff";
import { loadAverage, machineDescription, passOrMiss } from "./lib/stats";

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 10_000);
const STAFF_USERS = Math.min(SOCKETS, Number(process.env.BENCH_STAFF_USERS ?? 2000));
const CONNECT_CONCURRENCY = Number(process.env.BENCH_CONNECT_CONCURRENCY ?? 25);
const STORM_TIMEOUT_S = Number(process.env.BENCH_STORM_TIMEOUT_S ?? 180);
/** Time for the server's memory to settle after the connects, before it is read. */
const SETTLE_MS = 5_000;
/** A server stop that takes longer is cut short with SIGKILL (and reported). */
const STOP_TIMEOUT_MS = 30_000;
const TARGET_RSS_BYTES = 2 ** 30;
/** The server's pool plus its one LISTEN connection (access changes). */
const CONNECTION_BOUND = SERVER_POOL_SIZE + 1;
const GROUP = "idle-staff";

const MiB = 2 ** 20;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
const describeCounts = (counts: Record<string, number>) =>
  Object.keys(counts).length
    ? Object.entries(counts)
        .map(([message, count]) => `${message} × ${count}`)
        .join(", ")
    : "none";

console.log(
  `bench:sockets — ${SOCKETS} /dashboard sockets (websocket) of ${STAFF_USERS} staff users (${(SOCKETS / STAFF_USERS).toFixed(1)} sockets each), ` +
    `each in its workspace; then a reconnect storm (server restart on the same port)`,
);
console.log(`machine: ${machineDescription()}; ${loadAverage()}`);

/**
 * Connections the kernel dropped because a listening socket's accept queue was full (Linux's
 * TcpExt ListenOverflows, machine-wide; undefined elsewhere): a client whose connection is dropped
 * retries only after TCP's own backoff, seconds later.
 */
function listenOverflows(): number | undefined {
  try {
    const [names, values] = readFileSync("/proc/net/netstat", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("TcpExt:"))
      .map((line) => line.split(" "));
    return Number(values[names.indexOf("ListenOverflows")]);
  } catch {
    return undefined;
  }
}

/** The counts that grew from `before` to `after`, by how much. */
function countsSince(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const grown = Object.entries(after).map(([key, count]) => [key, count - (before[key] ?? 0)] as const);
  return Object.fromEntries(grown.filter(([, count]) => count > 0));
}

function describeMemory(label: string, metrics: ServerMetrics) {
  return `${label}, after a full garbage collection: RSS ${mib(metrics.residentBytes)}, heap used ${mib(metrics.heapUsedBytes)}`;
}

const fleet = await startSocketFleet();
console.log(`${SERVER_PLACEMENT}; sockets in ${fleet.placement}, ${CONNECT_CONCURRENCY * fleet.processes} connecting at a time\n`);
try {
  await withBenchDatabase(async ({ databaseUrl, db }) => {
    const port = await freePort();
    let server: ServerProcess = await startBenchServer(databaseUrl, { port });
    const connections = await watchConnections(databaseUrl);
    try {
      const setupStartedAt = epochNow();
      const business = await createBenchBusiness(db, STAFF_USERS);
      console.log(`${STAFF_USERS} staff users with a session token each in ${((epochNow() - setupStartedAt) / 1000).toFixed(1)} s`);
      connections.takePeriod();
      await server.collectGarbage();
      const idle = await server.metrics();
      console.log(describeMemory("server before the sockets", idle));

      const opened = await fleet.open(GROUP, staffSocketSpecs(business, SOCKETS, [server.url]), {
        ...workspaceSockets(business),
        concurrency: CONNECT_CONCURRENCY,
      });
      console.log(
        `${opened.joined} sockets connected and in their workspace in ${opened.seconds.toFixed(1)} s (${(opened.joined / opened.seconds).toFixed(0)}/s); ` +
          `failed: ${opened.failed}${opened.failed ? ` (${describeCounts(opened.failures)})` : ""}`,
      );
      const connecting = connections.takePeriod();
      console.log(`  the server's database connections: at most ${connecting.peak}; on average ${describeActivity(connecting)}`);
      const connected = await server.metrics();
      console.log(`  server CPU per socket (handshake, presence, workspace.open): ${((1000 * (connected.cpuSeconds - idle.cpuSeconds)) / Math.max(1, opened.joined)).toFixed(1)} ms`);
      await sleep(SETTLE_MS);
      await server.collectGarbage();
      const held = await server.metrics();
      const perSocket = (field: "residentBytes" | "heapUsedBytes") => (held[field] - idle[field]) / Math.max(1, opened.joined);
      console.log(describeMemory(`server holding them (${SETTLE_MS / 1000} s later)`, held));
      console.log(`per socket: RSS ${(perSocket("residentBytes") / 1024).toFixed(1)} KiB, heap ${(perSocket("heapUsedBytes") / 1024).toFixed(1)} KiB`);
      console.log(
        `server RSS with ${opened.joined} sockets ${mib(held.residentBytes)} (target < ${mib(TARGET_RSS_BYTES)})  ${passOrMiss(held.residentBytes < TARGET_RSS_BYTES && opened.joined === SOCKETS)}`,
      );

      console.log(`\nreconnect storm: SIGTERM to the server, then a new one on port ${port}…`);
      const before: GroupStatus = await fleet.status(GROUP);
      const overflowsBefore = listenOverflows();
      const stormStartedAt = epochNow();
      const stopped = await server.stop(STOP_TIMEOUT_MS);
      console.log(`  the server stopped in ${stopped.seconds.toFixed(1)} s${stopped.killed ? ` — KILLED after ${STOP_TIMEOUT_MS / 1000} s: its graceful close did not finish` : ""}`);
      const bootStartedAt = epochNow();
      let bootFailure: string | undefined;
      try {
        server = await startBenchServer(databaseUrl, { port });
      } catch (error) {
        bootFailure = String(error);
      }
      const listeningAt = epochNow();
      console.log(bootFailure ? `  BOOT FAILED: ${bootFailure}` : `  the new server listened ${((listeningAt - bootStartedAt) / 1000).toFixed(1)} s after the old one exited`);
      const endLoadWindow = bootFailure ? undefined : await startLoadWindow([server.metrics], fleet.pids);

      // Back: every socket connected and joined since the storm began.
      const back = (status: GroupStatus) => status.joined === status.sockets && status.earliestJoinAt > stormStartedAt;
      let status = await fleet.status(GROUP);
      while (!bootFailure && !back(status) && epochNow() - stormStartedAt < STORM_TIMEOUT_S * 1000) {
        await sleep(200);
        status = await fleet.status(GROUP);
      }
      const storm = connections.takePeriod();
      for (const line of (await endLoadWindow?.()) ?? []) console.log(`  ${line}`);
      const allBack = back(status);
      console.log(
        allBack
          ? `  all ${status.sockets} back in their workspace ${((status.latestJoinAt - stormStartedAt) / 1000).toFixed(1)} s after the SIGTERM, ` +
              `${((status.latestJoinAt - listeningAt) / 1000).toFixed(1)} s after the new server listened`
          : `  NOT ALL BACK after ${STORM_TIMEOUT_S} s: ${status.joined} of ${status.sockets} connected and joined`,
      );
      console.log(`  connect errors while reconnecting: ${describeCounts(countsSince(before.connectErrors, status.connectErrors))} (a stopped server refuses the attempts: "websocket error")`);
      const overflowsAfter = listenOverflows();
      if (overflowsBefore !== undefined && overflowsAfter !== undefined) {
        console.log(`  connections the kernel dropped, the server's accept queue being full (ListenOverflows): ${overflowsAfter - overflowsBefore}`);
      }
      console.log(
        `  workspace.open failures: ${describeCounts(countsSince(before.joinFailures, status.joinFailures))}; sockets that gave up: ${status.gaveUp}; disconnects seen: ${status.disconnects - before.disconnects}`,
      );
      console.log(
        `  the servers' database connections during the storm: at most ${storm.peak} (bound: pool ${SERVER_POOL_SIZE} + 1 LISTEN = ${CONNECTION_BOUND}); on average ${describeActivity(storm)}`,
      );
      if (!bootFailure) {
        await sleep(SETTLE_MS);
        await server.collectGarbage();
        console.log(`  ${describeMemory("new server holding them", await server.metrics())}`);
      }

      // A socket's disconnect clears its joined state: the joined ones are exactly those back.
      const reconnectFailures = status.sockets - status.joined;
      console.log(
        `\nstorm: all back ${passOrMiss(allBack)}; failed boot ${bootFailure ? 1 : 0} ${passOrMiss(!bootFailure)}; reconnect failures ${reconnectFailures} ${passOrMiss(reconnectFailures === 0)}; ` +
          `peak database connections ${storm.peak} ≤ ${CONNECTION_BOUND} ${passOrMiss(storm.peak <= CONNECTION_BOUND)}`,
      );
      await fleet.close(GROUP);
    } finally {
      await connections.stop();
      await server.stop(STOP_TIMEOUT_MS);
    }
  });
  console.log(`${loadAverage()} at the end`);
} finally {
  await fleet.stop();
}
