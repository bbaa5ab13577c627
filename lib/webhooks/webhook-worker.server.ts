import type { WebhookConfig } from "../config/env.server";
import { listenOnChannel } from "../db/listen-channel.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import type { Metrics } from "../observability/metrics.server";
import type { IntervalWorker } from "../server/interval-worker.server";
import { attemptClaimedDelivery, claimDueDelivery, nextDueAt, WEBHOOK_CHANNEL, type ClaimedDelivery } from "./delivery-queue.server";

/** The safety net behind LISTEN and the timer of the next due retry: a missed wake-up is at most this late. */
const POLL_MS = 5_000;
const CLOCK_SLACK_MS = 25;

export interface WebhookWorkerDependencies {
  db: PrismaClient;
  databaseUrl: string;
  config: WebhookConfig;
  logger: Logger;
  metrics?: Metrics;
  /** How long stop() waits for attempts in flight (their leases cover any it gives up on). */
  stopTimeoutMs?: number;
}

export interface WebhookWorker extends IntervalWorker {
  /** Attempts this process has in flight now. */
  inFlight(): number;
}

/**
 * Sends webhook deliveries from the queue table: woken by the triggers' NOTIFY, by a timer at the
 * next due retry, and by a periodic poll. `concurrency` attempts at once, at most half of them
 * (at least one) to one endpoint, so an endpoint that never answers cannot hold every slot.
 */
export async function startWebhookWorker(deps: WebhookWorkerDependencies): Promise<WebhookWorker> {
  const { db, config, logger, metrics } = deps;
  const perEndpoint = Math.max(1, Math.floor(config.concurrency / 2));
  const inFlight = new Map<string, { endpointId: string; done: Promise<void> }>();
  let stopped = false;
  /** The claiming loop while it runs (stop() waits for it: it may be starting one more attempt). */
  let pumping: Promise<void> | undefined;
  let pumpAgain = false;
  let timer: NodeJS.Timeout | undefined;
  let lastError: string | undefined;

  const busyEndpoints = () => {
    const counts = new Map<string, number>();
    for (const { endpointId } of inFlight.values()) counts.set(endpointId, (counts.get(endpointId) ?? 0) + 1);
    return [...counts].filter(([, count]) => count >= perEndpoint).map(([endpointId]) => endpointId);
  };

  function run(claimed: ClaimedDelivery) {
    const done = attemptClaimedDelivery(db, claimed, config)
      .then(({ outcome, disabledEndpoint }) => {
        metrics?.webhookAttempts.inc({ outcome: outcome.outcome });
        if (disabledEndpoint) logger.warn("webhook endpoint disabled after a day of failures", { endpointId: claimed.endpointId });
      })
      .catch((error: unknown) => logger.error("webhook attempt failed to run", { deliveryId: claimed.id, error: describeError(error) }))
      .finally(() => {
        inFlight.delete(claimed.id);
        // A slot is free, and the next delivery of this conversation may now be due.
        void pump();
      });
    inFlight.set(claimed.id, { endpointId: claimed.endpointId, done });
  }

  function pump(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (pumping) {
      pumpAgain = true;
      return pumping;
    }
    pumping = claimWhileFree().finally(() => (pumping = undefined));
    return pumping;
  }

  async function claimWhileFree(): Promise<void> {
    try {
      // Again when woken meanwhile (a NOTIFY during the queries would otherwise wait for the timer).
      do {
        pumpAgain = false;
        while (!stopped && inFlight.size < config.concurrency) {
          const claimed = await claimDueDelivery(db, busyEndpoints(), config.timeoutMs);
          if (!claimed) break;
          run(claimed);
        }
        await scheduleWake();
      } while (pumpAgain && !stopped);
      lastError = undefined;
    } catch (error) {
      const facts = describeError(error);
      lastError = [facts.name, facts.code ?? facts.sqlState, facts.message].filter(Boolean).join(" ");
      logger.error("webhook worker run failed", { error: facts });
      schedule(POLL_MS);
    }
  }

  async function scheduleWake() {
    const due = await nextDueAt(db);
    const wait = due ? due.getTime() - Date.now() : POLL_MS;
    if (wait > 0) schedule(Math.min(wait + 1, POLL_MS));
    // Due but not claimed: its endpoint's slots are taken (an attempt ending pumps again), or the
    // timer beat the database's clock by a hair.
    else schedule(inFlight.size > 0 ? POLL_MS : CLOCK_SLACK_MS);
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void pump(), ms);
    timer.unref();
  }

  const listener = await listenOnChannel(deps.databaseUrl, WEBHOOK_CHANNEL, { onNotification: () => void pump(), onResync: () => void pump() }, logger);
  await pump();

  return {
    name: "webhook-delivery",
    inFlight: () => inFlight.size,
    status: () => (stopped ? { status: "stopped" } : lastError ? { status: "error", detail: lastError } : { status: "running" }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await listener.close();
      await pumping;
      const pending = Promise.all([...inFlight.values()].map((entry) => entry.done));
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([pending, new Promise((resolve) => (giveUp = setTimeout(resolve, deps.stopTimeoutMs ?? config.timeoutMs + 1_000)))]);
      clearTimeout(giveUp);
    },
  };
}
