"use client";

import { useId, type FormEvent } from "react";
import { TextInputField } from "@/components/auth/text-input-field";
import { useFormErrorFocus } from "@/components/auth/use-form-error-focus";
import { otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { accountApi } from "@/lib/auth/account-api.client";
import { accountPatch, type AccountWire } from "@/lib/contract/account";
import { parseInput } from "@/lib/errors/parse-input";

const FIELDS = ["name"] as const;

/** Renames the signed-in person (their agent name too). */
export function NameForm({ account, onSaved }: { account: AccountWire; onSaved: (account: AccountWire) => void }) {
  const id = useId();
  const { pending, errors, status, run, error, setErrors } = useSave();
  const { formRef, clearOnEdit } = useFormErrorFocus(errors, setErrors);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    await run(async () => {
      onSaved(await accountApi.rename(parseInput(accountPatch, { name }).name));
      return "Name saved.";
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} onChange={clearOnEdit} noValidate className="flex flex-col gap-3">
      <TextInputField id={`${id}-name`} label="Name" name="name" autoComplete="name" maxLength={100} defaultValue={account.name} error={error("name")} />
      <SaveRow label="Save name" pending={pending} status={status} error={otherErrors(errors, FIELDS)} />
    </form>
  );
}
