"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import type { ActiveSessions } from "@/lib/dashboard/widgets";
import { Panel, type PanelStatus } from "./panel";

export function ActiveSessionsPanel({ data, ...frame }: { data?: ActiveSessions; status: PanelStatus; updatedAt?: string; error?: string; onRetry: () => void }) {
  return (
    <Panel title="Active sessions" hasData={!!data} {...frame}>
      {data ? (
        <>
          <p className="mb-2 text-sm text-slate-600">{data.total} in progress</p>
          {data.sessions.length === 0 ? (
            <p className="text-sm text-slate-600">No active sessions.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {data.sessions.map((s) => (
                <li key={s.id} data-session-id={s.id} className="flex items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{s.customer.name ?? "Anonymous visitor"}</span>
                    <span className="block truncate text-xs text-slate-600">
                      {s.agent ? s.agent.display_name : "Unassigned"} · {s.message_count} messages
                    </span>
                  </span>
                  <WaitTimer since={s.started_at} className="text-xs text-slate-600" />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </Panel>
  );
}
