import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { DASHBOARD_NAMESPACE } from "../../lib/contract/dashboard";
import type { BarePush } from "./bare-socketio-server";
import { startServerProcess } from "./bench-stack";
import { awaitDeliveries, summarizeDeliveries, type DeliverySummary, type ExpectedPush } from "./deliveries";
import { epochNow } from "./epoch-clock";
import type { ProfiledEvent, ReceiptRule } from "./fleet-protocol";
import { startLoadWindow } from "./load-window";
import type { SocketFleet } from "./socket-fleet";
import { createTimedHttpClient } from "./timed-http";

const BARE_SERVER_ENTRY = fileURLToPath(new URL("./bare-socketio-server.ts", import.meta.url));
const ROOM = "watchers";
const GROUP = "bare-baseline";

export interface BareBaselineResult {
  deliveries: DeliverySummary;
  /** Push requests the bare server did not answer with 204. */
  failures: string[];
  connectSeconds: number;
  load: string[];
}

/**
 * The same traffic without the product: a bare Socket.IO server in a child process, `sockets`
 * clients of the fleet in one room, and the driver replaying `profile` (the events one product
 * socket received, in order, with their payloads) evenly at `pushesPerSecond`, one HTTP request per
 * push. Latency is request sent → push at every socket, as for the product. The payloads are the
 * product's own, not padding of the same length: the clients' parsing is part of what a push costs
 * on a machine that also runs them, and a padded string parses about four times faster.
 */
export async function runBareBaseline(options: { fleet: SocketFleet; sockets: number; profile: ProfiledEvent[]; pushesPerSecond: number; drainTimeoutMs: number }): Promise<BareBaselineResult> {
  const { fleet, profile } = options;
  // BENCH_BARE_NODE_ARGS: extra flags for the bare server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof-bare".
  const server = await startServerProcess(BARE_SERVER_ENTRY, {}, (process.env.BENCH_BARE_NODE_ARGS ?? "").split(" ").filter(Boolean));
  const client = createTimedHttpClient(server.url, 100);
  try {
    const rules: ReceiptRule[] = [...new Set(profile.map((pushed) => pushed.event))].map((event) => ({ event, label: "bare", keyPath: ["id"] }));
    const opened = await fleet.open(
      GROUP,
      Array.from({ length: options.sockets }, () => ({ url: server.url })),
      { namespace: DASHBOARD_NAMESPACE, join: { event: "join", payload: ROOM }, rules },
    );
    if (opened.failed) throw new Error(`bare baseline: ${opened.failed} sockets failed to connect: ${JSON.stringify(opened.failures)}`);

    const endLoadWindow = await startLoadWindow([server.metrics], fleet.pids);
    const intervalMs = 1000 / options.pushesPerSecond;
    const startedAt = epochNow();
    const pushes: ExpectedPush[] = [];
    const failures: string[] = [];
    const requests: Promise<void>[] = [];
    for (const [index, { event, payload }] of profile.entries()) {
      await sleep(Math.max(0, startedAt + index * intervalMs - epochNow()));
      const push: BarePush = { room: ROOM, event, id: String(index), payload: payload as object };
      requests.push(
        client.request("POST", "/push", 204, push).then(
          (timing) => void pushes.push({ key: `bare:${index}`, kind: `replayed ${event}`, sentAt: timing.sentAt, respondedAt: timing.receivedAt, receivers: options.sockets }),
          (error: unknown) => void failures.push(String(error)),
        ),
      );
    }
    await Promise.all(requests);
    await awaitDeliveries(fleet, pushes, options.drainTimeoutMs);
    const load = await endLoadWindow();
    await fleet.close(GROUP);
    return { deliveries: summarizeDeliveries(pushes, fleet), failures, connectSeconds: opened.seconds, load };
  } finally {
    client.close();
    await server.stop();
  }
}
