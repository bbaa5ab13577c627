import type { ComponentPropsWithoutRef, ReactNode } from "react";
import { controlProps, Field } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";

type Props = Omit<ComponentPropsWithoutRef<"input">, "id" | "className"> & { id: string; label: string; error: string | null; hint?: ReactNode };

/** A labelled text input (name, email, a password that is not a new one) with its hint and error. */
export function TextInputField({ id, label, error, hint, ...input }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input {...input} {...controlProps(id, error, !!hint)} className={inputClass} />
    </Field>
  );
}
