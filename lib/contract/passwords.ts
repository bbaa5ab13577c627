/**
 * The rule every new password meets (setup, invite, reset, account), checked the same way in the
 * browser (as the user types) and on the server. Universal.
 */
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// The most common choices that pass a length rule: refused outright.
const COMMON_PASSWORDS = new Set([
  "password12",
  "password123",
  "password1234",
  "1234567890",
  "qwertyuiop",
  "0123456789",
  "iloveyou12",
  "letmein123",
  "welcome123",
  "administrator",
  "switchboard",
  "changeme123",
  "qwerty1234",
]);

/** Why `password` is too weak, or null. `context` holds words it must not merely repeat (the email, the name). */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (new Set(password).size < 4) return "Use more different characters.";
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "This password is too common.";
  const personal = [context.email?.split("@")[0], context.email, context.name].filter((word): word is string => !!word && word.length >= 3).map((word) => word.toLowerCase());
  if (personal.some((word) => lower === word || lower.replace(/[0-9!.?_-]+$/, "") === word)) return "Do not use your name or email as the password.";
  return null;
}

/** A password field of a body, before the context check (which needs the other fields). */
export const passwordField = z.string().max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** Adds the strength rule to a body holding `field`, named in the 400's fields. */
export function requireStrongPassword<T extends Record<string, unknown>>(field: keyof T & string, context: (input: T) => { email?: string; name?: string }) {
  return (input: T, ctx: z.RefinementCtx) => {
    const problem = passwordProblem(String(input[field] ?? ""), context(input));
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  };
}
