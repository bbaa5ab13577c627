"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/input";
import { parseInput } from "@/lib/errors/parse-input";
import { createBusiness } from "@/lib/team/settings-api.client";
import { businessCreateBody } from "@/lib/contract/businesses";
import { CurrencySelect } from "./currency-select";
import { controlProps, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { TimeZoneSelect, useBrowserTimeZone } from "./time-zone-select";
import { useSlugFromName } from "./use-slug-from-name";

const FIELDS = ["name", "slug", "legal_name", "timezone", "currency"];

/** Another business owned by the signed-in owner; on success its settings page opens. */
export function NewBusinessForm() {
  const id = useId();
  const router = useRouter();
  const { name, setName, slug, setSlug } = useSlugFromName();
  const [legalName, setLegalName] = useState("");
  const browserZone = useBrowserTimeZone();
  const [chosenZone, setChosenZone] = useState<string | null>(null);
  const timezone = chosenZone ?? browserZone;
  const [currency, setCurrency] = useState("USD");
  const { pending, errors, status, run, error } = useSave();
  const fieldId = (field: string) => `${id}-${field}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      const input = parseInput(businessCreateBody, { name, slug, timezone, currency, ...(legalName.trim() ? { legal_name: legalName } : {}) });
      const business = await createBusiness(input);
      router.push(`/settings?company_id=${encodeURIComponent(business.id)}`);
      return `Created ${business.name}. Opening its settings…`;
    });
  }

  return (
    <Card headingId={`${id}-heading`} title="New business" description="You become its owner. Invite its team from its Team page afterwards.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={fieldId("name")} label="Name" error={error("name")}>
            <input {...controlProps(fieldId("name"), error("name"))} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="organization" className={inputClass} />
          </Field>
          <Field id={fieldId("legal_name")} label="Legal name" labelNote="(optional)" hint="Defaults to the name." error={error("legal_name")}>
            <input {...controlProps(fieldId("legal_name"), error("legal_name"), true)} value={legalName} onChange={(e) => setLegalName(e.target.value)} maxLength={200} className={inputClass} />
          </Field>
        </div>
        <Field id={fieldId("slug")} label="Public address (slug)" hint={`Customers chat at /chat/${slug || "…"}. Filled in from the name until you change it.`} error={error("slug")}>
          <input
            {...controlProps(fieldId("slug"), error("slug"), true)}
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            maxLength={48}
            autoCapitalize="none"
            spellCheck={false}
            className={inputClass}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={fieldId("timezone")} label="Time zone" error={error("timezone")}>
            <TimeZoneSelect {...controlProps(fieldId("timezone"), error("timezone"))} value={timezone} onChange={setChosenZone} />
          </Field>
          <Field id={fieldId("currency")} label="Currency" error={error("currency")}>
            <CurrencySelect {...controlProps(fieldId("currency"), error("currency"))} value={currency} onChange={setCurrency} />
          </Field>
        </div>
        <SaveRow label="Create business" pendingLabel="Creating…" pending={pending} status={status} error={otherErrors(errors, FIELDS)} />
      </form>
    </Card>
  );
}
