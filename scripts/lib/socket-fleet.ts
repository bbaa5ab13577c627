import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { epochNow } from "./epoch-clock";
import type { FleetCommand, FleetReply, FleetSocketSpec, GroupStatus, OpenOptions, OpenOutcome, ProfiledEvent } from "./fleet-protocol";

export type { FleetSocketSpec, GroupStatus, ProfiledEvent, ReceiptRule } from "./fleet-protocol";

const FLEET_PROCESS_ENTRY = fileURLToPath(new URL("./socket-fleet-process.ts", import.meta.url));

/**
 * A benchmark's Socket.IO clients, spread over child processes: the driver tells them what to
 * open, they stamp what their sockets receive on the epoch clock and report it back in batches.
 * Sockets are opened in named groups (e.g. the watchers of one business), socket i of a group in
 * process i mod `processes`.
 */
export interface SocketFleet {
  processes: number;
  /** "4 fleet processes (nice 10)". */
  placement: string;
  pids: number[];
  /** Opens the group's sockets; resolves once each joined or failed. */
  open(group: string, sockets: FleetSocketSpec[], options: Pick<OpenOptions, "namespace"> & Partial<OpenOptions>): Promise<OpenOutcome & { seconds: number }>;
  status(group: string): Promise<GroupStatus>;
  /** What one socket of the group received so far (the first socket of the first process). */
  profile(group: string): Promise<ProfiledEvent[]>;
  /** Receipt key → epoch time of each socket's first receipt of it, as reported so far. */
  receipts: ReadonlyMap<string, number[]>;
  /** Receipt key → receipts beyond the first at the same socket. */
  duplicates: ReadonlyMap<string, number>;
  /** Has every process send what it holds; the receipts are in `receipts` when this resolves. */
  flush(): Promise<void>;
  /** The largest difference between a fleet process's epoch clock and this process's, and the round trip it was measured in. */
  clockOffset(): Promise<{ offsetMs: number; roundTripMs: number }>;
  close(group: string): Promise<void>;
  stop(): Promise<void>;
}

// Reconnecting as the app's clients do: a server refusing a connection while busy is retried.
const DEFAULT_OPEN_OPTIONS: Omit<OpenOptions, "namespace"> = { reconnection: true, rules: [], concurrency: 25, timeoutMs: 60_000 };

interface FleetProcess {
  child: ChildProcess;
  request<T>(command: FleetCommand): Promise<T>;
}

/**
 * How the fleet's processes are scheduled against the servers and PostgreSQL on a shared machine:
 * "idle" (SCHED_IDLE) runs them only on CPU time nothing else wants, and a server or database
 * process that wakes takes the CPU from them at once; a number is a nice value (0: an ordinary
 * process, as the quiet business's browser is).
 */
export type FleetPriority = "idle" | number;

/** The launcher that starts a fleet process at its priority (util-linux's chrt, coreutils' nice): every thread of it inherits the policy. */
const launcher = (priority: FleetPriority) => (priority === "idle" ? ["chrt", "--idle", "0"] : ["nice", "-n", String(priority)]);

const describePriority = (priority: FleetPriority) => (priority === "idle" ? "SCHED_IDLE" : `nice ${priority}`);

function parsePriority(value: string): FleetPriority {
  if (value === "idle") return value;
  const nice = Number(value);
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new Error(`BENCH_FLEET_PRIORITY is "idle" or a nice value 0–19, not "${value}"`);
  return nice;
}

