/**
 * The webhook delivery queue is the WebhookDelivery table itself (decision 021): rows are written
 * by the triggers in the transaction of the change, claimed with FOR UPDATE SKIP LOCKED, and held
 * by a lease (nextAttemptAt pushed past the attempt's timeout) so that a worker that dies
 * mid-attempt leaves a delivery that is simply due again. Deliveries of one ordering key (a
 * conversation, an agent) to one endpoint go out one after another: a later one is not claimed
 * while an earlier one is PENDING.
 */
import type { WebhookConfig } from "../config/env.server";
import { Prisma } from "../db/generated/client";
import type { PrismaClient } from "../db/prisma-client.server";
import { retryDelayMs, DISABLE_AFTER_MS } from "./retry-schedule";
import { sendWebhook, type AttemptOutcome } from "./send-webhook.server";
import { SIGNATURE_HEADER, signWebhook } from "./signature";

/** The channel the triggers notify when deliveries were written (migration 20261130210000). */
export const WEBHOOK_CHANNEL = "switchboard_webhooks";
export const WEBHOOK_USER_AGENT = "Switchboard-Webhooks/1.0";
/** A claimed delivery's lease lasts its timeout plus this: a live worker always records before it ends. */
const LEASE_MARGIN_MS = 30_000;

export type DeliverySettings = Pick<WebhookConfig, "allowPrivateUrls" | "timeoutMs" | "retryScale">;

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  /** The lease: the attempt's result is recorded only while the delivery still carries it. */
  leaseUntil: Date;
}

/**
 * A delivery `c` (joined with its endpoint `e`) that may be sent when due: PENDING, its endpoint
 * enabled, and first of its ordering key to its endpoint among those still PENDING.
 */
const sendableNow = Prisma.sql`
  c.status = 'PENDING' AND e.enabled
  AND NOT EXISTS (
    SELECT 1 FROM "WebhookDelivery" earlier
    WHERE earlier."endpointId" = c."endpointId" AND earlier."orderingKey" = c."orderingKey" AND earlier.status = 'PENDING'
      AND (earlier."createdAt", earlier.id) < (c."createdAt", c.id))`;

/**
 * Leases the delivery due first that may go now: PENDING, due, of an enabled endpoint not in
 * `busyEndpoints`, with no earlier PENDING delivery of its ordering key to its endpoint. Null
 * when none is.
 */
export async function claimDueDelivery(db: PrismaClient, busyEndpoints: readonly string[], timeoutMs: number): Promise<ClaimedDelivery | null> {
  const leaseMs = timeoutMs + LEASE_MARGIN_MS;
  const [row] = await db.$queryRaw<{ id: string; endpoint_id: string; lease_until: Date }[]>`
    UPDATE "WebhookDelivery" d
    SET "nextAttemptAt" = (clock_timestamp() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
    FROM (
      SELECT c.id FROM "WebhookDelivery" c
      JOIN "WebhookEndpoint" e ON e.id = c."endpointId"
      WHERE ${sendableNow} AND c."nextAttemptAt" <= (clock_timestamp() AT TIME ZONE 'UTC')
        AND NOT (c."endpointId" = ANY (${busyEndpoints as string[]}::uuid[]))
      ORDER BY c."nextAttemptAt"
      LIMIT 1
      FOR UPDATE OF c SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.id, d."endpointId" AS endpoint_id, d."nextAttemptAt" AS lease_until`;
  return row ? { id: row.id, endpointId: row.endpoint_id, leaseUntil: row.lease_until } : null;
}

/** When the next delivery that may be sent is due (a lease's end included): the worker's next wake-up. */
export async function nextDueAt(db: PrismaClient): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ due: Date | null }[]>`
    SELECT min(c."nextAttemptAt") AS due FROM "WebhookDelivery" c JOIN "WebhookEndpoint" e ON e.id = c."endpointId"
    WHERE ${sendableNow}`;
  return row?.due ?? null;
}

/**
 * The delivery's request: the event as JSON, signed with the endpoint's secret at this second.
 * `attemptLabel` names the try (Switchboard-Attempt) from the attempts made so far.
 */
async function buildRequest(db: PrismaClient, deliveryId: string, settings: DeliverySettings, attemptLabel: (attemptsSoFar: number) => string) {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      id: true,
      businessId: true,
      endpointId: true,
      attempts: true,
      status: true,
      endpoint: { select: { url: true, secret: true, failingSince: true, enabled: true } },
      event: { select: { type: true, payload: true } },
    },
  });
  const payload = delivery.event.payload as Record<string, unknown>;
  // The envelope's keys in reading order (jsonb stores them sorted by length).
  const body = JSON.stringify({ id: payload.id, type: payload.type, created_at: payload.created_at, business_id: payload.business_id, data: payload.data });
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": "application/json",
    "user-agent": WEBHOOK_USER_AGENT,
    "switchboard-event": delivery.event.type,
    "switchboard-delivery": delivery.id,
    "switchboard-attempt": attemptLabel(delivery.attempts),
    [SIGNATURE_HEADER.toLowerCase()]: signWebhook(delivery.endpoint.secret, body, timestamp),
  };
  return { delivery, request: { url: delivery.endpoint.url, body, headers, timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivateUrls } };
}

