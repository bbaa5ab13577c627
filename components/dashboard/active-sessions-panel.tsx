"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import { Panel, type WidgetPanelProps } from "./panel";
import { SessionList } from "./session-list";

export function ActiveSessionsPanel({ data, ...frame }: WidgetPanelProps<"active_sessions">) {
  return (
    <Panel title="Active sessions" hasData={!!data} {...frame}>
      {data ? (
        <SessionList
          summary={<>{data.total} in progress</>}
          sessions={data.sessions}
          total={data.total}
          filterId="active-sessions-tag-filter"
          emptyText="No active sessions."
          detail={(s) => (
            <>
              {s.agent ? s.agent.display_name : "Unassigned"} · {s.message_count} messages
            </>
          )}
          timer={(s) => <WaitTimer since={s.started_at} className="text-xs text-slate-600" />}
        />
      ) : null}
    </Panel>
  );
}
