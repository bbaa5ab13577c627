"use client";

import { useState, type FormEvent, type Ref } from "react";
import { controlProps, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
import { WEBHOOK_DESCRIPTION_MAX_LENGTH, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOK_URL_MAX_LENGTH, type WebhookEventType } from "@/lib/contract/webhooks";

export interface WebhookFormValues {
  url: string;
  description: string;
  events: WebhookEventType[];
}

interface Props {
  /** Distinguishes the fields of several forms on one page. */
  idPrefix: string;
  initial?: WebhookFormValues;
  submitLabel: string;
  /** Saves and answers what to announce; throws the API's error (its `fields` land under the fields). */
  onSubmit: (values: WebhookFormValues) => Promise<string>;
  onCancel?: () => void;
  urlRef?: Ref<HTMLInputElement>;
}

const NEW_ENDPOINT: WebhookFormValues = { url: "", description: "", events: [...WEBHOOK_EVENT_TYPES] };

/** An endpoint's URL, description and the events it receives (a checkbox each). */
export function WebhookForm({ idPrefix, initial, submitLabel, onSubmit, onCancel, urlRef }: Props) {
  const [values, setValues] = useState<WebhookFormValues>(initial ?? NEW_ENDPOINT);
  const save = useSave();
  const urlId = `${idPrefix}-url`;
  const descriptionId = `${idPrefix}-description`;
  const eventsError = save.error("events");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.run(() => onSubmit(values));
    if (saved && !initial) setValues(NEW_ENDPOINT);
  }

  const toggle = (type: WebhookEventType, on: boolean) =>
    setValues((current) => ({ ...current, events: on ? WEBHOOK_EVENT_TYPES.filter((t) => t === type || current.events.includes(t)) : current.events.filter((t) => t !== type) }));

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field id={urlId} label="Endpoint URL" hint="An https URL of your server; requests are signed with the endpoint's secret." error={save.error("url")}>
        <input
          {...controlProps(urlId, save.error("url"), true)}
          ref={urlRef}
          type="url"
          inputMode="url"
          value={values.url}
          onChange={(event) => setValues({ ...values, url: event.target.value })}
          maxLength={WEBHOOK_URL_MAX_LENGTH}
          placeholder="https://example.com/switchboard-events"
          autoComplete="off"
          className={`${inputClass} w-full`}
        />
      </Field>
      <Field id={descriptionId} label="Description" labelNote="(optional)" error={save.error("description")}>
        <input
          {...controlProps(descriptionId, save.error("description"))}
          type="text"
          value={values.description}
          onChange={(event) => setValues({ ...values, description: event.target.value })}
          maxLength={WEBHOOK_DESCRIPTION_MAX_LENGTH}
          autoComplete="off"
          className={`${inputClass} w-full`}
        />
      </Field>
      <fieldset aria-describedby={eventsError ? `${idPrefix}-events-error` : undefined}>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <ul className="mt-1 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <li key={type}>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" checked={values.events.includes(type)} onChange={(event) => toggle(type, event.target.checked)} className="mt-1" />
                <span>
                  <code className="font-mono text-xs text-slate-900">{type}</code>
                  <span className="block text-xs text-slate-600">{WEBHOOK_EVENT_LABELS[type]}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {eventsError ? (
          <p id={`${idPrefix}-events-error`} className="mt-1 text-sm text-red-700">
            {eventsError}
          </p>
        ) : null}
      </fieldset>
      {otherErrors(save.errors, ["url", "description", "events", "_"]) ? <p className="text-sm text-red-700">{otherErrors(save.errors, ["url", "description", "events", "_"])}</p> : null}
      <SaveRow label={submitLabel} pending={save.pending} status={save.status} error={save.error("_")} onCancel={onCancel} />
    </form>
  );
}
