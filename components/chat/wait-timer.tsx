"use client";

import { useSyncExternalStore } from "react";

// One clock for every timer on the page, ticking once a second while any timer is shown.
let clockNow = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
const clockListeners = new Set<() => void>();

function subscribeClock(listener: () => void) {
  clockListeners.add(listener);
  if (!ticker) {
    clockNow = Date.now();
    ticker = setInterval(() => {
      clockNow = Date.now();
      for (const notify of clockListeners) notify();
    }, 1000);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

function readClock() {
  if (clockNow === 0) clockNow = Date.now();
  return clockNow;
}

/** "0:42", "12:05", "1:02:09". */
export function formatElapsed(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** Time since `since` (ISO), ticking every second. Not a live region: screen readers read it on demand. */
export function WaitTimer({ since, className = "" }: { since: string; className?: string }) {
  const now = useSyncExternalStore(subscribeClock, readClock, () => null);
  const elapsed = now === null ? null : (now - Date.parse(since)) / 1000;
  return (
    <time dateTime={since} className={`tabular-nums ${className}`}>
      {elapsed === null ? "–:––" : formatElapsed(elapsed)}
    </time>
  );
}
