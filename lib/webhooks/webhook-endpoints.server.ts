import { randomBytes } from "node:crypto";
import type { Prisma } from "../db/generated/client";
import type { Role } from "../db/generated/enums";
import type { DbClient, PrismaClient } from "../db/prisma-client.server";
import { AppError, notFound } from "../errors/app-error";
import {
  WEBHOOK_DELIVERIES_PAGE_SIZE,
  WEBHOOK_ENDPOINTS_PER_BUSINESS_MAX,
  WEBHOOK_PING_EVENT,
  type WebhookCreateInput,
  type WebhookDeliveryPage,
  type WebhookDeliveryWire,
  type WebhookEndpointWire,
  type WebhookEndpointWithSecret,
  type WebhookEventType,
  type WebhookUpdateInput,
} from "../contract/webhooks";
import { isUuid, type BusinessScope } from "../tenancy/memberships.server";
import { resolveWebhookTarget } from "./address-guard.server";
import { attemptManually, type DeliverySettings } from "./delivery-queue.server";

/** Who manages a business's webhooks (DESIGN §9: owners and admins). */
export const WEBHOOK_ADMIN_ROLES: readonly Role[] = ["OWNER", "ADMIN"];

const endpointSelect = {
  id: true,
  url: true,
  description: true,
  events: true,
  enabled: true,
  failingSince: true,
  disabledAt: true,
  disabledReason: true,
  createdAt: true,
} satisfies Prisma.WebhookEndpointSelect;
type EndpointRow = Prisma.WebhookEndpointGetPayload<{ select: typeof endpointSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

const toEndpointWire = (row: EndpointRow, pending: number): WebhookEndpointWire => ({
  id: row.id,
  url: row.url,
  description: row.description,
  events: row.events as WebhookEventType[],
  enabled: row.enabled,
  failing_since: iso(row.failingSince),
  disabled_at: iso(row.disabledAt),
  disabled_reason: row.disabledReason,
  created_at: row.createdAt.toISOString(),
  pending_deliveries: pending,
});

/** A signing secret: 256 random bits, prefixed so that it is recognisable in a receiver's config. */
const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

async function pendingCounts(db: DbClient, endpointIds: string[]): Promise<Map<string, number>> {
  const rows = await db.webhookDelivery.groupBy({ by: ["endpointId"], where: { endpointId: { in: endpointIds }, status: "PENDING" }, _count: { _all: true } });
  return new Map(rows.map((row) => [row.endpointId, row._count._all]));
}

async function withPending(db: DbClient, row: EndpointRow): Promise<WebhookEndpointWire> {
  return toEndpointWire(row, (await pendingCounts(db, [row.id])).get(row.id) ?? 0);
}

/** The endpoint `endpointId` of the scope's business; a malformed, missing or foreign id answers the same 404. */
async function findEndpointRow(db: DbClient, scope: BusinessScope, endpointId: string): Promise<EndpointRow & { secret: string }> {
  const row = isUuid(endpointId) ? await db.webhookEndpoint.findFirst({ where: { id: endpointId, businessId: scope.businessId }, select: { ...endpointSelect, secret: true } }) : null;
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

/** Refuses a URL the deliveries could not be sent to (not https, a private address…) as a validation error on `url`. */
async function checkUrl(url: string, settings: DeliverySettings): Promise<void> {
  try {
    await resolveWebhookTarget(url, settings.allowPrivateUrls);
  } catch (error) {
    const reason = error instanceof Error ? error.message : "it cannot be resolved";
    throw new AppError("validation_error", `This URL cannot receive webhooks: ${reason}.`, { fields: { url: [reason] } });
  }
}

const audit = (tx: DbClient, scope: BusinessScope, actorUserId: string, action: string, target: string, meta: Prisma.InputJsonObject) =>
  tx.auditLog.create({ data: { businessId: scope.businessId, actorUserId, action, target, meta } });

export async function listEndpoints(db: PrismaClient, scope: BusinessScope): Promise<WebhookEndpointWire[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { businessId: scope.businessId }, select: endpointSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const pending = await pendingCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toEndpointWire(row, pending.get(row.id) ?? 0));
}

export async function getEndpoint(db: PrismaClient, scope: BusinessScope, endpointId: string): Promise<WebhookEndpointWire> {
  return withPending(db, await findEndpointRow(db, scope, endpointId));
}

/** A new endpoint with a new secret, answered this once. */
export async function createEndpoint(db: PrismaClient, scope: BusinessScope, actorUserId: string, input: WebhookCreateInput, settings: DeliverySettings): Promise<WebhookEndpointWithSecret> {
  await checkUrl(input.url, settings);
  return db.$transaction(async (tx) => {
    // Under the business row's lock, so two creates at once cannot both pass the limit.
    await tx.$queryRaw`SELECT id FROM "Business" WHERE id = ${scope.businessId}::uuid FOR UPDATE`;
    if ((await tx.webhookEndpoint.count({ where: { businessId: scope.businessId } })) >= WEBHOOK_ENDPOINTS_PER_BUSINESS_MAX) {
      throw new AppError("conflict", `A business can have at most ${WEBHOOK_ENDPOINTS_PER_BUSINESS_MAX} webhook endpoints; delete one first.`);
    }
    const secret = newSecret();
    const row = await tx.webhookEndpoint.create({ data: { businessId: scope.businessId, url: input.url, description: input.description, events: input.events, secret }, select: endpointSelect });
    await audit(tx, scope, actorUserId, "webhook.created", row.id, { url: row.url, events: row.events });
    return { ...toEndpointWire(row, 0), secret };
  });
}

/**
 * Changes an endpoint. Enabling one that was disabled (by hand or after a day of failures) clears
 * its failing state and makes its waiting deliveries due now, in their order.
 */
export async function updateEndpoint(
  db: PrismaClient,
  scope: BusinessScope,
  actorUserId: string,
  endpointId: string,
  input: WebhookUpdateInput,
  settings: DeliverySettings,
): Promise<WebhookEndpointWire> {
  if (input.url !== undefined) await checkUrl(input.url, settings);
  return db.$transaction(async (tx) => {
    const before = await findEndpointRow(tx, scope, endpointId);
    const now = new Date();
    const enabling = input.enabled === true && !before.enabled;
    const disabling = input.enabled === false && before.enabled;
    const row = await tx.webhookEndpoint.update({
      where: { id: before.id },
      data: {
        url: input.url,
        events: input.events,
        description: input.description,
        enabled: input.enabled,
        ...(enabling ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(disabling ? { disabledAt: now, disabledReason: "Disabled by staff." } : {}),
      },
      select: endpointSelect,
    });
    if (enabling) await tx.webhookDelivery.updateMany({ where: { endpointId: row.id, status: "PENDING" }, data: { nextAttemptAt: now } });
    const changed = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    await audit(tx, scope, actorUserId, "webhook.updated", row.id, {
      changes: changed,
      previous: { url: before.url, events: before.events, description: before.description, enabled: before.enabled },
    });
    return withPending(tx, row);
  });
}

/** Deletes an endpoint with its delivery log (deliveries not yet sent are dropped). */
export async function deleteEndpoint(db: PrismaClient, scope: BusinessScope, actorUserId: string, endpointId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const endpoint = await findEndpointRow(tx, scope, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
    await audit(tx, scope, actorUserId, "webhook.deleted", endpoint.id, { url: endpoint.url, events: endpoint.events });
  });
}

/** A new signing secret, answered this once; deliveries signed from now on use it. */
export async function rotateSecret(db: PrismaClient, scope: BusinessScope, actorUserId: string, endpointId: string): Promise<WebhookEndpointWithSecret> {
  return db.$transaction(async (tx) => {
    const endpoint = await findEndpointRow(tx, scope, endpointId);
    const secret = newSecret();
    const row = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret }, select: endpointSelect });
    await audit(tx, scope, actorUserId, "webhook.secret_rotated", row.id, { url: row.url });
    return { ...(await withPending(tx, row)), secret };
  });
}

