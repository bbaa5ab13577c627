/**
 * Webhooks: a business's HTTPS endpoints subscribed to events, each delivery signed and retried
 * (docs/integrations.md, "Webhooks"). The admin API's bodies and the wire shapes of endpoints,
 * deliveries and attempts. Universal: shared by the server, the settings page and the tests.
 */
import { z } from "zod";

/** The events an endpoint can subscribe to (written by the database triggers of migration 20261130210000). */
export const WEBHOOK_EVENT_TYPES = [
  "conversation.created",
  "conversation.queued",
  "conversation.assigned",
  "message.created",
  "conversation.handed_off",
  "conversation.closed",
  "conversation.rated",
  "agent.status_changed",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** What "Send test event" delivers to one endpoint, whatever it subscribes to. */
export const WEBHOOK_PING_EVENT = "ping";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "conversation.created": "A chat started",
  "conversation.queued": "A chat entered the queue",
  "conversation.assigned": "A chat was assigned to an agent",
  "message.created": "A message was sent (customer, agent, assistant or system)",
  "conversation.handed_off": "The assistant handed a chat to people",
  "conversation.closed": "A chat ended (closed or abandoned)",
  "conversation.rated": "A customer rated a chat",
  "agent.status_changed": "An agent's status changed",
};

export const WEBHOOK_BODY_MAX_BYTES = 8 * 1024;
export const WEBHOOK_URL_MAX_LENGTH = 2048;
export const WEBHOOK_DESCRIPTION_MAX_LENGTH = 200;
/** Endpoints per business: each one multiplies every event's deliveries. */
export const WEBHOOK_ENDPOINTS_PER_BUSINESS_MAX = 20;
export const WEBHOOK_DELIVERIES_PAGE_SIZE = 25;

const webhookUrl = z
  .string({ message: "url must be text" })
  .trim()
  .min(1, "url must not be empty")
  .max(WEBHOOK_URL_MAX_LENGTH, `url must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`)
  .refine((value) => URL.canParse(value) && ["https:", "http:"].includes(new URL(value).protocol), "url must be an http(s) URL");
const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `each event must be one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }), { message: "events must be a list" })
  .min(1, "subscribe to at least one event")
  .transform((events) => [...new Set(events)]);
const webhookDescription = z.string({ message: "description must be text" }).trim().max(WEBHOOK_DESCRIPTION_MAX_LENGTH, `description must be at most ${WEBHOOK_DESCRIPTION_MAX_LENGTH} characters`);

/** POST /api/v1/admin/webhooks */
export const webhookCreateBody = z.object({ url: webhookUrl, events: webhookEvents, description: webhookDescription.default("") }).strict();
export type WebhookCreateInput = z.infer<typeof webhookCreateBody>;

/** PATCH /api/v1/admin/webhooks/{id}: enabled=true re-enables an endpoint disabled after a day of failures. */
export const webhookUpdateBody = z
  .object({ url: webhookUrl.optional(), events: webhookEvents.optional(), description: webhookDescription.optional(), enabled: z.boolean({ message: "enabled must be true or false" }).optional() })
  .strict()
  .refine((input) => Object.values(input).some((value) => value !== undefined), { message: "send url, events, description or enabled" });
export type WebhookUpdateInput = z.infer<typeof webhookUpdateBody>;

/** POST …/{id}/rotate-secret, …/{id}/test and …/deliveries/{delivery_id}/redeliver take an empty JSON object: nothing to choose. */
export const webhookActionBody = z.object({}).strict();

/** GET /api/v1/admin/webhooks/{id}/deliveries?before=<delivery id>: the next page, older than that one. */
export const webhookDeliveriesQuery = z.object({ before: z.uuid({ message: "before must be a delivery id" }).optional() }).strict();

export interface WebhookEndpointWire {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** The first failure since the last success: a day of failures disables the endpoint. */
  failing_since: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  /** Deliveries still to be sent (including those waiting while the endpoint is disabled). */
  pending_deliveries: number;
}

/** The signing secret, answered only by create and rotate: it cannot be read back. */
export interface WebhookEndpointWithSecret extends WebhookEndpointWire {
  secret: string;
}

export type WebhookDeliveryStatusName = "PENDING" | "DELIVERED" | "FAILED";

export interface WebhookAttemptWire {
  id: string;
  attempted_at: string;
  status_code: number | null;
  /** The first kilobyte of the answer's body. */
  response: string | null;
  latency_ms: number;
  /** Why there was no 2xx answer: timeout, connection refused, a refused address… */
  error: string | null;
  /** A redelivery asked for by staff, not a scheduled retry. */
  manual: boolean;
}

export interface WebhookDeliveryWire {
  id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatusName;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  delivered_at: string | null;
  created_at: string;
  /** Newest first. */
  attempt_log: WebhookAttemptWire[];
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliveryWire[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before: string | null;
}

export type WebhookEndpointState = { kind: "active" } | { kind: "failing"; since: string } | { kind: "disabled"; at: string | null; reason: string | null };

/** What the settings page says about an endpoint: disabled beats failing. */
export function webhookEndpointState(endpoint: Pick<WebhookEndpointWire, "enabled" | "failing_since" | "disabled_at" | "disabled_reason">): WebhookEndpointState {
  if (!endpoint.enabled) return { kind: "disabled", at: endpoint.disabled_at, reason: endpoint.disabled_reason };
  if (endpoint.failing_since) return { kind: "failing", since: endpoint.failing_since };
  return { kind: "active" };
}
