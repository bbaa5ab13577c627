/**
 * The messages between a benchmark's driver (scripts/lib/socket-fleet.ts) and its socket fleet
 * processes (scripts/lib/socket-fleet-process.ts), over the child-process IPC channel. Times are
 * epoch milliseconds (scripts/lib/epoch-clock.ts), so they compare across the processes.
 */

/** One socket to open: where, and its handshake's `auth`. */
export interface FleetSocketSpec {
  url: string;
  auth?: Record<string, unknown>;
}

/**
 * Which received events count as receipts, and of what: `${label}:${payload at keyPath}` for a
 * payload of `event` whose fields match `where`. Declarative, as functions cannot cross the channel.
 */
export interface ReceiptRule {
  event: string;
  label: string;
  keyPath: string[];
  where?: Record<string, string | number | boolean>;
}

export interface OpenOptions {
  namespace: string;
  /** Emitted with an ack on every connect, reconnects included, as the app's clients re-subscribe. */
  join?: { event: string; payload: unknown };
  /** socket.io-client's reconnection with its default backoff (1 s doubling to 5 s, ±50 %), or none. */
  reconnection: boolean;
  rules: ReceiptRule[];
  /** Sockets of one process connecting (and joining) at once. */
  concurrency: number;
  /** A socket not joined by then counts as failed. */
  timeoutMs: number;
}

export type FleetCommand =
  | { type: "open"; group: string; sockets: FleetSocketSpec[]; options: OpenOptions }
  | { type: "status"; group: string }
  /** The events one socket of the group received (its first), for replaying the same traffic elsewhere. */
  | { type: "profile"; group: string }
  /** Sends the receipts held back so far, before the reply. */
  | { type: "flush" }
  | { type: "clock" }
  | { type: "close"; group: string };

/** One event as the group's sampled socket received it; `jsonBytes` is its payload's JSON length. */
export interface ProfiledEvent {
  event: string;
  payload: unknown;
  jsonBytes: number;
  at: number;
}

export interface OpenOutcome {
  joined: number;
  failed: number;
  /** Failure messages and how many sockets failed with each. */
  failures: Record<string, number>;
}

export interface GroupStatus {
  sockets: number;
  connected: number;
  /** Connected and joined since their latest connect (receiving the room's pushes). */
  joined: number;
  /** Sockets whose latest join happened; the earliest and latest of those times (NaN when none). */
  earliestJoinAt: number;
  latestJoinAt: number;
  disconnects: number;
  /** connect_error messages with their counts (a reconnect attempt to a stopped server counts too). */
  connectErrors: Record<string, number>;
  /** Join acks that failed or timed out, by message. */
  joinFailures: Record<string, number>;
  /** Sockets that stopped trying: a refused handshake (the client does not retry those) or no join in time. */
  gaveUp: number;
  /** Per event name, the fewest and most any socket of the group received: equal when all got the same. */
  eventsPerSocket: Record<string, { min: number; max: number }>;
}

export type FleetReply =
  /** Sent once, when the process listens for commands. */
  | { type: "ready" }
  | { type: "reply"; id: number; result?: unknown; error?: string }
  /** Receipts since the previous batch: key → epoch times, one per socket (a socket's repeats are counted in duplicates instead). */
  | { type: "receipts"; receipts: [string, number[]][]; duplicates: [string, number][] };

export type FleetRequest = FleetCommand & { id: number };
