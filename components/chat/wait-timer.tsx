"use client";

import { tickingSeconds } from "@/lib/browser/ticking-clock";
import { useNow } from "@/lib/browser/use-now.client";

/** "0:42", "12:05", "1:02:09". */
export function formatElapsed(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Time since `since` (ISO), ticking every second on the page's clock; before that clock runs (the
 * server's paint, hydration) the server's `serverSeconds`, or a placeholder. Not a live region:
 * screen readers read it on demand.
 */
export function WaitTimer({ since, serverSeconds = null, className = "" }: { since: string; serverSeconds?: number | null; className?: string }) {
  const elapsed = tickingSeconds(serverSeconds, since, useNow());
  return (
    <time dateTime={since} className={`tabular-nums ${className}`}>
      {elapsed === null ? "–:––" : formatElapsed(elapsed)}
    </time>
  );
}
