"use client";

import { useId, useState, type FormEvent } from "react";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/input";
import { parseInput } from "@/lib/errors/parse-input";
import { allowedOriginsBody, MAX_ALLOWED_ORIGINS } from "@/lib/contract/allowed-origins";
import { controlProps, errorText, Field, SaveRow, useSave, type FieldErrors } from "@/components/ui/form-parts";

const FIELD = "allowed_origins";

/** The API names a bad entry `allowed_origins.<index>`: say which line it is. */
function originsError(errors: FieldErrors, origins: string[]): string | null {
  const lines = Object.keys(errors)
    .filter((field) => field.startsWith(`${FIELD}.`))
    .map((field) => {
      const index = Number(field.slice(FIELD.length + 1));
      return `“${origins[index] ?? `line ${index + 1}`}”: ${errorText(errors, field)}`;
    });
  return [errorText(errors, FIELD), ...lines, errorText(errors, "_")].filter(Boolean).join(" ") || null;
}

const linesOf = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

interface Props {
  initialOrigins: string[];
  /** PUTs the list; answers it as stored (canonical origins). */
  onSave: (origins: string[]) => Promise<string[]>;
}

/** The sites that may embed the customer chat (and use its API from their pages): one origin per line. */
export function AllowedOriginsCard({ initialOrigins, onSave }: Props) {
  const id = useId();
  const [text, setText] = useState(initialOrigins.join("\n"));
  const { pending, errors, status, run } = useSave();
  const origins = linesOf(text);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await run(async () => {
      const stored = await onSave(parseInput(allowedOriginsBody, { allowed_origins: origins }).allowed_origins);
      setText(stored.join("\n"));
      return stored.length ? "Saved." : "Saved: no other site may embed the chat.";
    });
  }

  const error = originsError(errors, origins);
  return (
    <Card headingId={`${id}-heading`} title="Allowed origins" description="Your own sites that may embed the chat. The app's own address always may.">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <Field id={`${id}-origins`} label="Sites, one origin per line" hint={`Scheme, host and port only, such as https://shop.example. At most ${MAX_ALLOWED_ORIGINS}.`} error={error}>
          <textarea
            {...controlProps(`${id}-origins`, error, true)}
            rows={4}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={"https://shop.example\nhttps://help.shop.example"}
            spellCheck={false}
            autoCapitalize="none"
            className={`${inputClass} resize-y font-mono`}
          />
        </Field>
        <SaveRow label="Save origins" pending={pending} status={status} error={null} />
      </form>
    </Card>
  );
}
