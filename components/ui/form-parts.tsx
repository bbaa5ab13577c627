"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { AppError } from "@/lib/errors/app-error";

/** Messages per field name (`_` = the form as a whole), as the API's 400/409 `fields` carry them. */
export type FieldErrors = Record<string, string[]>;

/** A failure as field errors: an AppError's `fields` (plus its message when it names none), else `fallback`. */
export function fieldErrorsOf(error: unknown, fallback = "Saving failed. Please try again."): FieldErrors {
  if (!(error instanceof AppError)) return { _: [fallback] };
  return error.details.fields ?? { _: [error.message] };
}

/** "must be an https URL" → "Must be an https URL." (the schema's phrases read as sentences under a field). */
const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/** The joined messages of `field`, or null. */
export const errorText = (errors: FieldErrors, field: string) => (errors[field]?.length ? errors[field].map(sentence).join(" ") : null);

/** The accessibility attributes of a form control whose field has `hint`/`error` lines (ids `<id>-hint`, `<id>-error`). */
export function controlProps(id: string, error: string | null, hint = false) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined } as const;
}

interface FieldProps {
  id: string;
  label: string;
  /** Shown after the label in lighter text, e.g. "(optional)". */
  labelNote?: string;
  hint?: ReactNode;
  error: string | null;
  /** The control, given controlProps(id, error, !!hint). */
  children: ReactNode;
}

/** A label, its control, a hint and the field's error, wired by id. */
export function Field({ id, label, labelNote, hint, error, children }: FieldProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {labelNote ? <span className="font-normal text-slate-500"> {labelNote}</span> : null}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1 empty:hidden">
        <FormError id={`${id}-error`} message={error} />
      </div>
    </div>
  );
}

/**
 * One form's save cycle: pending while `action` runs, its success message for the role=status
 * line, or its failure as field errors. `action` answers the message to announce.
 */
export function useSave() {
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);

  async function run(action: () => Promise<string>): Promise<boolean> {
    setPending(true);
    // Cleared first, so the same message said twice is announced twice.
    setStatus(null);
    try {
      setStatus(await action());
      setErrors({});
      return true;
    } catch (failure) {
      setErrors(fieldErrorsOf(failure));
      return false;
    } finally {
      setPending(false);
    }
  }

  return { pending, errors, status, run, setErrors, setStatus, error: (field: string) => errorText(errors, field) };
}

/** Errors of fields this form does not show (and the form-wide ones), so none goes unsaid. */
export function otherErrors(errors: FieldErrors, shownFields: readonly string[]): string | null {
  const other = Object.keys(errors).filter((field) => !shownFields.includes(field));
  return other.length ? other.map((field) => errorText(errors, field)).join(" ") : null;
}

interface SubmitButtonsProps {
  label?: string;
  pendingLabel?: string;
  pending: boolean;
  /** Shown as a Cancel button beside the submit button when the form can be left unsaved. */
  onCancel?: () => void;
  /** After the buttons, e.g. a status line. */
  children?: ReactNode;
}

/** A form's submit button (disabled, with `pendingLabel`, while it saves) and its Cancel button. */
export function SubmitButtons({ label = "Save", pendingLabel = "Saving…", pending, onCancel, children }: SubmitButtonsProps) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
      {onCancel ? (
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
      {children}
    </div>
  );
}

/** The save button of a form with its role=status line ("Saved") and the errors no field shows. */
export function SaveRow({ status, error, ...buttons }: Omit<SubmitButtonsProps, "children"> & { status: string | null; error: string | null }) {
  return (
    <div className="flex flex-col gap-2">
      <FormError message={error} />
      <SubmitButtons {...buttons}>
        <p role="status" className="text-sm text-emerald-700">
          {status}
        </p>
      </SubmitButtons>
    </div>
  );
}
