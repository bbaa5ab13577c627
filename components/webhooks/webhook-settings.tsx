"use client";

import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import { CopyLink } from "@/components/settings/copy-link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DeleteConfirmation, useItemEditing } from "@/components/ui/editable-item";
import { FormError } from "@/components/ui/form-error";
import { StaffHeader } from "@/components/ui/staff-header";
import type { BusinessSettingsWire, BusinessSummaryWire } from "@/lib/contract/businesses";
import { webhookEndpointState, type WebhookEndpointWire, type WebhookEndpointWithSecret } from "@/lib/contract/webhooks";
import { formatInZone } from "@/lib/conversations/transcript";
import { webhooksApi, type WebhooksApi } from "@/lib/webhooks/api.client";
import { DeliveryLog } from "./delivery-log";
import { WebhookForm } from "./webhook-form";

interface Props {
  businesses: BusinessSummaryWire[];
  business: BusinessSettingsWire;
  initialEndpoints: WebhookEndpointWire[];
}

/** A signing secret just made (create or rotate): shown this once. */
type ShownSecret = { endpointId: string; url: string; secret: string };

const withoutSecret = ({ secret: _secret, ...endpoint }: WebhookEndpointWithSecret): WebhookEndpointWire => endpoint;

/** The /settings/webhooks page of one business: a new endpoint, and each endpoint with its state, actions and delivery log. */
export function WebhookSettings({ businesses, business, initialEndpoints }: Props) {
  const router = useRouter();
  const api = useMemo(() => webhooksApi(business.id), [business.id]);
  const [endpoints, setEndpoints] = useState(initialEndpoints);
  const [shownSecret, setShownSecret] = useState<ShownSecret | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const replace = (endpoint: WebhookEndpointWire) => setEndpoints((current) => current.map((e) => (e.id === endpoint.id ? endpoint : e)));
  // Re-render the server paint too, so coming back to this page (browser Back) shows the change.
  const changed = (message: string) => {
    setAnnouncement(message);
    router.refresh();
    return message;
  };
  const showSecret = (endpoint: WebhookEndpointWithSecret) => setShownSecret({ endpointId: endpoint.id, url: endpoint.url, secret: endpoint.secret });

  return (
    <div className="min-h-screen">
      <StaffHeader current="/settings/webhooks" business={business} businesses={businesses} isDemo={business.is_demo} />
      <main className="mx-auto flex max-w-4xl flex-col gap-6 px-4 py-6">
        <div>
          <h1 className="text-2xl font-semibold">Webhooks</h1>
          <p className="mt-1 text-sm text-slate-600">
            {business.name}&apos;s chats, as signed HTTPS requests to your systems: a request per event, retried for about a day until your server answers 2xx, in order per conversation.
          </p>
        </div>
        {shownSecret ? (
          <section aria-labelledby="secret-heading" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
            <h2 id="secret-heading" className="text-lg font-semibold">
              Signing secret
            </h2>
            <p className="text-sm text-slate-800">
              For <span className="break-all font-mono text-xs">{shownSecret.url}</span>. Copy it into your receiver&apos;s configuration now: it is not shown again (rotate it to get a new one).
            </p>
            <CopyLink label="Signing secret" url={shownSecret.secret} focusOnMount />
            <Button type="button" variant="secondary" className="self-start" onClick={() => setShownSecret(null)}>
              Done
            </Button>
          </section>
        ) : null}
        <Card headingId="new-endpoint-heading" title="New endpoint">
          <WebhookForm
            idPrefix="new-endpoint"
            submitLabel="Add endpoint"
            onSubmit={async (values) => {
              const endpoint = await api.create(values);
              setEndpoints((current) => [...current, withoutSecret(endpoint)]);
              showSecret(endpoint);
              return changed("Added the endpoint. Copy its signing secret now.");
            }}
          />
        </Card>
        <section aria-labelledby="endpoints-heading">
          <h2 id="endpoints-heading" ref={listHeading} tabIndex={-1} className="mb-3 rounded text-lg font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40">
            Endpoints ({endpoints.length})
          </h2>
          <p role="status" className="sr-only">
            {announcement}
          </p>
          {endpoints.length === 0 ? (
            <p className="text-sm text-slate-600">No endpoints yet: add the first above.</p>
          ) : (
            <ul aria-labelledby="endpoints-heading" className="flex flex-col gap-4">
              {endpoints.map((endpoint) => (
                <EndpointItem
                  key={endpoint.id}
                  endpoint={endpoint}
                  api={api}
                  timeZone={business.timezone}
                  onChanged={(updated, message) => (replace(updated), changed(message))}
                  onSecret={(updated) => (replace(withoutSecret(updated)), showSecret(updated), changed("Rotated the signing secret. Copy the new one now."))}
                  onDeleted={() => {
                    setEndpoints((current) => current.filter((e) => e.id !== endpoint.id));
                    if (shownSecret?.endpointId === endpoint.id) setShownSecret(null);
                    changed("Deleted the endpoint.");
                    // The focused button is gone with its endpoint.
                    listHeading.current?.focus();
                  }}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}

/** Active, failing since…, or disabled with the reason: the disabled notice stands out. */
function EndpointState({ endpoint, timeZone }: { endpoint: WebhookEndpointWire; timeZone: string }) {
  const state = webhookEndpointState(endpoint);
  if (state.kind === "active") return <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>;
  if (state.kind === "failing")
    return (
      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
        Failing since <time dateTime={state.since}>{formatInZone(state.since, timeZone)}</time>
      </span>
    );
  return <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Disabled</span>;
}

interface EndpointItemProps {
  endpoint: WebhookEndpointWire;
  api: WebhooksApi;
  timeZone: string;
  onChanged: (endpoint: WebhookEndpointWire, message: string) => string;
  onSecret: (endpoint: WebhookEndpointWithSecret) => void;
  onDeleted: () => void;
}

function EndpointItem({ endpoint, api, timeZone, onChanged, onSecret, onDeleted }: EndpointItemProps) {
  const { mode, edit, confirmDelete, backToView, titleInput: urlInput, editButton, keepButton } = useItemEditing();
  const [error, setError] = useState<string | null>(null);
  const [logOpen, setLogOpen] = useState(false);
  // Bumped after a test event: the open log loads again.
  const [logVersion, setLogVersion] = useState(0);
  const state = webhookEndpointState(endpoint);
  const name = endpoint.description || endpoint.url;
  const logId = `deliveries-${endpoint.id}`;

  async function act(run: () => Promise<void>, fallback: string) {
    setError(null);
    try {
      await run();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : fallback);
    }
  }

  if (mode === "edit") {
    return (
      <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h3 className="mb-2 text-sm font-semibold text-slate-700">Edit the endpoint</h3>
        <WebhookForm
          idPrefix={`edit-${endpoint.id}`}
          initial={{ url: endpoint.url, description: endpoint.description, events: endpoint.events }}
          submitLabel="Save changes"
          urlRef={urlInput}
          onCancel={backToView}
          onSubmit={async (values) => {
            const message = onChanged(await api.update(endpoint.id, values), "Saved the endpoint.");
            backToView();
            return message;
          }}
        />
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="break-all font-mono text-sm text-slate-900">{endpoint.url}</h3>
          {endpoint.description ? <p className="text-sm text-slate-700">{endpoint.description}</p> : null}
        </div>
        <EndpointState endpoint={endpoint} timeZone={timeZone} />
      </div>
      {state.kind === "disabled" ? (
        <div className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          <p className="font-semibold">Disabled{state.at ? <> on {formatInZone(state.at, timeZone)}</> : null}: nothing is sent to it.</p>
          {state.reason ? <p>{state.reason}</p> : null}
          <p>
            {endpoint.pending_deliveries} {endpoint.pending_deliveries === 1 ? "delivery waits" : "deliveries wait"}; enable the endpoint once your receiver works again and they are sent at once, in
            order.
          </p>
        </div>
      ) : null}
      <p className="text-xs text-slate-600">
        Events:{" "}
        {endpoint.events.map((type) => (
          <code key={type} className="mr-1 font-mono">
            {type}
          </code>
        ))}
      </p>
      <FormError message={error} />
      {mode === "confirm-delete" ? (
        <DeleteConfirmation
          title={name}
          consequence="Its delivery log and the deliveries still waiting are deleted; nothing more is sent to it."
          deleteLabel="Delete endpoint"
          keepRef={keepButton}
          onKeep={backToView}
          onDelete={async () => {
            await api.remove(endpoint.id);
            onDeleted();
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button ref={editButton} variant="secondary" className="px-3 py-1.5" onClick={edit}>
            Edit<span className="sr-only"> {name}</span>
          </Button>
          <Button
            variant="secondary"
            className="px-3 py-1.5"
            onClick={() =>
              void act(async () => {
                const updated = await api.update(endpoint.id, { enabled: !endpoint.enabled });
                onChanged(updated, updated.enabled ? "Enabled the endpoint." : "Disabled the endpoint.");
              }, "Saving failed.")
            }
          >
            {endpoint.enabled ? "Disable" : "Enable"}
            <span className="sr-only"> {name}</span>
          </Button>
          {endpoint.enabled ? (
            <Button
              variant="secondary"
              className="px-3 py-1.5"
              onClick={() =>
                void act(async () => {
                  await api.sendTest(endpoint.id);
                  setLogOpen(true);
                  setLogVersion((version) => version + 1);
                  onChanged(endpoint, "Sent a test event: it appears in the delivery log.");
                }, "Sending the test event failed.")
              }
            >
              Send test event<span className="sr-only"> to {name}</span>
            </Button>
          ) : null}
          <Button variant="secondary" className="px-3 py-1.5" onClick={() => void act(async () => onSecret(await api.rotateSecret(endpoint.id)), "Rotating failed.")}>
            Rotate secret<span className="sr-only"> of {name}</span>
          </Button>
          <Button variant="secondary" className="px-3 py-1.5" onClick={confirmDelete}>
            Delete<span className="sr-only"> {name}</span>
          </Button>
          <Button variant="secondary" className="px-3 py-1.5" aria-expanded={logOpen} aria-controls={logId} onClick={() => setLogOpen((open) => !open)}>
            {logOpen ? "Hide deliveries" : "Show deliveries"}
            <span className="sr-only"> of {name}</span>
          </Button>
        </div>
      )}
      <div id={logId} hidden={!logOpen}>
        {logOpen ? <DeliveryLog api={api} endpointId={endpoint.id} timeZone={timeZone} refreshKey={logVersion} /> : null}
      </div>
    </li>
  );
}
