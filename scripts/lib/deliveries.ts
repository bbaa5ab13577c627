import { setTimeout as sleep } from "node:timers/promises";
import { epochNow } from "./epoch-clock";
import type { SocketFleet } from "./socket-fleet";
import { formatLatencies, percentile } from "./stats";

/** A push the fleet's sockets must receive, caused by one request of the driver. */
export interface ExpectedPush {
  /** Its receipt key (scripts/lib/fleet-protocol.ts ReceiptRule). */
  key: string;
  /** What it is, for the per-kind lines: e.g. "new chat → queue.updated". */
  kind: string;
  /** epochNow() when the request causing it was sent. */
  sentAt: number;
  /** epochNow() when that request's response arrived. */
  respondedAt: number;
  /** How many sockets must receive it. */
  receivers: number;
}

export interface DeliverySummary {
  pushes: number;
  /** Receipts expected: pushes × their receivers. */
  expected: number;
  received: number;
  missing: number;
  /** A socket receiving one push more than once. */
  duplicates: number;
  /** Receipts beyond a push's receivers: sockets that got a push not meant for them (another business's). */
  unexpected: number;
  /** Receipts that arrived before the request's response reached the driver. */
  beforeResponse: number;
  /** Request sent → receipt, every receipt, ascending (ms). */
  latencies: Float64Array;
  byKind: Map<string, Float64Array>;
}

const sortedLatencies = (values: number[]) => Float64Array.from(values).sort(); // typed arrays sort numerically, and fast for millions

export function summarizeDeliveries(pushes: ExpectedPush[], fleet: Pick<SocketFleet, "receipts" | "duplicates">): DeliverySummary {
  const byKind = new Map<string, number[]>();
  let expected = 0;
  let received = 0;
  let duplicates = 0;
  let unexpected = 0;
  let beforeResponse = 0;
  for (const push of pushes) {
    const times = fleet.receipts.get(push.key) ?? [];
    expected += push.receivers;
    received += Math.min(times.length, push.receivers);
    unexpected += Math.max(0, times.length - push.receivers);
    duplicates += fleet.duplicates.get(push.key) ?? 0;
    const latencies = byKind.get(push.kind) ?? [];
    byKind.set(push.kind, latencies);
    for (const at of times) {
      latencies.push(at - push.sentAt);
      if (at < push.respondedAt) beforeResponse += 1;
    }
  }
  return {
    pushes: pushes.length,
    expected,
    received,
    missing: expected - received,
    duplicates,
    unexpected,
    beforeResponse,
    latencies: sortedLatencies([...byKind.values()].flat()),
    byKind: new Map([...byKind].map(([kind, latencies]) => [kind, sortedLatencies(latencies)])),
  };
}

/** Waits until every expected receipt has been reported or `timeoutMs` passed; pushes still missing then count as lost. */
export async function awaitDeliveries(fleet: SocketFleet, pushes: ExpectedPush[], timeoutMs: number): Promise<void> {
  const expected = pushes.reduce((sum, push) => sum + push.receivers, 0);
  const deadline = epochNow() + timeoutMs;
  for (;;) {
    await fleet.flush();
    const received = pushes.reduce((sum, push) => sum + Math.min(push.receivers, fleet.receipts.get(push.key)?.length ?? 0), 0);
    if (received >= expected || epochNow() > deadline) return;
    await sleep(250);
  }
}

export const p99Of = (summary: DeliverySummary) => (summary.latencies.length ? percentile(summary.latencies, 99) : Infinity);

/** The latency lines (all, then per kind) and the delivery counts of a summary. */
export function describeDeliveries(summary: DeliverySummary, indent = "  "): string[] {
  const kindWidth = Math.max(3, ...[...summary.byKind.keys()].map((kind) => kind.length));
  const line = (label: string, latencies: Float64Array) => `${indent}${label.padEnd(kindWidth)}  ${formatLatencies(latencies, [50, 95, 99])}  (${latencies.length.toLocaleString("en")})`;
  const kinds = summary.byKind.size > 1 ? [...summary.byKind].map(([kind, latencies]) => line(kind, latencies)) : [];
  const problems = summary.missing || summary.duplicates || summary.unexpected;
  return [
    line("all", summary.latencies),
    ...kinds,
    `${indent}receipts expected ${summary.expected.toLocaleString("en")} (${summary.pushes.toLocaleString("en")} pushes), received ${summary.received.toLocaleString("en")}, ` +
      `missing ${summary.missing}, duplicates ${summary.duplicates}, at sockets not meant for them ${summary.unexpected}${problems ? "  ← BUG: every watching socket must get every push once" : ""}`,
  ];
}
