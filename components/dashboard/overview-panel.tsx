"use client";

import { tickingSeconds } from "@/lib/browser/ticking-clock";
import { useNow } from "@/lib/browser/use-now.client";
import { duration, Panel, percent, Stat, type WidgetPanelProps } from "./panel";

export function OverviewPanel({ data, ...frame }: WidgetPanelProps<"overview">) {
  const now = useNow();
  return (
    <Panel title="Overview" hasData={!!data} className="lg:col-span-3" {...frame}>
      {data ? (
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
          <Stat label="Active" value={data.active_sessions} />
          <Stat label="Waiting" value={data.waiting_sessions} />
          <Stat label="With assistant" value={data.bot_sessions} />
          <Stat label="Agents online" value={`${data.agents.online} / ${data.agents.online + data.agents.away + data.agents.offline}`} />
          <Stat label="Sessions today" value={data.sessions_today} />
          {/* Counts up between pushes: it changes for real only when someone joins or leaves the queue. */}
          <Stat label="Avg wait" value={duration(tickingSeconds(data.avg_wait_seconds, data.mean_queued_at, now))} changeKey={data.mean_queued_at} />
          <Stat label="Resolution today" value={percent(data.resolution_rate_today)} />
          <Stat label="CSAT today" value={percent(data.csat_today)} />
        </dl>
      ) : null}
    </Panel>
  );
}
