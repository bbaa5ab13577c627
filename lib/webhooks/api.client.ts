import { adminApiUrl, fetchJson, type JsonRequest } from "../browser/fetch-json";
import type { WebhookCreateInput, WebhookDeliveryPage, WebhookDeliveryWire, WebhookEndpointWire, WebhookEndpointWithSecret, WebhookUpdateInput } from "../contract/webhooks";

/** The webhooks API of one business, for /settings/webhooks. Failures throw ApiError (`fields` on 400). */
export function webhooksApi(companyId: string) {
  const call = <T>(path: string, request: JsonRequest = {}, query = "") => fetchJson<T>(`${adminApiUrl(path, companyId)}${query}`, request);
  const endpoint = (id: string) => `webhooks/${encodeURIComponent(id)}`;
  return {
    create: async (input: WebhookCreateInput) => (await call<{ endpoint: WebhookEndpointWithSecret }>("webhooks", { method: "POST", body: input })).endpoint,
    update: async (id: string, input: WebhookUpdateInput) => (await call<{ endpoint: WebhookEndpointWire }>(endpoint(id), { method: "PATCH", body: input })).endpoint,
    remove: (id: string) => call<{ deleted: true }>(endpoint(id), { method: "DELETE" }),
    rotateSecret: async (id: string) => (await call<{ endpoint: WebhookEndpointWithSecret }>(`${endpoint(id)}/rotate-secret`, { method: "POST", body: {} })).endpoint,
    sendTest: (id: string) => call<{ event_id: string }>(`${endpoint(id)}/test`, { method: "POST", body: {} }),
    deliveries: (id: string, before?: string) => call<WebhookDeliveryPage>(`${endpoint(id)}/deliveries`, {}, before ? `&before=${encodeURIComponent(before)}` : ""),
    redeliver: async (id: string, deliveryId: string) =>
      (await call<{ delivery: WebhookDeliveryWire }>(`${endpoint(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: "POST", body: {} })).delivery,
  };
}
export type WebhooksApi = ReturnType<typeof webhooksApi>;
