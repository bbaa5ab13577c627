"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { WebhookAttemptWire, WebhookDeliveryWire } from "@/lib/contract/webhooks";
import { formatInZone } from "@/lib/conversations/transcript";
import type { WebhooksApi } from "@/lib/webhooks/api.client";

const STATUS_STYLES = { DELIVERED: "bg-emerald-100 text-emerald-800", PENDING: "bg-amber-100 text-amber-900", FAILED: "bg-red-100 text-red-800" } as const;
/** Pending before its first try is on its way; after a failed one it is being retried. */
const statusLabel = (delivery: Pick<WebhookDeliveryWire, "status" | "attempts">) =>
  delivery.status === "DELIVERED" ? "Delivered" : delivery.status === "FAILED" ? "Failed" : delivery.attempts === 0 ? "Queued" : "Retrying";

const failure = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback);

/** What one attempt got: the status code or why there was none, and how long it took. */
const attemptSummary = (attempt: Pick<WebhookAttemptWire, "status_code" | "error" | "latency_ms">) =>
  `${attempt.status_code ? `HTTP ${attempt.status_code}` : (attempt.error ?? "no answer")} · ${attempt.latency_ms} ms`;

/** An endpoint's deliveries, newest first, each with its attempts and (once settled) a Redeliver button. Loaded when opened. */
export function DeliveryLog({ api, endpointId, timeZone, refreshKey }: { api: WebhooksApi; endpointId: string; timeZone: string; refreshKey: number }) {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryWire[] | null>(null);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  // Bumped by Refresh: the first page loads again.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    api.deliveries(endpointId).then(
      (page) => {
        if (!current) return;
        setDeliveries(page.deliveries);
        setNextBefore(page.next_before);
        setError(null);
      },
      (failed: unknown) => current && setError(failure(failed, "The delivery log could not be loaded.")),
    );
    return () => {
      current = false;
    };
  }, [api, endpointId, refreshKey, reloads]);

  async function loadOlder() {
    if (!nextBefore) return;
    try {
      const page = await api.deliveries(endpointId, nextBefore);
      setDeliveries((current) => [...(current ?? []), ...page.deliveries]);
      setNextBefore(page.next_before);
    } catch (failed) {
      setError(failure(failed, "Older deliveries could not be loaded."));
    }
  }

  async function redeliver(delivery: WebhookDeliveryWire) {
    setAnnouncement(null);
    try {
      const updated = await api.redeliver(endpointId, delivery.id);
      setDeliveries((current) => (current ?? []).map((d) => (d.id === updated.id ? updated : d)));
      setAnnouncement(`Redelivered ${updated.event_type}: ${attemptSummary(updated.attempt_log[0])}.`);
      setError(null);
    } catch (failed) {
      setError(failure(failed, "Redelivering failed."));
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-slate-700">Delivery log</h4>
        <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => setReloads((n) => n + 1)}>
          Refresh<span className="sr-only"> the delivery log</span>
        </Button>
      </div>
      <FormError message={error} />
      <p role="status" className="text-sm text-emerald-700 empty:hidden">
        {announcement}
      </p>
      {deliveries === null ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : deliveries.length === 0 ? (
        <p className="text-sm text-slate-600">No deliveries yet. Send a test event to try the endpoint.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
          {deliveries.map((delivery) => (
            <li key={delivery.id} className="flex flex-col gap-1 p-3 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <code className="font-mono text-xs text-slate-900">{delivery.event_type}</code>
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLES[delivery.status]}`}>{statusLabel(delivery)}</span>
                <span className="text-xs text-slate-600">
                  <time dateTime={delivery.created_at}>{formatInZone(delivery.created_at, timeZone)}</time> · {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
                  {delivery.attempt_log[0] ? ` · last: ${attemptSummary(delivery.attempt_log[0])}` : ""}
                </span>
                {delivery.status !== "PENDING" ? (
                  <Button type="button" variant="secondary" className="ml-auto px-3 py-1" onClick={() => void redeliver(delivery)}>
                    Redeliver<span className="sr-only"> {delivery.event_type}</span>
                  </Button>
                ) : delivery.next_attempt_at ? (
                  <span className="text-xs text-slate-600">next try {formatInZone(delivery.next_attempt_at, timeZone)}</span>
                ) : null}
              </div>
              {delivery.attempt_log.length ? (
                <details>
                  <summary className="cursor-pointer text-xs text-slate-700">Attempts and responses</summary>
                  <ol className="mt-1 flex flex-col gap-2">
                    {delivery.attempt_log.map((attempt) => (
                      <li key={attempt.id} className="rounded bg-slate-50 p-2 text-xs">
                        <p className="text-slate-700">
                          <time dateTime={attempt.attempted_at}>{formatInZone(attempt.attempted_at, timeZone)}</time> · {attemptSummary(attempt)}
                          {attempt.manual ? " · manual redelivery" : ""}
                        </p>
                        {attempt.response ? <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all font-mono text-slate-800">{attempt.response}</pre> : null}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {nextBefore ? (
        <Button type="button" variant="secondary" className="self-start px-3 py-1" onClick={() => void loadOlder()}>
          Older deliveries
        </Button>
      ) : null}
    </div>
  );
}
