import type { z } from "zod";
import { AppError } from "./app-error";

/** Validate untrusted input; on failure an AppError("validation_error") names every offending field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  const summary = Object.keys(fields).join(", ");
  throw new AppError("validation_error", `Invalid input: ${summary}.`, { fields });
}
