"use client";

import type { ComponentPropsWithoutRef } from "react";
import { selectClass } from "@/components/ui/select";
import { useBrowserValue } from "./use-browser-value";

interface TimeZoneGroup {
  region: string;
  zones: string[];
}

let cachedGroups: TimeZoneGroup[] | null = null;
const noGroups: TimeZoneGroup[] = [];

/** The browser's IANA zones grouped by region ("Europe/Berlin" under Europe), computed once. */
function timeZoneGroups(): TimeZoneGroup[] {
  if (cachedGroups) return cachedGroups;
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const byRegion = new Map<string, string[]>();
  for (const zone of ["UTC", ...zones.filter((z) => z !== "UTC")]) {
    const region = zone.includes("/") ? zone.slice(0, zone.indexOf("/")) : "Other";
    byRegion.set(region, [...(byRegion.get(region) ?? []), zone]);
  }
  cachedGroups = [...byRegion].map(([region, regionZones]) => ({ region, zones: regionZones }));
  return cachedGroups;
}

/** "America/Argentina/Buenos_Aires" → "America/Argentina/Buenos Aires". */
const zoneLabel = (zone: string) => zone.replaceAll("_", " ");

/** The browser's own time zone (browser only: read it through useBrowserTimeZone or useBrowserValue). */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** The browser's own time zone (a good default for a new business); "UTC" until hydrated, so the server paint matches. */
export function useBrowserTimeZone(): string {
  return useBrowserValue(browserTimeZone, "UTC");
}

type Props = Omit<ComponentPropsWithoutRef<"select">, "children" | "value" | "onChange"> & { value: string; onChange: (timeZone: string) => void };

/** A native select of IANA time zones grouped by region (label it with <label htmlFor={id}>); the full list appears after hydration. */
export function TimeZoneSelect({ value, onChange, className = "", ...props }: Props) {
  const groups = useBrowserValue(timeZoneGroups, noGroups);
  const listed = groups.some((group) => group.zones.includes(value));
  return (
    <select {...props} value={value} onChange={(event) => onChange(event.target.value)} className={`${selectClass} mt-1 block w-full py-2 ${className}`}>
      {!listed && <option value={value}>{zoneLabel(value)}</option>}
      {groups.map((group) => (
        <optgroup key={group.region} label={group.region}>
          {group.zones.map((zone) => (
            <option key={zone} value={zone}>
              {zoneLabel(zone)}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
