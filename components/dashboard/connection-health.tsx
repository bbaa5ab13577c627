"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { WidgetEntries } from "@/lib/dashboard/dashboard-state";
import { WIDGETS } from "@/lib/contract/widgets";
import type { ConnectionState } from "@/lib/browser/use-dashboard-socket.client";
import { formatClock } from "./panel";
import { useMounted } from "./use-mounted";

/** For support staff: what the page is connected to and how fresh each widget is (collapsed by default). */
export function ConnectionHealth({ connection, polling, widgets }: { connection: ConnectionState; polling: boolean; widgets: WidgetEntries }) {
  const cacheSize = useQueryClient().getQueryCache().getAll().length;
  // Browser-only figures (the cache, clock times in the browser's time zone): not in the server's HTML.
  const mounted = useMounted();
  return (
    <details className="mt-6 rounded-md border border-slate-200 bg-white px-4 py-2 text-sm text-slate-700">
      <summary className="cursor-pointer select-none font-medium">Connection details</summary>
      {mounted ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
          <dt>Socket</dt>
          <dd>
            {connection === "live" ? "connected" : connection}
            {polling ? " (HTTP polling meanwhile)" : ""}
          </dd>
          <dt>Cached widget entries</dt>
          <dd>{cacheSize}</dd>
          {WIDGETS.map((widget) => (
            <div key={widget} className="contents">
              <dt className="font-mono text-xs">{widget}</dt>
              <dd className="text-xs">{widgets[widget] ? `updated ${formatClock(widgets[widget].updated_at)}, version ${widgets[widget].version}` : "not loaded"}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </details>
  );
}
