"use client";

import { useNow } from "@/lib/browser/use-now.client";

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
// UTC, so the server's first paint and the browser agree.
const absolute = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "5 minutes ago", "in 6 days"; under a minute "just now". */
export function relativeTime(at: number, now: number): string {
  const diff = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

/**
 * A time as "5 minutes ago" (kept current), with the exact UTC time on hover and for machines.
 * The server paints the exact time: "now" is the browser's, known only after hydration.
 */
export function RelativeTime({ at }: { at: string }) {
  const now = useNow();
  const date = new Date(at);
  const exact = `${absolute.format(date)} UTC`;
  return (
    <time dateTime={at} title={exact}>
      {now === null ? exact : relativeTime(date.getTime(), now)}
    </time>
  );
}
