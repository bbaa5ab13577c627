"use client";

import { useId, type FormEvent } from "react";
import { TextInputField } from "@/components/auth/text-input-field";
import { useFormErrorFocus } from "@/components/auth/use-form-error-focus";
import { otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { accountApi } from "@/lib/auth/account-api.client";
import { emailChangeBody, type AccountWire } from "@/lib/contract/account";
import { parseInput } from "@/lib/errors/parse-input";

const FIELDS = ["email", "current_password"] as const;

/** Changes the sign-in email; the current password confirms it is really them. */
export function EmailForm({ onSaved }: { onSaved: (account: AccountWire) => void }) {
  const id = useId();
  const { pending, errors, status, run, error, setErrors } = useSave();
  const { formRef, clearOnEdit } = useFormErrorFocus(errors, setErrors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    const changed = await run(async () => {
      const input = parseInput(emailChangeBody, { email: String(values.get("email") ?? ""), current_password: String(values.get("current_password") ?? "") });
      const account = await accountApi.changeEmail(input.email, input.current_password);
      onSaved(account);
      return `Email changed. Sign in with ${account.email} from now on.`;
    });
    if (changed) form.reset();
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-3">
      <TextInputField id={`${id}-email`} label="New email" name="email" type="email" autoComplete="email" maxLength={254} error={error("email")} />
      <TextInputField id={`${id}-current-password`} label="Current password" name="current_password" type="password" autoComplete="current-password" error={error("current_password")} />
      <SaveRow label="Change email" pending={pending} status={status} error={otherErrors(errors, FIELDS)} />
    </form>
  );
}
