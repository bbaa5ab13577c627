"use client";

import { useState, type FormEvent, type Ref } from "react";
import { controlProps, Field, otherErrors, SaveRow, useSave } from "@/components/ui/form-parts";
import { inputClass } from "@/components/ui/input";
import { DEFAULT_TAG_COLOR, normalizeTagName, TAG_COLOR_NAMES, TAG_COLORS, TAG_NAME_MAX_LENGTH, type TagColor } from "@/lib/contract/tags";
import { TagChip } from "./tag-chip";

interface Props {
  /** Distinguishes the fields of several forms on one page. */
  idPrefix: string;
  initial?: { name: string; color: TagColor };
  submitLabel: string;
  /** Saves and answers what to announce; throws the API's error (its `fields` land under the fields). */
  onSubmit: (input: { name: string; color: TagColor }) => Promise<string>;
  onCancel?: () => void;
  nameRef?: Ref<HTMLInputElement>;
}

/** A tag's name and colour, with a preview of the chip as agents will see it. */
export function TagForm({ idPrefix, initial, submitLabel, onSubmit, onCancel, nameRef }: Props) {
  const [name, setName] = useState(initial?.name ?? "");
  const [color, setColor] = useState<TagColor>(initial?.color ?? DEFAULT_TAG_COLOR);
  const save = useSave();
  const nameId = `${idPrefix}-name`;
  const nameError = save.error("name");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.run(() => onSubmit({ name, color }));
    if (saved && !initial) setName("");
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <Field id={nameId} label="Name" hint={`Up to ${TAG_NAME_MAX_LENGTH} characters; stored in lower case, so “VIP” and “vip” are one tag.`} error={nameError}>
        <input
          {...controlProps(nameId, nameError, true)}
          ref={nameRef}
          type="text"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={TAG_NAME_MAX_LENGTH + 20}
          autoComplete="off"
          className={`${inputClass} max-w-sm`}
        />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Colour</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {TAG_COLOR_NAMES.map((option) => (
            <label
              key={option}
              className="inline-flex cursor-pointer items-center gap-1.5 rounded-full border border-slate-200 px-2 py-1 text-xs has-[:checked]:border-brand-500 has-[:checked]:ring-2 has-[:checked]:ring-brand-500/30"
            >
              <input type="radio" name={`${idPrefix}-color`} value={option} checked={color === option} onChange={() => setColor(option)} className="sr-only" />
              <span aria-hidden="true" className="h-3 w-3 rounded-full" style={{ backgroundColor: TAG_COLORS[option].text }} />
              <span className="capitalize text-slate-800">{option}</span>
            </label>
          ))}
        </div>
        {otherErrors(save.errors, ["name", "_"]) ? <p className="mt-1 text-sm text-red-700">{otherErrors(save.errors, ["name", "_"])}</p> : null}
      </fieldset>
      <p className="flex items-center gap-2 text-sm text-slate-600">
        Preview: <TagChip tag={{ id: "preview", name: normalizeTagName(name) || "tag name", color }} />
      </p>
      <SaveRow label={submitLabel} pending={save.pending} status={save.status} error={save.error("_")} onCancel={onCancel} />
    </form>
  );
}
