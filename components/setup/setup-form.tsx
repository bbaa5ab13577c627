"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { FormOutcome } from "@/components/auth/form-outcome";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { TextInputField } from "@/components/auth/text-input-field";
import { useCredentialsForm } from "@/components/auth/use-credentials-form";
import { CurrencySelect } from "@/components/settings/currency-select";
import { controlProps, errorText, Field, otherErrors } from "@/components/ui/form-parts";
import { browserTimeZone, TimeZoneSelect } from "@/components/settings/time-zone-select";
import { useBrowserValue } from "@/components/settings/use-browser-value";
import { useSlugFromName } from "@/components/settings/use-slug-from-name";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { textLinkClass } from "@/components/ui/text-link";
import { setupBody } from "@/lib/contract/businesses";
import { parseInput } from "@/lib/errors/parse-input";
import { submitSetup } from "@/lib/setup/setup-api.client";

const FIELDS = ["name", "email", "password", "business.name", "business.slug", "business.timezone", "business.currency"] as const;
const SERVER_TIME_ZONE = "UTC";
const DEFAULT_CURRENCY = "USD";
const legendClass = "mb-3 text-base font-semibold text-slate-900";
const readOrigin = () => window.location.origin;

/** First run: the first owner's account and the first business, then straight into the dashboard. */
export function SetupForm() {
  const id = useId();
  const { errors, formRef, clearOnEdit, pending, gone: alreadyDone, submitAndSignIn } = useCredentialsForm("Setup failed. Please try again.");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const business = useSlugFromName();
  // The browser's own zone once hydrated (the server cannot know it), until the person picks one.
  const browserZone = useBrowserValue(browserTimeZone, SERVER_TIME_ZONE);
  const [chosenZone, setChosenZone] = useState<string | null>(null);
  const timezone = chosenZone ?? browserZone;
  const [currency, setCurrency] = useState(DEFAULT_CURRENCY);
  const origin = useBrowserValue(readOrigin, "");
  const error = (field: (typeof FIELDS)[number]) => errorText(errors, field);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submitAndSignIn(async () => {
      // The API's own schema first, so the messages match what the server would answer.
      const input = parseInput(setupBody, { name, email, password, business: { name: business.name, slug: business.slug || undefined, timezone, currency } });
      await submitSetup(input);
      return { email: input.email, password: input.password, target: "/dashboard" };
    });
  }

  if (alreadyDone) {
    return (
      <FormOutcome title="Switchboard is already set up">
        <p>Someone else finished setting up this installation a moment ago, so this form is no longer needed.</p>
        <p>
          <Link href="/login" className={textLinkClass}>
            Sign in
          </Link>{" "}
          with your account, or ask whoever set it up to invite you.
        </p>
      </FormOutcome>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-6">
      <fieldset className="flex flex-col gap-4">
        <legend className={legendClass}>Your account</legend>
        <TextInputField id={`${id}-name`} label="Your name" name="name" autoComplete="name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} error={error("name")} />
        <TextInputField
          id={`${id}-email`}
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          maxLength={254}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={error("email")}
        />
        <NewPasswordField id={`${id}-password`} name="password" value={password} onChange={setPassword} context={{ email, name }} error={error("password")} />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className={legendClass}>Your business</legend>
        <TextInputField
          id={`${id}-business-name`}
          label="Business name"
          name="business.name"
          autoComplete="organization"
          maxLength={100}
          value={business.name}
          onChange={(e) => business.setName(e.target.value)}
          error={error("business.name")}
        />
        <TextInputField
          id={`${id}-slug`}
          label="Chat address"
          name="business.slug"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={48}
          value={business.slug}
          onChange={(e) => business.setSlug(e.target.value)}
          error={error("business.slug")}
          hint={
            <>
              Customers chat with you at
              <span className="block font-medium break-words text-slate-800">
                {origin}/chat/{business.slug || "…"}
              </span>
            </>
          }
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${id}-timezone`} label="Time zone" error={error("business.timezone")}>
            <TimeZoneSelect {...controlProps(`${id}-timezone`, error("business.timezone"))} name="business.timezone" value={timezone} onChange={setChosenZone} />
          </Field>
          <Field id={`${id}-currency`} label="Currency" error={error("business.currency")}>
            <CurrencySelect {...controlProps(`${id}-currency`, error("business.currency"))} name="business.currency" value={currency} onChange={setCurrency} />
          </Field>
        </div>
        <p className="text-xs text-slate-600">You can change all of these later in Settings, and add more businesses.</p>
      </fieldset>
      <FormError message={otherErrors(errors, FIELDS)} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Setting up…" : "Create account and business"}
      </Button>
    </form>
  );
}
