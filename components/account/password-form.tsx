"use client";

import { useId, useState, type FormEvent } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { newPasswordProblems } from "@/components/auth/new-password-problems";
import { TextInputField } from "@/components/auth/text-input-field";
import { useFormErrorFocus } from "@/components/auth/use-form-error-focus";
import { otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { accountApi } from "@/lib/auth/account-api.client";
import type { AccountWire } from "@/lib/contract/account";

const FIELDS = ["current_password", "new_password", "confirm"] as const;

/** Changes the password; the person's other sessions are signed out, this one stays. */
export function PasswordForm({ account }: { account: AccountWire }) {
  const id = useId();
  const { pending, errors, status, run, error, setErrors } = useSave();
  const { formRef, clearOnEdit } = useFormErrorFocus(errors, setErrors);
  const [newPassword, setNewPassword] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    const currentPassword = String(values.get("current_password") ?? "");
    // The server's own checks first: a wrong guess at the current password costs a throttled attempt.
    const problems = newPasswordProblems(newPassword, String(values.get("confirm") ?? ""), account, "new_password");
    if (!currentPassword) problems.current_password = ["Enter your current password."];
    if (Object.keys(problems).length > 0) return setErrors(problems);
    const changed = await run(async () => {
      const { other_sessions_ended: ended } = await accountApi.changePassword(currentPassword, newPassword);
      return `Password changed. Your other sessions were signed out (${ended}).`;
    });
    if (changed) {
      form.reset();
      setNewPassword("");
    }
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-3">
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={account.email} readOnly hidden />
      <TextInputField id={`${id}-current-password`} label="Current password" name="current_password" type="password" autoComplete="current-password" error={error("current_password")} />
      <NewPasswordField id={`${id}-new-password`} label="New password" name="new_password" value={newPassword} onChange={setNewPassword} context={account} error={error("new_password")} />
      <TextInputField id={`${id}-confirm`} label="Confirm new password" name="confirm" type="password" autoComplete="new-password" error={error("confirm")} />
      <SaveRow label="Change password" pending={pending} status={status} error={otherErrors(errors, FIELDS)} />
    </form>
  );
}
