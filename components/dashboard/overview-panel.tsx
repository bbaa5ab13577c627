"use client";

import { duration, Panel, percent, Stat, type WidgetPanelProps } from "./panel";

export function OverviewPanel({ data, ...frame }: WidgetPanelProps<"overview">) {
  return (
    <Panel title="Overview" hasData={!!data} className="lg:col-span-3" {...frame}>
      {data ? (
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-8">
          <Stat label="Active" value={data.active_sessions} />
          <Stat label="Waiting" value={data.waiting_sessions} />
          <Stat label="With assistant" value={data.bot_sessions} />
          <Stat label="Agents online" value={`${data.agents.online} / ${data.agents.online + data.agents.away + data.agents.offline}`} />
          <Stat label="Sessions today" value={data.sessions_today} />
          <Stat label="Avg wait" value={duration(data.avg_wait_seconds)} />
          <Stat label="Resolution today" value={percent(data.resolution_rate_today)} />
          <Stat label="CSAT today" value={percent(data.csat_today)} />
        </dl>
      ) : null}
    </Panel>
  );
}
