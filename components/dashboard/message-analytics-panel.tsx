"use client";

import { memo, useMemo } from "react";
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MessageAnalytics } from "@/lib/contract/widgets";
import { Panel, percent, Stat, type WidgetPanelProps } from "./panel";
import { useMounted } from "./use-mounted";

const authors = [
  { key: "customer", label: "Customer", color: "#2f6fed" },
  { key: "agent", label: "Agent", color: "#059669" },
  { key: "assistant", label: "Assistant", color: "#7c3aed" },
  { key: "system", label: "System", color: "#94a3b8" },
] as const;

/**
 * The chart alone, memoised on the hourly counts: a new chat moves the figures above it (sessions,
 * rates) but not the messages per hour, and the push keeps the unchanged array's identity (the
 * query cache's structural sharing), so the chart is not drawn again.
 */
const MessagesPerHourChart = memo(function MessagesPerHourChart({ perHour }: { perHour: MessageAnalytics["per_hour"] }) {
  const rows = useMemo(() => perHour.map((h) => ({ ...h, label: new Date(h.hour).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) })), [perHour]);
  return (
    <figure>
      <figcaption className="text-xs text-slate-600">Messages per hour by author</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} accessibilityLayer>
          <XAxis dataKey="label" fontSize={11} interval={3} />
          <YAxis allowDecimals={false} fontSize={11} width={32} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {authors.map((a) => (
            <Bar key={a.key} dataKey={a.key} name={a.label} stackId="messages" fill={a.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});

export function MessageAnalyticsPanel({ data, ...frame }: WidgetPanelProps<"message_analytics">) {
  const mounted = useMounted();
  return (
    <Panel title="Message analytics" hasData={!!data} className="lg:col-span-2" {...frame}>
      {data ? (
        <>
          <dl className="mb-3 grid grid-cols-2 gap-2 sm:grid-cols-4">
            <Stat label="Messages (24 h)" value={data.total_messages_24h} />
            <Stat label="Per session" value={data.messages_per_session === null ? "—" : data.messages_per_session.toFixed(1)} />
            <Stat label="Assistant resolved" value={percent(data.assistant_resolution_rate)} />
            <Stat label="Handed off" value={percent(data.handoff_rate)} />
          </dl>
          {mounted ? <MessagesPerHourChart perHour={data.per_hour} /> : null}
        </>
      ) : null}
    </Panel>
  );
}
