"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { errorText, otherErrors, type FieldErrors } from "@/components/ui/form-parts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { textLinkClass } from "@/components/ui/text-link";
import { passwordProblem } from "@/lib/contract/passwords";
import type { InvitePreviewWire } from "@/lib/contract/team";
import { acceptInvite } from "@/lib/team/invite-api.client";
import { FormOutcome } from "./form-outcome";
import { NewPasswordField } from "./new-password-field";
import { TextInputField } from "./text-input-field";
import { useCredentialsForm } from "./use-credentials-form";

const FIELDS = ["name", "password"] as const;

interface Props {
  token: string;
  invite: InvitePreviewWire;
  /** The email of a different account this browser is signed in to, if any: joining switches to the invited one. */
  signedInAs: string | null;
}

/** Joins the inviting business: a new account (name + password), or the existing account's password. */
export function AcceptInviteForm({ token, invite, signedInAs }: Props) {
  const id = useId();
  const { errors, setErrors, formRef, clearOnEdit, pending, gone, submitAndSignIn } = useCredentialsForm("Joining failed. Please try again.");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const newAccount = !invite.account_exists;

  // The server's own checks, before spending a (throttled) attempt on them.
  function ownProblems(): FieldErrors {
    const problems: FieldErrors = {};
    if (newAccount && !name.trim()) problems.name = ["Tell us your name."];
    const passwordError = newAccount ? passwordProblem(password, { email: invite.email, name }) : password ? null : "Enter your password.";
    if (passwordError) problems.password = [passwordError];
    return problems;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems = ownProblems();
    if (Object.keys(problems).length > 0) return setErrors(problems);
    await submitAndSignIn(async () => {
      const joined = await acceptInvite({ token, password, ...(newAccount ? { name: name.trim() } : {}) });
      return { email: joined.email, password, target: `/dashboard?company_id=${encodeURIComponent(joined.business_id)}` };
    });
  }

  if (gone) {
    return (
      <FormOutcome title="This invitation can no longer be used">
        <p>It was used, withdrawn or has expired in the meantime. Ask whoever invited you for a new link.</p>
      </FormOutcome>
    );
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-4">
      {signedInAs ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          You are signed in as <strong className="break-words">{signedInAs}</strong>. Joining signs you in as <strong className="break-words">{invite.email}</strong> instead.
        </p>
      ) : null}
      <p className="text-sm text-slate-700">
        {newAccount ? "Create your account for " : "Sign in as "}
        <strong className="break-words">{invite.email}</strong>
        {newAccount ? "." : " to join."}
      </p>
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={invite.email} readOnly hidden />
      {newAccount ? (
        <>
          <TextInputField
            id={`${id}-name`}
            label="Your name"
            name="name"
            autoComplete="name"
            maxLength={100}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errorText(errors, "name")}
          />
          <NewPasswordField id={`${id}-password`} name="password" value={password} onChange={setPassword} context={{ email: invite.email, name }} error={errorText(errors, "password")} />
        </>
      ) : (
        <>
          <TextInputField
            id={`${id}-password`}
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorText(errors, "password")}
          />
          <p className="text-sm">
            <Link href="/forgot-password" className={textLinkClass}>
              Forgot password?
            </Link>
          </p>
        </>
      )}
      <FormError message={otherErrors(errors, FIELDS)} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Joining…" : newAccount ? "Create account and join" : "Sign in and join"}
      </Button>
    </form>
  );
}
