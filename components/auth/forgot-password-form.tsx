"use client";

import { useId, useState, type FormEvent } from "react";
import { errorText, fieldErrorsOf, otherErrors, type FieldErrors } from "@/components/ui/form-parts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { passwordResetApi } from "@/lib/auth/account-api.client";
import { passwordResetRequestBody } from "@/lib/contract/team";
import { parseInput } from "@/lib/errors/parse-input";
import { FormOutcome } from "./form-outcome";
import { TextInputField } from "./text-input-field";
import { useFormErrorFocus } from "./use-form-error-focus";

const FIELDS = ["email"] as const;

/** "Forgot password": asks for a reset link by email. The answer never tells whether the account exists. */
export function ForgotPasswordForm({ linkLifetime }: { linkLifetime: string }) {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const { formRef, clearOnEdit } = useFormErrorFocus(errors, setErrors);
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    try {
      const { email } = parseInput(passwordResetRequestBody, { email: String(new FormData(event.currentTarget).get("email") ?? "") });
      await passwordResetApi.request(email);
      setSentTo(email);
    } catch (failure) {
      setErrors(fieldErrorsOf(failure, "The request failed. Please try again."));
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <FormOutcome title="Check your email">
        <p>
          If an account exists for <strong className="break-words">{sentTo}</strong>, we&apos;ve sent a link to choose a new password. It works once and expires in {linkLifetime}.
        </p>
        <p>Nothing arrived? Check your spam folder, or ask an owner or admin of your business for a reset link.</p>
      </FormOutcome>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">Enter the email you sign in with. We&apos;ll send you a link to choose a new password.</p>
      <TextInputField id={`${id}-email`} label="Email" name="email" type="email" autoComplete="email" maxLength={254} error={errorText(errors, "email")} />
      <FormError message={otherErrors(errors, FIELDS)} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
