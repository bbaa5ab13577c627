"use client";

import { useEffect, useRef, type Dispatch, type FormEvent, type SetStateAction } from "react";
import type { FieldErrors } from "@/components/ui/form-parts";

/**
 * How a form's field errors behave: after a submit that failed, the first invalid field takes the
 * focus (a form-wide error is an alert already); editing a field drops its error, since the person
 * is fixing it. Each control's `name` must be its error key (`business.slug`, `current_password`).
 */
export function useFormErrorFocus(errors: FieldErrors, setErrors: Dispatch<SetStateAction<FieldErrors>>) {
  const formRef = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);

  useEffect(() => {
    const form = formRef.current;
    const markSubmitted = () => {
      submitted.current = true;
    };
    form?.addEventListener("submit", markSubmitted);
    return () => form?.removeEventListener("submit", markSubmitted);
  }, []);

  useEffect(() => {
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // Only right after a submit: an error cleared while typing must not pull the focus elsewhere.
    if (!submitted.current || !invalid) return;
    submitted.current = false;
    invalid.focus();
  }, [errors]);

  function clearOnEdit(event: FormEvent<HTMLFormElement>) {
    const field = (event.target as HTMLInputElement).name;
    setErrors((current) => (field in current ? Object.fromEntries(Object.entries(current).filter(([key]) => key !== field)) : current));
  }

  return { formRef, clearOnEdit };
}
