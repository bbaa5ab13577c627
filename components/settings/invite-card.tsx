"use client";

import { useId, useState, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/input";
import { selectClass } from "@/components/ui/select";
import { parseInput } from "@/lib/errors/parse-input";
import { AppError } from "@/lib/errors/app-error";
import { inviteBody, type InviteCreatedWire, type InviteInput } from "@/lib/contract/team";
import { CopyLink } from "./copy-link";
import { controlProps, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { ROLE_LABELS, type RoleName } from "./roles";

interface Props {
  assignableRoles: readonly RoleName[];
  onInvite: (input: InviteInput) => Promise<InviteCreatedWire>;
}

/** Email + role → a single-use invitation link, shown once to copy (and emailed when the server can). */
export function InviteCard({ assignableRoles, onInvite }: Props) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<RoleName>(assignableRoles.includes("AGENT") ? "AGENT" : assignableRoles[0]);
  const [created, setCreated] = useState<InviteCreatedWire | null>(null);
  const { pending, errors, status, run, error } = useSave();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    await run(async () => {
      try {
        const answer = await onInvite(parseInput(inviteBody, { email, role }));
        setCreated(answer);
        setEmail("");
        return `Invited ${answer.invite.email} as ${ROLE_LABELS[answer.invite.role].toLowerCase()}.`;
      } catch (failure) {
        // "Already a member" is about the email typed: say it there.
        if (failure instanceof AppError && failure.code === "already_member") throw new AppError(failure.code, failure.message, { fields: { email: [failure.message] } });
        throw failure;
      }
    });
  }

  return (
    <Card headingId={`${id}-heading`} title="Invite someone" description="They get a link to join with a new or their existing account. Links work once and expire.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field id={`${id}-email`} label="Email" error={error("email")}>
            <input {...controlProps(`${id}-email`, error("email"))} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} className={inputClass} />
          </Field>
          <Field id={`${id}-role`} label="Role" error={error("role")}>
            <select {...controlProps(`${id}-role`, error("role"))} value={role} onChange={(e) => setRole(e.target.value as RoleName)} className={`${selectClass} mt-1 block w-full py-2`}>
              {assignableRoles.map((option) => (
                <option key={option} value={option}>
                  {ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <SaveRow label="Create invite link" pendingLabel="Creating…" pending={pending} status={status} error={otherErrors(errors, ["email", "role"])} />
      </form>
      {created ? (
        <div className="mt-4 flex flex-col gap-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
          <CopyLink label={`Invite link for ${created.invite.email}`} url={created.invite_url} focusOnMount />
          <p className="text-sm text-slate-700">
            Copy it now: it is shown only once. {created.email_sent ? `It was also emailed to ${created.invite.email}.` : "Email is not set up here: send the link to them yourself."}
          </p>
        </div>
      ) : null}
    </Card>
  );
}
