"use client";

import { useId, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { WidgetData, WidgetName } from "@/lib/contract/widgets";
import { useMounted } from "./use-mounted";

export type PanelStatus = "idle" | "loading" | "completed" | "error";

export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** What the page gives every widget panel besides its data: load status, last update, error and retry. */
export interface PanelFrame {
  status: PanelStatus;
  updatedAt?: string;
  error?: string;
  onRetry: () => void;
}

/** A widget panel's props: its widget's data (absent until loaded) and the frame. */
export type WidgetPanelProps<W extends WidgetName> = PanelFrame & { data?: WidgetData[W] };

interface PanelProps extends PanelFrame {
  title: string;
  hasData: boolean;
  className?: string;
  children: ReactNode;
}

/** The frame shared by the six panels: a named section with last-update time and loading/error states. */
export function Panel({ title, status, updatedAt, error, hasData, onRetry, className = "", children }: PanelProps) {
  const headingId = useId();
  // Times are shown in the browser's time zone, so only after hydration (the server's may differ).
  const mounted = useMounted();
  return (
    <section aria-labelledby={headingId} aria-busy={status === "loading"} data-status={status} className={`flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      <header className="mb-3 flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          {title}
        </h2>
        <span className="text-xs text-slate-600">
          {status === "loading" ? (
            "Loading…"
          ) : updatedAt && mounted ? (
            <>
              Updated <time dateTime={updatedAt}>{formatClock(updatedAt)}</time>
            </>
          ) : null}
        </span>
      </header>
      {status === "error" ? (
        <div role="alert" className="mb-3 flex items-center justify-between gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          <span>
            Could not load {title.toLowerCase()}
            {error ? `: ${error}` : "."}
          </span>
          <Button variant="secondary" className="px-2 py-1" onClick={onRetry}>
            Retry
          </Button>
        </div>
      ) : null}
      {hasData ? children : status !== "error" ? <p className="text-sm text-slate-600">Loading…</p> : null}
    </section>
  );
}

/**
 * A figure that briefly highlights when its value changes (no animation with prefers-reduced-motion).
 * A figure that ticks highlights when `changeKey` changes instead, not every second.
 */
export function Stat({ label, value, changeKey = value }: { label: string; value: ReactNode; changeKey?: unknown }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd key={String(changeKey)} className="text-lg font-semibold tabular-nums motion-safe:animate-[flash_1.2s_ease-out]">
        {value}
      </dd>
    </div>
  );
}

export const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
export const duration = (seconds: number | null) => {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m ${Math.round(seconds % 60)}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
};
