"use client";

import { useId, useState, type FormEvent, type Ref } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { inputClass } from "@/components/ui/input";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse-input";
import { ARTICLE_BODY_MAX_LENGTH, ARTICLE_TITLE_MAX_LENGTH, articleBody, type ArticleInput } from "@/lib/contract/knowledge";

interface Props {
  initial?: ArticleInput;
  submitLabel: string;
  /** Saves the article; an AppError with `fields` is shown next to those fields. */
  onSubmit: (input: ArticleInput) => Promise<void>;
  onCancel?: () => void;
  titleRef?: Ref<HTMLInputElement>;
}

type Errors = Record<string, string[]>;

/** Title and body of an article: the create form and the in-place editor. */
export function ArticleForm({ initial, submitLabel, onSubmit, onCancel, titleRef }: Props) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Errors>({});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    setPending(true);
    try {
      // The API's own schema, so the messages match what the server would answer.
      await onSubmit(parseInput(articleBody, { title: String(values.get("title") ?? ""), body: String(values.get("body") ?? "") }));
      setErrors({});
      if (!initial) form.reset();
    } catch (error) {
      setErrors(error instanceof AppError ? (error.details.fields ?? { _: [error.message] }) : { _: ["Saving failed. Please try again."] });
    } finally {
      setPending(false);
    }
  }

  const fieldError = (field: string) => errors[field]?.join(" ") ?? null;
  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <div>
        <label htmlFor={`${id}-title`} className="block text-sm font-medium text-slate-700">
          Title
        </label>
        <input
          ref={titleRef}
          id={`${id}-title`}
          name="title"
          defaultValue={initial?.title}
          maxLength={ARTICLE_TITLE_MAX_LENGTH}
          aria-invalid={!!errors.title}
          aria-describedby={describedBy("title")}
          className={inputClass}
        />
        <FormError id={`${id}-title-error`} message={fieldError("title")} />
      </div>
      <div>
        <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-700">
          Body
        </label>
        <textarea
          id={`${id}-body`}
          name="body"
          rows={6}
          defaultValue={initial?.body}
          maxLength={ARTICLE_BODY_MAX_LENGTH}
          aria-invalid={!!errors.body}
          aria-describedby={describedBy("body")}
          className={`${inputClass} resize-y`}
        />
        <p className="mt-1 text-xs text-slate-500">A blank line starts a new paragraph.</p>
        <FormError id={`${id}-body-error`} message={fieldError("body")} />
      </div>
      <FormError message={fieldError("_")} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
