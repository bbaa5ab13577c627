import type { WebhookConfig } from "../config/env.server";

/**
 * The process's webhook settings (WEBHOOK_*), for Next's route handlers (saving an endpoint checks
 * its URL; a redelivery sends from the request): they run in the same process as the custom
 * server but in separately bundled modules, so the settings are shared through globalThis.
 * Unregistered (tooling), the defaults apply: https and public addresses only.
 */
const globalKey = Symbol.for("switchboard.webhookSettings");
type GlobalWithSettings = typeof globalThis & { [globalKey]?: WebhookConfig };

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = { allowPrivateUrls: false, timeoutMs: 10_000, retryScale: 1, concurrency: 4 };

export function registerWebhookSettings(config: WebhookConfig): void {
  (globalThis as GlobalWithSettings)[globalKey] = config;
}

export function webhookSettings(): WebhookConfig {
  return (globalThis as GlobalWithSettings)[globalKey] ?? DEFAULT_WEBHOOK_CONFIG;
}
