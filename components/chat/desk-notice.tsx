"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { inputClass } from "@/components/ui/input";
import type { DeskStatusWire } from "@/lib/contract/business-hours";

const WEEK_MS = 6 * 24 * 60 * 60 * 1000;
/** setTimeout's longest delay (about 24 days): a later boundary is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const noSubscription = () => () => undefined;

function formatOpening(opensAt: string, timeZone: string | undefined, locale: string | undefined): string {
  const opens = new Date(opensAt);
  const far = opens.getTime() - Date.now() >= WEEK_MS;
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "long", ...(far ? { day: "numeric", month: "long" } : {}), hour: "numeric", minute: "2-digit" }).format(opens);
}

/**
 * When the desk opens: in the business's time zone in the server's paint (the same for every
 * reader), then in the reader's own locale and time zone once in their browser.
 */
function useOpeningText(desk: DeskStatusWire): string | null {
  const { opens_at: opensAt, time_zone: timeZone } = desk;
  return useSyncExternalStore(
    noSubscription,
    () => (opensAt ? `${formatOpening(opensAt, undefined, undefined)} (your time)` : null),
    () => (opensAt ? `${formatOpening(opensAt, timeZone, "en-GB")} (${timeZone} time)` : null),
  );
}

/** What the customer can expect while the desk is closed. */
export function deskExpectation(desk: DeskStatusWire, opening: string | null): string {
  if (desk.closed_reason === "nobody_online") return "No one from our team is online right now. We'll reply as soon as someone is back.";
  return opening ? `We'll reply from ${opening}.` : "We'll reply as soon as we can.";
}

/** "We're away" with when a reply can be expected (nothing while the desk is open). */
export function DeskNotice({ desk, children }: { desk: DeskStatusWire; children?: ReactNode }) {
  const opening = useOpeningText(desk);
  if (desk.open) return null;
  return (
    <section aria-label="We're away" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      <p className="font-medium">We&apos;re away right now.</p>
      <p>{deskExpectation(desk, opening)}</p>
      {children}
    </section>
  );
}

/**
 * Keeps the page's desk right while it stays open: its server state is read again when the hours
 * next open or close, and when the reader comes back to the tab (someone may have come online).
 */
export function useDeskRefresh(desk: DeskStatusWire): void {
  const router = useRouter();
  const changesAt = desk.changes_at;
  useEffect(() => {
    const refreshWhenVisible = () => {
      if (document.visibilityState === "visible") router.refresh();
    };
    document.addEventListener("visibilitychange", refreshWhenVisible);
    // A second past the boundary, so the server's clock is past it too.
    const timer = changesAt ? setTimeout(() => router.refresh(), Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(changesAt) - Date.now()) + 1000)) : undefined;
    return () => {
      document.removeEventListener("visibilitychange", refreshWhenVisible);
      clearTimeout(timer);
    };
  }, [router, changesAt]);
}

/** The email an offline message's customer leaves, to be answered there if they have gone. */
export function OfflineEmailForm({ onSave }: { onSave: (email: string) => Promise<void> }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await onSave(email);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The email could not be saved. Please try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="flex-1">
        <label htmlFor="offline-email" className="block text-sm font-medium text-amber-900">
          Your email, so we can answer you there
        </label>
        <input id="offline-email" name="email" type="email" required autoComplete="email" maxLength={200} className={inputClass} />
      </div>
      <Button type="submit" disabled={pending} className="shrink-0">
        {pending ? "Saving…" : "Save email"}
      </Button>
      <FormError message={error} />
    </form>
  );
}
