"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import type { WaitingQueue } from "@/lib/dashboard/widgets";
import { duration, Panel, type PanelStatus } from "./panel";

export function WaitingQueuePanel({ data, ...frame }: { data?: WaitingQueue; status: PanelStatus; updatedAt?: string; error?: string; onRetry: () => void }) {
  return (
    <Panel title="Waiting queue" hasData={!!data} {...frame}>
      {data ? (
        <>
          <p className="mb-2 text-sm text-slate-600">
            {data.total} waiting · longest {duration(data.longest_wait_seconds)}
          </p>
          {data.sessions.length === 0 ? (
            <p className="text-sm text-slate-600">Nobody is waiting.</p>
          ) : (
            <ol className="divide-y divide-slate-100 text-sm">
              {data.sessions.map((s) => (
                <li key={s.id} data-session-id={s.id} className="flex items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{s.customer.name ?? "Anonymous visitor"}</span>
                    {s.preview ? <span className="block truncate text-xs text-slate-600">{s.preview}</span> : null}
                  </span>
                  <span className="text-xs text-amber-800">
                    <span className="sr-only">Waiting for </span>
                    <WaitTimer since={s.queued_at} />
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
    </Panel>
  );
}
