"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { inputClass } from "@/components/ui/input";
import { MESSAGE_MAX_LENGTH } from "@/lib/contract/customer-chat";
import type { StartChatInput } from "@/lib/chat/use-customer-chat.client";
import { submitOnEnter } from "./composer";
import { DeskNotice } from "./desk-notice";
import type { DeskStatusWire } from "@/lib/contract/business-hours";

/** Optional name and email plus the first message: what opens a chat. While the desk is closed the email is needed (to answer there). */
export function StartChatForm({ businessName, desk, onStart }: { businessName: string; desk: DeskStatusWire; onStart: (input: StartChatInput) => Promise<void> }) {
  const away = !desk.open;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), message: String(form.get("message") ?? "") };
    if (!input.message.trim()) {
      setError("Please write a message so we know how to help.");
      return;
    }
    if (away && !input.email.trim()) {
      setError("Please leave your email so we can answer you while we're away.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onStart(input);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The chat could not be started. Please try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-1 flex-col gap-4 overflow-y-auto p-4 sm:p-6">
      <div>
        <h2 className="text-lg font-semibold">Chat with {businessName}</h2>
        <p className="mt-1 text-sm text-slate-600">{away ? "Leave us a message and your email, and we'll get back to you." : "Tell us what you need and someone from our team will join you."}</p>
      </div>
      <DeskNotice desk={desk} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="chat-name" className="block text-sm font-medium text-slate-700">
            Name <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input id="chat-name" name="name" autoComplete="name" maxLength={100} className={inputClass} />
        </div>
        <div>
          <label htmlFor="chat-email" className="block text-sm font-medium text-slate-700">
            Email <span className="font-normal text-slate-500">{away ? "(needed while we're away)" : "(optional)"}</span>
          </label>
          <input id="chat-email" name="email" type="email" required={away} autoComplete="email" maxLength={200} pattern="[^@\s]+@[^@\s]+\.[^@\s]+" className={inputClass} />
        </div>
      </div>
      <div>
        <label htmlFor="chat-message" className="block text-sm font-medium text-slate-700">
          How can we help?
        </label>
        <textarea id="chat-message" name="message" required rows={4} maxLength={MESSAGE_MAX_LENGTH} onKeyDown={submitOnEnter} className={`${inputClass} resize-y`} />
        <p className="mt-1 text-xs text-slate-500">Enter sends, Shift+Enter adds a line.</p>
      </div>
      <FormError message={error} />
      <Button type="submit" disabled={pending} className="w-full sm:w-auto sm:self-start">
        {pending ? "Starting…" : away ? "Leave a message" : "Start chat"}
      </Button>
    </form>
  );
}
