"use client";

import { useId, useState, type FormEvent, type Ref } from "react";
import { FormError } from "@/components/ui/form-error";
import { controlProps, errorText, Field, fieldErrorsOf, otherErrors, SubmitButtons, type FieldErrors } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
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

const FIELDS = ["title", "body"] as const;

/** Title and body of an article: the create form and the in-place editor. */
export function ArticleForm({ initial, submitLabel, onSubmit, onCancel, titleRef }: Props) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

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
      setErrors(fieldErrorsOf(error));
    } finally {
      setPending(false);
    }
  }

  const error = (field: string) => errorText(errors, field);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field id={`${id}-title`} label="Title" error={error("title")}>
        <input ref={titleRef} name="title" defaultValue={initial?.title} maxLength={ARTICLE_TITLE_MAX_LENGTH} {...controlProps(`${id}-title`, error("title"))} className={inputClass} />
      </Field>
      <Field id={`${id}-body`} label="Body" hint="A blank line starts a new paragraph." error={error("body")}>
        <textarea name="body" rows={6} defaultValue={initial?.body} maxLength={ARTICLE_BODY_MAX_LENGTH} {...controlProps(`${id}-body`, error("body"), true)} className={`${inputClass} resize-y`} />
      </Field>
      <FormError message={otherErrors(errors, FIELDS)} />
      <SubmitButtons label={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