const deliverySelect = {
  id: true,
  eventId: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastStatusCode: true,
  lastLatencyMs: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
  event: { select: { type: true } },
  attemptLog: { select: { id: true, attemptedAt: true, statusCode: true, response: true, latencyMs: true, error: true, manual: true }, orderBy: [{ attemptedAt: "desc" }, { id: "desc" }] },
} satisfies Prisma.WebhookDeliverySelect;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ select: typeof deliverySelect }>;

const toDeliveryWire = (row: DeliveryRow): WebhookDeliveryWire => ({
  id: row.id,
  event_id: row.eventId,
  event_type: row.event.type,
  status: row.status,
  attempts: row.attempts,
  next_attempt_at: row.status === "PENDING" ? iso(row.nextAttemptAt) : null,
  last_status_code: row.lastStatusCode,
  last_latency_ms: row.lastLatencyMs,
  last_error: row.lastError,
  delivered_at: iso(row.deliveredAt),
  created_at: row.createdAt.toISOString(),
  attempt_log: row.attemptLog.map((attempt) => ({
    id: attempt.id,
    attempted_at: attempt.attemptedAt.toISOString(),
    status_code: attempt.statusCode,
    response: attempt.response,
    latency_ms: attempt.latencyMs,
    error: attempt.error,
    manual: attempt.manual,
  })),
});