const attemptRow = (businessId: string, deliveryId: string, attemptedAt: Date, outcome: AttemptOutcome, manual: boolean) => ({
  businessId,
  deliveryId,
  attemptedAt,
  statusCode: outcome.statusCode,
  response: outcome.response,
  latencyMs: outcome.latencyMs,
  error: outcome.error,
  manual,
});

const lastFields = (attemptedAt: Date, outcome: AttemptOutcome) => ({
  lastAttemptAt: attemptedAt,
  lastStatusCode: outcome.statusCode,
  lastResponse: outcome.response,
  lastLatencyMs: outcome.latencyMs,
  lastError: outcome.error,
});

export interface AttemptResult {
  outcome: AttemptOutcome;
  /** The endpoint was disabled by this failure (a day of failures). */
  disabledEndpoint: boolean;
}

/**
 * Sends a claimed delivery once and records the attempt: delivered; or failed, retried on the
 * schedule or FAILED after the last attempt. A failure of an endpoint failing for a day (scaled
 * like the schedule) disables it, with an audit entry; a success clears its failing state.
 */
export async function attemptClaimedDelivery(db: PrismaClient, claimed: ClaimedDelivery, settings: DeliverySettings): Promise<AttemptResult> {
  const { delivery, request } = await buildRequest(db, claimed.id, settings, (attemptsSoFar) => String(attemptsSoFar + 1));
  const attempt = delivery.attempts + 1;
  const attemptedAt = new Date();
  const outcome = await sendWebhook(request);
  const now = new Date();
  return db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: attemptRow(delivery.businessId, delivery.id, attemptedAt, outcome, false) });
    const delay = outcome.ok ? null : retryDelayMs(attempt, settings.retryScale);
    const recorded = await tx.webhookDelivery.updateMany({
      // Only while the lease is ours: a worker that lost it (it outlived the lease) changes nothing.
      where: { id: delivery.id, status: "PENDING", nextAttemptAt: claimed.leaseUntil },
      data: {
        ...lastFields(attemptedAt, outcome),
        attempts: attempt,
        status: outcome.ok ? "DELIVERED" : delay === null ? "FAILED" : "PENDING",
        nextAttemptAt: delay === null ? null : new Date(now.getTime() + delay),
        deliveredAt: outcome.ok ? now : null,
      },
    });
    if (recorded.count === 0) return { outcome, disabledEndpoint: false };
    if (outcome.ok) {
      await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
      return { outcome, disabledEndpoint: false };
    }
    const failingSince = delivery.endpoint.failingSince ?? attemptedAt;
    if (!delivery.endpoint.failingSince) await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: null }, data: { failingSince } });
    const disableAfterMs = DISABLE_AFTER_MS * settings.retryScale;
    if (now.getTime() - failingSince.getTime() < disableAfterMs) return { outcome, disabledEndpoint: false };
    const reason = `Every delivery failed for ${formatDuration(now.getTime() - failingSince.getTime())} (last: ${outcome.error ?? "no answer"}).`;
    const disabled = await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: reason } });
    if (disabled.count === 0) return { outcome, disabledEndpoint: false };
    await tx.auditLog.create({
      data: {
        businessId: delivery.businessId,
        actorUserId: null,
        action: "webhook.disabled",
        target: delivery.endpointId,
        meta: { url: delivery.endpoint.url, failing_since: failingSince.toISOString(), reason },
      },
    });
    return { outcome, disabledEndpoint: true };
  });
}

/**
 * A manual redelivery of a settled (DELIVERED or FAILED) delivery: one attempt now, logged as
 * manual. A FAILED one that gets through becomes DELIVERED; the schedule is not involved, so it
 * never races the queue or holds up a conversation's later events.
 */
export async function attemptManually(db: PrismaClient, deliveryId: string, settings: DeliverySettings): Promise<AttemptOutcome> {
  const { delivery, request } = await buildRequest(db, deliveryId, settings, () => "manual");
  const attemptedAt = new Date();
  const outcome = await sendWebhook(request);
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: attemptRow(delivery.businessId, delivery.id, attemptedAt, outcome, true) });
    await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: { in: ["DELIVERED", "FAILED"] } },
      data: { ...lastFields(attemptedAt, outcome), ...(outcome.ok ? { status: "DELIVERED", deliveredAt: new Date() } : {}) },
    });
    if (outcome.ok) await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId, failingSince: { not: null } }, data: { failingSince: null } });
  });
  return outcome;
}

function formatDuration(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} h`;
  const minutes = Math.floor(ms / 60_000);
  return minutes >= 1 ? `${minutes} min` : `${Math.max(1, Math.round(ms / 1000))} s`;
}

/** How long the delivery log keeps an event once none of its deliveries is waiting. */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/**
 * Deletes events older than the retention with their deliveries and attempts, except those still
 * waiting to be sent (a disabled endpoint's keep until it is enabled or deleted). A batch per call.
 */
export async function deleteOldWebhookEvents(db: PrismaClient, now = new Date(), batch = 5_000): Promise<number> {
  const cutoff = new Date(now.getTime() - WEBHOOK_LOG_RETENTION_DAYS * 86_400_000);
  return db.$executeRaw`
    DELETE FROM "WebhookEvent" WHERE id IN (
      SELECT e.id FROM "WebhookEvent" e
      WHERE e."createdAt" < (${cutoff.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = e.id AND d.status = 'PENDING')
      LIMIT ${batch})`;
}
