"use client";

import { useId, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/input";
import { parseInput } from "@/lib/errors/parse-input";
import { businessSettingsPatch, type BusinessSettingsPatch, type BusinessSettingsWire } from "@/lib/contract/businesses";
import { CurrencySelect } from "./currency-select";
import { controlProps, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { TimeZoneSelect } from "./time-zone-select";

/** The profile form's values as typed (the logo as text: empty means none). */
export interface ProfileDraft {
  name: string;
  legal_name: string;
  slug: string;
  timezone: string;
  currency: string;
  brand_color: string;
  logo_url: string;
}

export const profileDraftOf = (business: BusinessSettingsWire): ProfileDraft => ({
  name: business.name,
  legal_name: business.legal_name,
  slug: business.slug,
  timezone: business.timezone,
  currency: business.currency,
  brand_color: business.brand_color,
  logo_url: business.logo_url ?? "",
});

const PROFILE_FIELDS = ["name", "legal_name", "slug", "timezone", "currency", "brand_color", "logo_url"] as const;
export const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Only what differs from the saved business, as the PATCH body (an emptied logo removes it). */
function changedProfile(draft: ProfileDraft, saved: BusinessSettingsWire): Record<string, unknown> {
  const before = profileDraftOf(saved);
  const patch: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = draft[field].trim();
    if (value === before[field]) continue;
    patch[field] = field === "logo_url" && value === "" ? null : field === "brand_color" ? value.toLowerCase() : value;
  }
  return patch;
}

interface Props {
  saved: BusinessSettingsWire;
  draft: ProfileDraft;
  onDraftChange: (draft: ProfileDraft) => void;
  /** PATCHes the business; answers it as saved. */
  onSave: (patch: BusinessSettingsPatch) => Promise<BusinessSettingsWire>;
}

/** Name, legal name, public address, time zone, currency, brand colour and logo: one PATCH of what changed. */
export function ProfileCard({ saved, draft, onDraftChange, onSave }: Props) {
  const id = useId();
  const { pending, errors, status, run, error } = useSave();
  const set = (field: keyof ProfileDraft) => (value: string) => onDraftChange({ ...draft, [field]: value });
  const fieldId = (field: string) => `${id}-${field}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      const changes = changedProfile(draft, saved);
      if (Object.keys(changes).length === 0) return "Nothing to save: no changes.";
      // The API's own schema first, so the messages match what the server would answer.
      await onSave(parseInput(businessSettingsPatch, changes));
      return "Saved.";
    });
  }

  const slugChanged = draft.slug.trim().toLowerCase() !== saved.slug;
  const pickerColor = HEX_COLOR.test(draft.brand_color) ? draft.brand_color.toLowerCase() : saved.brand_color;

  return (
    <Card headingId={`${id}-heading`} title="Profile" description="How the business is named and shown to customers.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={fieldId("name")} label="Name" error={error("name")}>
            <input
              {...controlProps(fieldId("name"), error("name"))}
              value={draft.name}
              onChange={(e) => set("name")(e.target.value)}
              maxLength={100}
              autoComplete="organization"
              className={inputClass}
            />
          </Field>
          <Field id={fieldId("legal_name")} label="Legal name" hint="The registered company name, on reports." error={error("legal_name")}>
            <input
              {...controlProps(fieldId("legal_name"), error("legal_name"), true)}
              value={draft.legal_name}
              onChange={(e) => set("legal_name")(e.target.value)}
              maxLength={200}
              className={inputClass}
            />
          </Field>
        </div>
        <Field
          id={fieldId("slug")}
          label="Public address (slug)"
          hint={
            <>
              {slugChanged ? (
                <strong className="font-semibold text-slate-800">Old links to /chat/{saved.slug} keep working.</strong>
              ) : (
                <>Customers chat at /chat/{saved.slug}. Changing it keeps old links working.</>
              )}
              {saved.previous_slugs.length > 0 ? <> Former addresses that still lead here: {saved.previous_slugs.map((slug) => `/chat/${slug}`).join(", ")}.</> : null}
            </>
          }
          error={error("slug")}
        >
          <div className="mt-1 flex rounded-md shadow-sm">
            <span aria-hidden className="inline-flex items-center rounded-l-md border border-r-0 border-slate-300 bg-slate-50 px-3 text-sm text-slate-600">
              /chat/
            </span>
            <input
              {...controlProps(fieldId("slug"), error("slug"), true)}
              value={draft.slug}
              onChange={(e) => set("slug")(e.target.value)}
              maxLength={48}
              autoCapitalize="none"
              spellCheck={false}
              className={`${inputClass} mt-0 rounded-l-none shadow-none`}
            />
          </div>
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={fieldId("timezone")} label="Time zone" hint="Reports and the dashboard use it." error={error("timezone")}>
            <TimeZoneSelect {...controlProps(fieldId("timezone"), error("timezone"), true)} value={draft.timezone} onChange={set("timezone")} />
          </Field>
          <Field id={fieldId("currency")} label="Currency" error={error("currency")}>
            <CurrencySelect {...controlProps(fieldId("currency"), error("currency"))} value={draft.currency} onChange={set("currency")} />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={fieldId("brand_color")} label="Brand colour" hint="The customer page's header. Its text turns white or black to stay readable." error={error("brand_color")}>
            <div className="mt-1 flex items-center gap-2">
              <input
                type="color"
                aria-label="Pick the brand colour"
                value={pickerColor}
                onChange={(e) => set("brand_color")(e.target.value)}
                className="h-9 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
              />
              <input
                {...controlProps(fieldId("brand_color"), error("brand_color"), true)}
                value={draft.brand_color}
                onChange={(e) => set("brand_color")(e.target.value)}
                maxLength={7}
                spellCheck={false}
                className={`${inputClass} mt-0 font-mono`}
              />
            </div>
          </Field>
          <Field id={fieldId("logo_url")} label="Logo URL" labelNote="(optional)" hint="An https image, shown round beside the name. Empty: the name's first letter." error={error("logo_url")}>
            <input
              {...controlProps(fieldId("logo_url"), error("logo_url"), true)}
              type="url"
              inputMode="url"
              placeholder="https://example.com/logo.png"
              value={draft.logo_url}
              onChange={(e) => set("logo_url")(e.target.value)}
              maxLength={500}
              className={inputClass}
            />
          </Field>
        </div>
        <SaveRow label="Save profile" pending={pending} status={status} error={otherErrors(errors, PROFILE_FIELDS)} />
      </form>
    </Card>
  );
}