/** An endpoint's deliveries with their attempts, newest first, a page at a time (`before`: the last id of the previous page). */
export async function listDeliveries(db: PrismaClient, scope: BusinessScope, endpointId: string, before?: string): Promise<WebhookDeliveryPage> {
  const endpoint = await findEndpointRow(db, scope, endpointId);
  const cursor = before ? await db.webhookDelivery.findFirst({ where: { id: before, endpointId: endpoint.id }, select: { id: true, createdAt: true } }) : null;
  if (before && !cursor) throw notFound("Webhook delivery");
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}) },
    select: deliverySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: WEBHOOK_DELIVERIES_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, WEBHOOK_DELIVERIES_PAGE_SIZE);
  return { deliveries: page.map(toDeliveryWire), next_before: rows.length > WEBHOOK_DELIVERIES_PAGE_SIZE ? page.at(-1)!.id : null };
}

/**
 * Sends a delivered or failed delivery again now (a manual attempt, logged as such). A PENDING one
 * is refused: the queue still owns it and sends it in its conversation's order (enabling a
 * disabled endpoint makes its waiting deliveries due at once).
 */
export async function redeliver(db: PrismaClient, scope: BusinessScope, actorUserId: string, endpointId: string, deliveryId: string, settings: DeliverySettings): Promise<WebhookDeliveryWire> {
  const endpoint = await findEndpointRow(db, scope, endpointId);
  const delivery = isUuid(deliveryId) ? await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: endpoint.id }, select: { id: true, status: true } }) : null;
  if (!delivery) throw notFound("Webhook delivery");
  if (delivery.status === "PENDING")
    throw new AppError("conflict", "This delivery is still scheduled: it is sent in its turn (enable the endpoint if it is disabled). Redeliver it once it was delivered or has failed.");
  await attemptManually(db, delivery.id, settings);
  await audit(db, scope, actorUserId, "webhook.redelivered", delivery.id, { endpoint_id: endpoint.id });
  return toDeliveryWire(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, select: deliverySelect }));
}

/** Queues a `ping` event to this one endpoint (whatever it subscribes to): a check of the receiver and its signature code. */
export async function sendTestEvent(db: PrismaClient, scope: BusinessScope, endpointId: string): Promise<{ event_id: string }> {
  const endpoint = await findEndpointRow(db, scope, endpointId);
  if (!endpoint.enabled) throw new AppError("conflict", "This endpoint is disabled: enable it before sending a test event.");
  const data = { message: "A test event from Switchboard.", endpoint_id: endpoint.id };
  const [row] = await db.$queryRaw<{ event_id: string }[]>`
    SELECT "switchboard_webhook_enqueue"(${scope.businessId}::uuid, ${WEBHOOK_PING_EVENT}, NULL, ${JSON.stringify(data)}::jsonb, ${endpoint.id}::uuid)::text AS event_id`;
  return { event_id: row.event_id };
}
