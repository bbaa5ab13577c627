/**
 * Child-process entry of a socket fleet (scripts/lib/socket-fleet.ts): holds its share of a
 * benchmark's Socket.IO clients, so that parsing their pushes is spread over processes instead of
 * stalling the driver's event loop and clock. Takes commands over IPC; stamps every receipt on the
 * epoch clock as the event arrives and sends the stamps to the driver in batches.
 */
import { io, type Socket } from "socket.io-client";
import { epochNow } from "./epoch-clock";
import type { FleetReply, FleetRequest, FleetSocketSpec, GroupStatus, OpenOptions, OpenOutcome, ProfiledEvent, ReceiptRule } from "./fleet-protocol";

/** How often receipts go to the driver: often enough for its drain checks, rarely enough to stay cheap. */
const RECEIPT_BATCH_MS = 250;

interface FleetSocket {
  socket: Socket;
  /** Receipt keys this socket got: a second receipt of one is a duplicate push. */
  seen: Set<string>;
  joined: boolean;
  /** When the latest join succeeded (NaN: never). */
  joinedAt: number;
  disconnects: number;
  gaveUp: boolean;
  eventCounts: Map<string, number>;
}

interface Group {
  sockets: FleetSocket[];
  rulesByEvent: Map<string, ReceiptRule[]>;
  /** The group's first socket: the one whose traffic is profiled. */
  sampled?: FleetSocket;
  profile: ProfiledEvent[];
  connectErrors: Map<string, number>;
  joinFailures: Map<string, number>;
}

const groups = new Map<string, Group>();
let pendingReceipts = new Map<string, number[]>();
let pendingDuplicates = new Map<string, number>();

const increment = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

function send(message: FleetReply) {
  process.send!(message);
}

function flushReceipts() {
  if (pendingReceipts.size === 0 && pendingDuplicates.size === 0) return;
  send({ type: "receipts", receipts: [...pendingReceipts], duplicates: [...pendingDuplicates] });
  pendingReceipts = new Map();
  pendingDuplicates = new Map();
}
setInterval(flushReceipts, RECEIPT_BATCH_MS).unref();

