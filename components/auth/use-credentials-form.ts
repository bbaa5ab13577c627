"use client";

import { useState } from "react";
import { AppError } from "@/lib/errors/app-error";
import { signInAfter } from "@/lib/auth/sign-in-after.client";
import { fieldErrorsOf, type FieldErrors } from "@/components/ui/form-parts";
import { useFormErrorFocus } from "./use-form-error-focus";

/**
 * The forms that set a password and then sign in with it (setup, joining by invitation, a reset):
 * field errors with focus on the first, pending state, and `gone` when the server answers 404
 * (the link was used or expired, or setup is already done) so the form gives way to a message.
 */
export function useCredentialsForm(failureMessage: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const { formRef, clearOnEdit } = useFormErrorFocus(errors, setErrors);
  const [pending, setPending] = useState(false);
  const [gone, setGone] = useState(false);

  /** Runs the API call, then signs in with what it answered (`target` opens after). */
  async function submitAndSignIn(run: () => Promise<{ email: string; password: string; target: string }>) {
    setPending(true);
    try {
      const { email, password, target } = await run();
      await signInAfter(email, password, target);
    } catch (failure) {
      if (failure instanceof AppError && failure.code === "not_found") setGone(true);
      else setErrors(fieldErrorsOf(failure, failureMessage));
      setPending(false);
    }
  }

  return { errors, setErrors, formRef, clearOnEdit, pending, gone, submitAndSignIn };
}
