"use client";

import { useState } from "react";
import { controlProps, Field } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "@/lib/contract/passwords";

interface Props {
  id: string;
  label?: string;
  name: string;
  value: string;
  onChange: (password: string) => void;
  /** The email and name the password must not merely repeat (the server checks the same). */
  context: { email?: string; name?: string };
  error: string | null;
}

/** The strength rule as the person types: what it needs, what is still wrong, or that it is fine. */
function StrengthHint({ password, context }: Pick<Props, "context"> & { password: string }) {
  if (!password) return <>At least {PASSWORD_MIN_LENGTH} characters, and not your name or email.</>;
  const problem = passwordProblem(password, context);
  if (problem) return <span className="text-amber-800">{problem}</span>;
  return <span className="font-medium text-green-700">✓ Strong enough.</span>;
}

/** A new password (setup, invitation, reset, account) with the live strength hint and a show/hide switch. */
export function NewPasswordField({ id, label = "Password", name, value, onChange, context, error }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={
        // Hidden while an error says what is wrong (it would say it twice); typing clears the error.
        error ? undefined : (
          // Read out as it changes, which is only when the verdict does (not at every keystroke).
          <span aria-live="polite">
            <StrengthHint password={value} context={context} />
          </span>
        )
      }
    >
      {/* The input's own top margin (inputClass) is why the switch starts 0.25rem down. */}
      <div className="relative">
        <input
          {...controlProps(id, error, !error)}
          name={name}
          type={visible ? "text" : "password"}
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          className={`${inputClass} pr-16`}
        />
        <button
          type="button"
          onClick={() => setVisible((shown) => !shown)}
          aria-controls={id}
          className="absolute top-1 right-0 bottom-0 rounded-md px-3 text-xs font-medium text-slate-700 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
        >
          {visible ? "Hide" : "Show"}
          <span className="sr-only"> password</span>
        </button>
      </div>
    </Field>
  );
}
