import type { z } from "zod";
import { AppError } from "./app-error";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters or unpaired UTF-16 surrogates";

/** Whether PostgreSQL (and Prisma on the way) can store `text` as it is: no NUL, no lone surrogate. */
export const isStorableText = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

/** The path of every string in `value` the database would refuse (a bad object key counts for its object). */
function unstorableTextPaths(value: unknown): string[] {
  const paths = new Set<string>();
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  // A queue, not recursion: no input can be nested deeply enough to overflow the stack.
  for (let i = 0; i < pending.length; i++) {
    const { value: current, path } = pending[i];
    const name = path.length ? path.join(".") : "_";
    if (typeof current === "string") {
      if (!isStorableText(current)) paths.add(name);
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        if (!isStorableText(key)) paths.add(name);
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return [...paths];
}

/**
 * Validate untrusted input (every HTTP body and socket payload comes through here); on failure an
 * AppError("validation_error") names every offending field. Text the database cannot store is
 * refused here, once for every schema.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  const fields: Record<string, string[]> = {};
  if (result.success) {
    for (const path of unstorableTextPaths(result.data)) fields[path] = [UNSTORABLE_TEXT_MESSAGE];
    if (Object.keys(fields).length === 0) return result.data;
  } else {
    for (const issue of result.error.issues) {
      const key = issue.path.length ? issue.path.join(".") : "_";
      (fields[key] ??= []).push(issue.message);
    }
  }
  const summary = Object.keys(fields).join(", ");
  throw new AppError("validation_error", `Invalid input: ${summary}.`, { fields });
}
