"use client";

import { Bar, BarChart, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Panel, percent, Stat, type WidgetPanelProps } from "./panel";
import { useMounted } from "./use-mounted";

export function SatisfactionPanel({ data, ...frame }: WidgetPanelProps<"satisfaction">) {
  const mounted = useMounted();
  const distribution = data ? (["1", "2", "3", "4", "5"] as const).map((score) => ({ score: `${score}★`, ratings: data.distribution[score] })) : [];
  const trend = data ? data.trend.map((d) => ({ date: d.date.slice(5), csat: d.csat === null ? null : Math.round(d.csat * 100) })) : [];
  return (
    <Panel title="Satisfaction" hasData={!!data} {...frame}>
      {data ? (
        <>
          <dl className="mb-3 grid grid-cols-3 gap-2">
            <Stat label="CSAT (30 days)" value={percent(data.csat)} />
            <Stat label="Average" value={data.average === null ? "—" : data.average.toFixed(2)} />
            <Stat label="Ratings" value={data.total} />
          </dl>
          {mounted ? (
            <div className="grid grid-cols-1 gap-3">
              <figure>
                <figcaption className="text-xs text-slate-600">Distribution of scores</figcaption>
                <ResponsiveContainer width="100%" height={130}>
                  <BarChart data={distribution} accessibilityLayer>
                    <XAxis dataKey="score" fontSize={11} />
                    <YAxis allowDecimals={false} fontSize={11} width={32} />
                    <Tooltip />
                    <Bar dataKey="ratings" fill="#2f6fed" isAnimationActive={false} />
                  </BarChart>
                </ResponsiveContainer>
              </figure>
              <figure>
                <figcaption className="text-xs text-slate-600">CSAT, last 14 days (%)</figcaption>
                <ResponsiveContainer width="100%" height={130}>
                  <LineChart data={trend} accessibilityLayer>
                    <XAxis dataKey="date" fontSize={11} />
                    <YAxis domain={[0, 100]} fontSize={11} width={32} />
                    <Tooltip />
                    <Line dataKey="csat" stroke="#1f57c9" connectNulls dot={false} isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              </figure>
            </div>
          ) : null}
        </>
      ) : null}
    </Panel>
  );
}
