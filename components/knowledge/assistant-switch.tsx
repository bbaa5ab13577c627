"use client";

import { useId, useState } from "react";
import { FormError } from "@/components/ui/form-error";

interface Props {
  /** Saves the switch (PUT assistant-settings): /knowledge and /settings pass their API's. */
  setEnabled: (enabled: boolean) => Promise<{ enabled: boolean }>;
  initialEnabled: boolean;
}

/** The business's assistant on/off switch, saved at once (reverted if the save fails). */
export function AssistantSwitch({ setEnabled: save, initialEnabled }: Props) {
  const id = useId();
  const [enabled, setEnabled] = useState(initialEnabled);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setEnabled(next);
    setPending(true);
    setSaved(null);
    setError(null);
    try {
      const settings = await save(next);
      setEnabled(settings.enabled);
      setSaved(settings.enabled ? "Saved: the assistant answers new chats first." : "Saved: new chats go straight to the queue.");
    } catch (failure) {
      setEnabled(!next);
      setError(failure instanceof Error ? failure.message : "Saving failed. Please try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={pending}
          onChange={(event) => void toggle(event.target.checked)}
          aria-describedby={`${id}-hint`}
          className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600"
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            Assistant answers new chats
          </label>
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            It answers from the knowledge base articles and hands the chat to a person when it cannot help.
          </p>
        </div>
      </div>
      <p role="status" className="text-sm text-emerald-700">
        {saved}
      </p>
      <FormError message={error} />
    </div>
  );
}
