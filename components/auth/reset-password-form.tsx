"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { errorText, otherErrors } from "@/components/ui/form-parts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { textLinkClass } from "@/components/ui/text-link";
import { passwordResetApi } from "@/lib/auth/account-api.client";
import { FormOutcome } from "./form-outcome";
import { NewPasswordField } from "./new-password-field";
import { newPasswordProblems } from "./new-password-problems";
import { TextInputField } from "./text-input-field";
import { useCredentialsForm } from "./use-credentials-form";

const FIELDS = ["password", "confirm"] as const;

/** The page of a reset link: a new password (typed twice), then signed in with it. */
export function ResetPasswordForm({ token, account }: { token: string; account: { email: string; name: string } }) {
  const id = useId();
  const { errors, setErrors, formRef, clearOnEdit, pending, gone, submitAndSignIn } = useCredentialsForm("The password could not be changed. Please try again.");
  const [password, setPassword] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = newPasswordProblems(password, String(new FormData(event.currentTarget).get("confirm") ?? ""), account, "password");
    if (Object.keys(problems).length > 0) return setErrors(problems);
    await submitAndSignIn(async () => {
      const { email } = await passwordResetApi.complete(token, password);
      return { email, password, target: "/dashboard" };
    });
  }

  if (gone) {
    return (
      <FormOutcome title="This reset link can no longer be used">
        <p>It was used or has expired in the meantime.</p>
        <p>
          <Link href="/forgot-password" className={textLinkClass}>
            Ask for a new link
          </Link>
        </p>
      </FormOutcome>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-4">
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={account.email} readOnly hidden />
      <NewPasswordField id={`${id}-password`} label="New password" name="password" value={password} onChange={setPassword} context={account} error={errorText(errors, "password")} />
      <TextInputField id={`${id}-confirm`} label="Confirm new password" name="confirm" type="password" autoComplete="new-password" error={errorText(errors, "confirm")} />
      <FormError message={otherErrors(errors, FIELDS)} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Saving…" : "Set password and sign in"}
      </Button>
    </form>
  );
}
