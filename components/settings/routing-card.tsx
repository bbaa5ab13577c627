"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/input";
import { textLinkClass } from "@/components/ui/text-link";
import { parseInput } from "@/lib/errors/parse-input";
import { businessSettingsPatch, MAX_CAPACITY, type BusinessSettingsPatch, type BusinessSettingsWire } from "@/lib/contract/businesses";
import { controlProps, errorText, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";

const MODES = [
  { value: "manual", label: "Manual", description: "Agents claim chats from the queue." },
  { value: "auto", label: "Automatic", description: "New chats are assigned to online agents with free capacity; the rest wait in the queue." },
] as const;

interface Props {
  saved: BusinessSettingsWire;
  teamHref: string;
  onSave: (patch: BusinessSettingsPatch) => Promise<BusinessSettingsWire>;
}

/** How chats that need a person reach the agents, and the capacity new members start with. */
export function RoutingCard({ saved, teamHref, onSave }: Props) {
  const id = useId();
  const [routing, setRouting] = useState(saved.routing);
  const [capacity, setCapacity] = useState(String(saved.default_capacity));
  const { pending, errors, status, run, error } = useSave();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      const changes: Record<string, unknown> = {};
      if (routing !== saved.routing) changes.routing = routing;
      if (capacity.trim() !== String(saved.default_capacity)) changes.default_capacity = capacity.trim() === "" ? Number.NaN : Number(capacity);
      if (Object.keys(changes).length === 0) return "Nothing to save: no changes.";
      const answer = await onSave(parseInput(businessSettingsPatch, changes));
      setCapacity(String(answer.default_capacity));
      return "Saved.";
    });
  }

  const routingError = errorText(errors, "routing");
  return (
    <Card headingId={`${id}-heading`} title="Routing" description="How chats the assistant hands over reach your agents.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <fieldset aria-describedby={routingError ? `${id}-routing-error` : undefined}>
          <legend className="text-sm font-medium text-slate-700">Chats waiting for a person</legend>
          <div className="mt-2 flex flex-col gap-2">
            {MODES.map((mode) => (
              <label key={mode.value} className="flex items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50">
                <input
                  type="radio"
                  name={`${id}-routing`}
                  value={mode.value}
                  checked={routing === mode.value}
                  onChange={() => setRouting(mode.value)}
                  className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                />
                <span className="text-sm">
                  <span className="block font-medium text-slate-800">{mode.label}</span>
                  <span className="block text-slate-600">{mode.description}</span>
                </span>
              </label>
            ))}
          </div>
          {routingError ? (
            <p id={`${id}-routing-error`} role="alert" className="mt-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {routingError}
            </p>
          ) : null}
        </fieldset>
        <div className="max-w-xs">
          <Field
            id={`${id}-capacity`}
            label="Capacity of new members"
            hint={
              <>
                Chats at once, 1–{MAX_CAPACITY}. Each member&apos;s own capacity is set on the{" "}
                <Link href={teamHref} className={textLinkClass}>
                  Team page
                </Link>
                .
              </>
            }
            error={error("default_capacity")}
          >
            <input
              {...controlProps(`${id}-capacity`, error("default_capacity"), true)}
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_CAPACITY}
              step={1}
              value={capacity}
              onChange={(e) => setCapacity(e.target.value)}
              className={inputClass}
            />
          </Field>
        </div>
        <SaveRow label="Save routing" pending={pending} status={status} error={otherErrors(errors, ["routing", "default_capacity"])} />
      </form>
    </Card>
  );
}