function receiptKey(rule: ReceiptRule, payload: unknown): string | undefined {
  const fields = payload as Record<string, unknown> | null;
  if (rule.where && Object.entries(rule.where).some(([field, value]) => fields?.[field] !== value)) return undefined;
  let value: unknown = payload;
  for (const field of rule.keyPath) value = (value as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === "string" || typeof value === "number" ? `${rule.label}:${value}` : undefined;
}

function receive(group: Group, member: FleetSocket, event: string, payload: unknown) {
  const at = epochNow(); // first, before any of the bookkeeping below
  increment(member.eventCounts, event);
  if (member === group.sampled) group.profile.push({ event, payload, jsonBytes: JSON.stringify(payload ?? null).length, at });
  for (const rule of group.rulesByEvent.get(event) ?? []) {
    const key = receiptKey(rule, payload);
    if (key === undefined) continue;
    if (member.seen.has(key)) {
      increment(pendingDuplicates, key);
      continue;
    }
    member.seen.add(key);
    const times = pendingReceipts.get(key);
    if (times) times.push(at);
    else pendingReceipts.set(key, [at]);
  }
}

/** Opens one socket; resolves with undefined once it first joined, or with why it failed. */
function openSocket(group: Group, spec: FleetSocketSpec, options: OpenOptions): Promise<string | undefined> {
  const socket = io(`${spec.url}${options.namespace}`, { transports: ["websocket"], forceNew: true, reconnection: options.reconnection, auth: spec.auth });
  const member: FleetSocket = { socket, seen: new Set(), joined: false, joinedAt: NaN, disconnects: 0, gaveUp: false, eventCounts: new Map() };
  group.sockets.push(member);
  group.sampled ??= member;
  socket.onAny((event: string, payload: unknown) => receive(group, member, event, payload));

  return new Promise((resolve) => {
    let settled = false;
    const settle = (failure?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(failure);
    };
    const giveUp = (failure: string) => {
      member.gaveUp = true;
      socket.close();
      settle(failure);
    };
    const timer = setTimeout(() => giveUp(`not joined within ${options.timeoutMs / 1000} s`), options.timeoutMs);
    // Counts connects, so that the ack of a join sent before a reconnect is not taken for the current one.
    let connects = 0;
    const joined = () => {
      member.joined = true;
      member.joinedAt = epochNow();
      settle();
    };
    socket.on("connect", () => {
      connects += 1;
      if (!options.join) return joined();
      const current = connects;
      socket
        .timeout(options.timeoutMs)
        .emitWithAck(options.join.event, options.join.payload)
        .then(
          (ack: { success?: boolean; error?: { code?: string } } | undefined) => {
            if (current !== connects) return;
            if (ack?.success === false) increment(group.joinFailures, `refused: ${ack.error?.code ?? "unknown"}`);
            else joined();
          },
          (error: Error) => current === connects && increment(group.joinFailures, error.message),
        );
    });
    socket.on("disconnect", () => {
      member.joined = false;
      member.disconnects += 1;
    });
    socket.on("connect_error", (error) => {
      increment(group.connectErrors, error.message);
      // A handshake the server refused (middleware error): socket.io-client does not retry those, nor does the app.
      if (!socket.active) giveUp(`refused: ${error.message}`);
    });
  });
}

async function open(name: string, specs: FleetSocketSpec[], options: OpenOptions): Promise<OpenOutcome> {
  const rulesByEvent = new Map<string, ReceiptRule[]>();
  for (const rule of options.rules) rulesByEvent.set(rule.event, [...(rulesByEvent.get(rule.event) ?? []), rule]);
  if (groups.has(name)) throw new Error(`socket group ${name} is open already`);
  const group: Group = { sockets: [], rulesByEvent, profile: [], connectErrors: new Map(), joinFailures: new Map() };
  groups.set(name, group);
  const outcome: OpenOutcome = { joined: 0, failed: 0, failures: {} };
  let next = 0;
  // `concurrency` sockets in flight at a time: a steady connect rate instead of a thundering herd.
  const worker = async () => {
    while (next < specs.length) {
      const failure = await openSocket(group, specs[next++], options);
      if (failure === undefined) outcome.joined += 1;
      else {
        outcome.failed += 1;
        outcome.failures[failure] = (outcome.failures[failure] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, specs.length) }, worker));
  return outcome;
}

function status(group: Group): GroupStatus {
  const joinTimes = group.sockets.map((member) => member.joinedAt).filter((at) => !Number.isNaN(at));
  const eventsPerSocket: GroupStatus["eventsPerSocket"] = {};
  const eventNames = new Set(group.sockets.flatMap((member) => [...member.eventCounts.keys()]));
  for (const event of eventNames) {
    const counts = group.sockets.map((member) => member.eventCounts.get(event) ?? 0);
    eventsPerSocket[event] = { min: Math.min(...counts), max: Math.max(...counts) };
  }
  return {
    sockets: group.sockets.length,
    connected: group.sockets.filter((member) => member.socket.connected).length,
    joined: group.sockets.filter((member) => member.joined && member.socket.connected).length,
    earliestJoinAt: joinTimes.length ? Math.min(...joinTimes) : NaN,
    latestJoinAt: joinTimes.length ? Math.max(...joinTimes) : NaN,
    disconnects: group.sockets.reduce((sum, member) => sum + member.disconnects, 0),
    connectErrors: Object.fromEntries(group.connectErrors),
    joinFailures: Object.fromEntries(group.joinFailures),
    gaveUp: group.sockets.filter((member) => member.gaveUp).length,
    eventsPerSocket,
  };
}

async function handle(request: FleetRequest): Promise<unknown> {
  const groupNamed = (name: string) => {
    const group = groups.get(name);
    if (!group) throw new Error(`no socket group ${name} in this fleet process`);
    return group;
  };
  switch (request.type) {
    case "open":
      return open(request.group, request.sockets, request.options);
    case "status":
      return status(groupNamed(request.group));
    case "profile":
      return groupNamed(request.group).profile;
    case "flush":
      return flushReceipts();
    case "clock":
      return epochNow();
    case "close":
      for (const member of groups.get(request.group)?.sockets ?? []) member.socket.close();
      groups.delete(request.group);
      return undefined;
  }
}

process.on("message", (request: FleetRequest) => {
  handle(request).then(
    (result) => send({ type: "reply", id: request.id, result }),
    (error: unknown) => send({ type: "reply", id: request.id, error: String(error) }),
  );
});
// The driver went away: nothing left to report to.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
