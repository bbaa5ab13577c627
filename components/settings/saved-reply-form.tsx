"use client";

import { useId, useLayoutEffect, useRef, useState, type FormEvent, type Ref } from "react";
import { FormError } from "@/components/ui/form-error";
import { controlProps, errorText, Field, fieldErrorsOf, otherErrors, SubmitButtons, type FieldErrors } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
import { parseInput } from "@/lib/errors/parse-input";
import { TEMPLATE_VARIABLES, unknownVariables } from "@/lib/replies/template";
import { SAVED_REPLY_BODY_MAX_LENGTH, SAVED_REPLY_SHORTCUT_MAX_LENGTH, SAVED_REPLY_TITLE_MAX_LENGTH, savedReplyBody, SHORTCUT_RULE, type SavedReplyInput } from "@/lib/contract/saved-replies";

interface Props {
  initial?: SavedReplyInput;
  submitLabel: string;
  /** Saves the reply; a failure with `fields` (a 400, a taken shortcut's 409) is shown next to those fields. */
  onSubmit: (input: SavedReplyInput) => Promise<void>;
  onCancel?: () => void;
  titleRef?: Ref<HTMLInputElement>;
}

const FIELDS = ["title", "shortcut", "body"] as const;

/** Title, shortcut and body of a saved reply, with buttons that put a variable in the body: the create form and the in-place editor. */
export function SavedReplyForm({ initial, submitLabel, onSubmit, onCancel, titleRef }: Props) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [body, setBody] = useState(initial?.body ?? "");
  const bodyBox = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once an inserted variable is rendered (before the next keystroke can land elsewhere).
  const caretAfterInsert = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = caretAfterInsert.current;
    if (at === null) return;
    caretAfterInsert.current = null;
    bodyBox.current?.focus();
    bodyBox.current?.setSelectionRange(at, at);
  }, [body]);
  const unknown = unknownVariables(body);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = new FormData(form);
    setPending(true);
    try {
      // The API's own schema, so the messages match what the server would answer.
      await onSubmit(parseInput(savedReplyBody, { title: String(values.get("title") ?? ""), shortcut: String(values.get("shortcut") ?? ""), body }));
      setErrors({});
      if (!initial) {
        form.reset();
        setBody("");
      }
    } catch (error) {
      setErrors(fieldErrorsOf(error));
    } finally {
      setPending(false);
    }
  }

  /** Puts `{{name}}` where the caret is in the body (over any selection), and the caret after it. */
  function insertVariable(name: string) {
    const box = bodyBox.current;
    const token = `{{${name}}}`;
    const [start, end] = box ? [box.selectionStart, box.selectionEnd] : [body.length, body.length];
    caretAfterInsert.current = start + token.length;
    setBody(body.slice(0, start) + token + body.slice(end));
  }

  const error = (field: string) => errorText(errors, field);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field id={`${id}-title`} label="Title" hint="What agents see in the list, e.g. “Refund policy”." error={error("title")}>
        <input ref={titleRef} name="title" defaultValue={initial?.title} maxLength={SAVED_REPLY_TITLE_MAX_LENGTH} {...controlProps(`${id}-title`, error("title"), true)} className={inputClass} />
      </Field>
      <Field id={`${id}-shortcut`} label="Shortcut" hint={`Agents type / and this in a reply to find it; ${SHORTCUT_RULE}, stored lowercase.`} error={error("shortcut")}>
        <div className="flex items-center gap-1.5">
          <span aria-hidden="true" className="mt-1 font-mono text-slate-600">
            /
          </span>
          <input
            name="shortcut"
            defaultValue={initial?.shortcut}
            maxLength={SAVED_REPLY_SHORTCUT_MAX_LENGTH + 1}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            {...controlProps(`${id}-shortcut`, error("shortcut"), true)}
            className={`${inputClass} font-mono`}
          />
        </div>
      </Field>
      <Field id={`${id}-body`} label="Reply" hint="Sent as the agent's message, variables filled in from the conversation." error={error("body")}>
        <textarea
          ref={bodyBox}
          name="body"
          rows={5}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          maxLength={SAVED_REPLY_BODY_MAX_LENGTH}
          {...controlProps(`${id}-body`, error("body"), true)}
          className={`${inputClass} resize-y`}
        />
      </Field>
      <div role="group" aria-label="Insert a variable into the reply" className="flex flex-wrap items-center gap-2">
        <span aria-hidden="true" className="text-xs text-slate-600">
          Insert:
        </span>
        {TEMPLATE_VARIABLES.map((variable) => (
          <button
            key={variable.name}
            type="button"
            onClick={() => insertVariable(variable.name)}
            title={`Insert ${variable.description}`}
            className="rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40"
          >
            <span className="sr-only">Insert </span>
            {`{{${variable.name}}}`}
          </button>
        ))}
      </div>
      {unknown.length ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {unknown.map((name) => `{{${name}}}`).join(", ")} {unknown.length === 1 ? "is not a variable" : "are not variables"} Switchboard knows: agents will have to replace{" "}
          {unknown.length === 1 ? "it" : "them"} by hand before sending.
        </p>
      ) : null}
      <FormError message={otherErrors(errors, FIELDS)} />
      <SubmitButtons label={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
