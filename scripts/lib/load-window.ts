import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ServerMetrics } from "./bench-stack";

/** Linux's clock ticks per second (USER_HZ), the unit of /proc's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds the machine's CPUs were busy so far: all but idle and iowait, from /proc/stat's
 * "cpu" line. (os.cpus() leaves out softirq, where the kernel runs loopback TCP for every socket:
 * a few percent of the machine under a burst, which the "rest" then missed.)
 */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks; // idle and iowait left out
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_SECOND;
}

/**
 * The fields of /proc/<pid>/stat after the command's closing parenthesis (the command may hold
 * spaces): the parent's pid is the 2nd of them, utime and stime the 12th and 13th. Undefined for a
 * process that is gone.
 */
function statFields(pid: number | string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  } catch {
    return undefined; // exited
  }
}

/** CPU seconds the processes used so far (user + system, from /proc; 0 for one that is gone). */
function processesCpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/**
 * Seconds each process's main thread has spent runnable but not running, waiting for a core (the
 * second field of /proc/<pid>/schedstat), by pid; a process that is gone is left out. A request that
 * crosses several processes (driver → server → PostgreSQL → server → a socket's reader) pays this
 * at every hop.
 */
function runQueueSeconds(pids: number[]): Map<number, number> {
  const waited = new Map<number, number>();
  for (const pid of pids) {
    try {
      waited.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e9);
    } catch {
      // exited
    }
  }
  return waited;
}

/** Waiting for a core between two readings: processes started since count from 0; ones gone since are missed. */
function waitedBetween(before: Map<number, number>, after: Map<number, number>): number {
  let seconds = 0;
  for (const [pid, waited] of after) seconds += waited - (before.get(pid) ?? 0);
  return seconds;
}

/** `root` and every process under it (children, their children…), from /proc; [] without a root. */
export function processTree(root: number | undefined): number[] {
  if (root === undefined) return [];
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const fields = /^\d+$/.test(entry) ? statFields(entry) : undefined;
    if (fields) parentOf.set(Number(entry), Number(fields[1]));
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) for (const [pid, parent] of parentOf) if (parent === tree[index]) tree.push(pid);
  return tree;
}

/** Processes whose wait for a core a load window reports; `pids` is read at the window's start and end. */
export interface WaitingGroup {
  label: string;
  pids: () => number[];
}

/** Counters and histogram sums over the window; gauges as they are at its end. */
function describePool(serverName: string, before: ServerMetrics["poolSeries"], after: ServerMetrics["poolSeries"]): string[] {
  const series = Object.entries(after);
  if (series.length === 0) return [];
  const cumulative = (name: string) => /_(total|sum|count)($|\{)/.test(name);
  const figures = series.map(([name, value]) => (cumulative(name) ? `${name} +${+(value - (before[name] ?? 0)).toFixed(3)}` : `${name} ${value}`));
  return [`${serverName}'s database pool (counters over the window, gauges at its end): ${figures.join(", ")}`];
}

/**
 * The server's own share of request → push: from a push being made to its last socket there being
 * written (switchboard_push_write_seconds over the window). What the sockets' receipts add on top
 * is the kernel and the clients reading; a histogram gives bounds, not exact figures.
 */
function describePushWrites(serverName: string, before: ServerMetrics["pushWriteBuckets"], after: ServerMetrics["pushWriteBuckets"]): string[] {
  const buckets = after.map(([bound, count], index) => [bound, count - (before[index]?.[1] ?? 0)] as const);
  const total = buckets.at(-1)?.[1] ?? 0;
  if (total === 0) return [];
  const bound = (share: number) => {
    const seconds = buckets.find(([, count]) => count >= share * total)![0];
    return seconds === Infinity ? `over ${buckets.at(-2)![0] * 1000} ms` : `≤ ${seconds * 1000} ms`;
  };
  return [`${serverName}'s push writes (made → last socket written): ${total} pushes, p50 ${bound(0.5)}, p99 ${bound(0.99)}, all ${bound(1)}`];
}

/**
 * Starts measuring where CPU time goes and how long the servers' and the driver's event loops
 * stalled; the returned function ends the window and describes it. CPU is in cores (1.0 = one core
 * fully busy): all of it runs on one machine, so this shows whether the servers, the driver, the
 * socket fleet's processes (`fleetPids`) or the rest (PostgreSQL, the kernel's softirq work, and
 * whatever else runs on the machine) ran short.
 */
export async function startLoadWindow(servers: (() => Promise<ServerMetrics>)[], fleetPids: number[] = [], waiting: WaitingGroup[] = []): Promise<() => Promise<string[]>> {
  const startedAt = performance.now();
  const waitedBefore = waiting.map((group) => runQueueSeconds(group.pids()));
  const serversBefore = await Promise.all(servers.map((metrics) => metrics()));
  const driver = process.cpuUsage();
  const fleet = processesCpuSeconds(fleetPids);
  const machine = machineBusySeconds();
  // Same 10 ms resolution as the server's prom-client histogram.
  const driverDelay = monitorEventLoopDelay({ resolution: 10 });
  driverDelay.enable();
  return async () => {
    driverDelay.disable();
    const seconds = (performance.now() - startedAt) / 1000;
    const serversAfter = await Promise.all(servers.map((metrics) => metrics()));
    const serverCores = serversAfter.reduce((sum, after, index) => sum + after.cpuSeconds - serversBefore[index].cpuSeconds, 0) / seconds;
    const driverUsage = process.cpuUsage(driver);
    const driverCores = (driverUsage.user + driverUsage.system) / 1e6 / seconds;
    const fleetCores = (processesCpuSeconds(fleetPids) - fleet) / seconds;
    const machineCores = (machineBusySeconds() - machine) / seconds;
    const rest = Math.max(0, machineCores - serverCores - driverCores - fleetCores);
    const fleetShare = fleetPids.length ? `, socket fleet ${fleetCores.toFixed(2)}` : "";
    const serverName = (index: number) => (servers.length > 1 ? `server ${index + 1}` : "server");
    const waits = waiting.map((group, index) => `${group.label} ${((waitedBetween(waitedBefore[index], runQueueSeconds(group.pids())) / seconds) * 1000).toFixed(0)} ms/s`);
    const serverDelays = serversAfter.map((after, index) => `${serverName(index)} p99 ${after.eventLoopDelayP99Ms.toFixed(0)} ms, max ${after.eventLoopDelayMaxMs.toFixed(0)} ms`);
    return [
      `CPU in cores (of ${os.cpus().length}): ${servers.length > 1 ? `${servers.length} servers` : "server"} ${serverCores.toFixed(2)}, driver ${driverCores.toFixed(2)}${fleetShare}, ` +
        `rest (PostgreSQL, the kernel's network work, other processes) ${rest.toFixed(2)}, machine ${machineCores.toFixed(2)}`,
      `event-loop delay: ${serverDelays.join("; ")}; driver p99 ${(driverDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(driverDelay.max / 1e6).toFixed(0)} ms`,
      ...(waits.length ? [`waiting for a core (main threads runnable but not running, per second of the window): ${waits.join(", ")}`] : []),
      ...serversAfter.flatMap((after, index) => describePool(serverName(index), serversBefore[index].poolSeries, after.poolSeries)),
      ...serversAfter.flatMap((after, index) => describePushWrites(serverName(index), serversBefore[index].pushWriteBuckets, after.pushWriteBuckets)),
    ];
  };
}
