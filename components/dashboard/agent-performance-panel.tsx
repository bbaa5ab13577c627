"use client";

import { StatusBadge } from "@/components/chat/status-badge";
import { duration, Panel, percent, type WidgetPanelProps } from "./panel";

export function AgentPerformancePanel({ data, ...frame }: WidgetPanelProps<"agent_performance">) {
  return (
    <Panel title="Agent performance" hasData={!!data} {...frame}>
      {data ? (
        data.agents.length === 0 ? (
          <p className="text-sm text-slate-600">No agents yet.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {data.agents.map((a) => {
              const load = a.capacity > 0 ? Math.min(1, a.active_sessions / a.capacity) : 0;
              return (
                <li key={a.id}>
                  <div className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{a.display_name}</span>
                    <StatusBadge status={a.status} />
                  </div>
                  <div
                    role="meter"
                    aria-label={`${a.display_name} load`}
                    aria-valuemin={0}
                    aria-valuemax={a.capacity}
                    aria-valuenow={a.active_sessions}
                    aria-valuetext={`${a.active_sessions} of ${a.capacity} chats`}
                    className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
                  >
                    <div className="h-full rounded-full bg-brand-500 motion-safe:transition-all" style={{ width: `${load * 100}%` }} />
                  </div>
                  <p className="mt-1 text-xs text-slate-600">
                    {a.active_sessions}/{a.capacity} chats · {a.handled_today} handled today · first reply {duration(a.avg_first_response_seconds_today)} · CSAT {percent(a.csat_30d)}
                  </p>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </Panel>
  );
}