function startFleetProcess(priority: FleetPriority, onReceipts: (message: Extract<FleetReply, { type: "receipts" }>) => void): Promise<FleetProcess> {
  const [command, ...commandArgs] = launcher(priority);
  // Structured-clone serialization: the receipt batches are large arrays of numbers. The launcher
  // execs node in place, so the IPC channel fork sets up reaches the fleet process unchanged.
  const child = fork(FLEET_PROCESS_ENTRY, [], {
    execPath: command,
    // BENCH_FLEET_NODE_ARGS: extra flags for the fleet processes' node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof-fleet".
    execArgv: [...commandArgs, process.execPath, ...(process.env.BENCH_FLEET_NODE_ARGS ?? "").split(" ").filter(Boolean), "--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const error = new Error(`socket fleet process exited with ${code}`);
      for (const { reject: fail } of pending.values()) fail(error);
      reject(error);
    });
    child.on("message", (message: FleetReply) => {
      if (message.type === "receipts") return onReceipts(message);
      if (message.type === "ready") return resolve(fleetProcess);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
    const fleetProcess: FleetProcess = {
      child,
      request: <T>(command: FleetCommand) =>
        new Promise<T>((resolveRequest, rejectRequest) => {
          const id = nextId++;
          pending.set(id, { resolve: (result) => resolveRequest(result as T), reject: rejectRequest });
          child.send({ ...command, id });
        }),
    };
  });
}

const addCounts = (into: Record<string, number>, counts: Record<string, number>) => {
  for (const [key, count] of Object.entries(counts)) into[key] = (into[key] ?? 0) + count;
  return into;
};

function mergeStatuses(statuses: GroupStatus[]): GroupStatus {
  const eventsPerSocket: GroupStatus["eventsPerSocket"] = {};
  for (const status of statuses) {
    for (const [event, { min, max }] of Object.entries(status.eventsPerSocket)) {
      const merged = eventsPerSocket[event];
      eventsPerSocket[event] = merged ? { min: Math.min(merged.min, min), max: Math.max(merged.max, max) } : { min, max };
    }
  }
  // A process holding sockets that never got some event reports no entry for it: zero, then.
  for (const status of statuses) for (const event of Object.keys(eventsPerSocket)) if (!status.eventsPerSocket[event]) eventsPerSocket[event].min = 0;
  const sum = (field: "sockets" | "connected" | "joined" | "disconnects" | "gaveUp") => statuses.reduce((total, status) => total + status[field], 0);
  const joinTimes = (field: "earliestJoinAt" | "latestJoinAt") => statuses.map((status) => status[field]).filter((at) => !Number.isNaN(at));
  return {
    sockets: sum("sockets"),
    connected: sum("connected"),
    joined: sum("joined"),
    earliestJoinAt: joinTimes("earliestJoinAt").length ? Math.min(...joinTimes("earliestJoinAt")) : NaN,
    latestJoinAt: joinTimes("latestJoinAt").length ? Math.max(...joinTimes("latestJoinAt")) : NaN,
    disconnects: sum("disconnects"),
    connectErrors: statuses.reduce((into, status) => addCounts(into, status.connectErrors), {}),
    joinFailures: statuses.reduce((into, status) => addCounts(into, status.joinFailures), {}),
    gaveUp: sum("gaveUp"),
    eventsPerSocket,
  };
}

/**
 * `processes` fleet processes (BENCH_FLEET_PROCESSES, 4) at `priority` (BENCH_FLEET_PRIORITY, nice
 * 10): on a machine they share, the clients' own CPU use, which in production is on the users'
 * devices, then slows the clients' stamps rather than the servers and the database. Every thread of
 * a fleet process runs at that priority (renicing the process after its start reached only its main
 * thread: Linux keeps a nice value per thread). "idle" (SCHED_IDLE) is for comparing: the
 * 2026-12-01 runs in docs/benchmarks.md.
 */
export async function startSocketFleet({
  processes: processCount = Number(process.env.BENCH_FLEET_PROCESSES ?? 4),
  priority = parsePriority(process.env.BENCH_FLEET_PRIORITY ?? "10"),
}: { processes?: number; priority?: FleetPriority } = {}): Promise<SocketFleet> {
  const receipts = new Map<string, number[]>();
  const duplicates = new Map<string, number>();
  const onReceipts = (message: Extract<FleetReply, { type: "receipts" }>) => {
    for (const [key, times] of message.receipts) {
      const known = receipts.get(key);
      if (known) known.push(...times);
      else receipts.set(key, times);
    }
    for (const [key, count] of message.duplicates) duplicates.set(key, (duplicates.get(key) ?? 0) + count);
  };
  const processes = await Promise.all(Array.from({ length: processCount }, () => startFleetProcess(priority, onReceipts)));
  // The processes holding at least one socket of each group.
  const members = new Map<string, FleetProcess[]>();
  const groupProcesses = (group: string) => {
    const holding = members.get(group);
    if (!holding) throw new Error(`no socket group ${group} in the fleet`);
    return holding;
  };

  return {
    processes: processCount,
    placement: `${processCount} fleet processes (${describePriority(priority)})`,
    pids: processes.map(({ child }) => child.pid!),
    receipts,
    duplicates,
    async open(group, sockets, options) {
      const shares = processes
        .map((fleetProcess, index) => ({ fleetProcess, sockets: sockets.filter((_, socketIndex) => socketIndex % processCount === index) }))
        .filter((share) => share.sockets.length > 0);
      members.set(
        group,
        shares.map((share) => share.fleetProcess),
      );
      const startedAt = epochNow();
      const outcomes = await Promise.all(
        shares.map((share) => share.fleetProcess.request<OpenOutcome>({ type: "open", group, sockets: share.sockets, options: { ...DEFAULT_OPEN_OPTIONS, ...options } })),
      );
      return {
        joined: outcomes.reduce((sum, outcome) => sum + outcome.joined, 0),
        failed: outcomes.reduce((sum, outcome) => sum + outcome.failed, 0),
        failures: outcomes.reduce((into, outcome) => addCounts(into, outcome.failures), {}),
        seconds: (epochNow() - startedAt) / 1000,
      };
    },
    async status(group) {
      return mergeStatuses(await Promise.all(groupProcesses(group).map((fleetProcess) => fleetProcess.request<GroupStatus>({ type: "status", group }))));
    },
    profile: (group) => groupProcesses(group)[0].request<ProfiledEvent[]>({ type: "profile", group }),
    async flush() {
      await Promise.all(processes.map((fleetProcess) => fleetProcess.request({ type: "flush" })));
    },
    async clockOffset() {
      let worst = { offsetMs: 0, roundTripMs: 0 };
      for (const fleetProcess of processes) {
        // The reading with the shortest round trip bounds the offset most tightly.
        let best = { offsetMs: 0, roundTripMs: Infinity };
        for (let attempt = 0; attempt < 5; attempt++) {
          const sentAt = epochNow();
          const theirs = await fleetProcess.request<number>({ type: "clock" });
          const roundTripMs = epochNow() - sentAt;
          if (roundTripMs < best.roundTripMs) best = { offsetMs: theirs - (sentAt + roundTripMs / 2), roundTripMs };
        }
        if (Math.abs(best.offsetMs) >= Math.abs(worst.offsetMs)) worst = best;
      }
      return worst;
    },
    async close(group) {
      await Promise.all(groupProcesses(group).map((fleetProcess) => fleetProcess.request({ type: "close", group })));
      members.delete(group);
    },
    async stop() {
      await Promise.all(
        processes.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.disconnect();
            }),
        ),
      );
    },
  };
}
