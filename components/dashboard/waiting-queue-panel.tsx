"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import { duration, Panel, type WidgetPanelProps } from "./panel";
import { SessionList } from "./session-list";

export function WaitingQueuePanel({ data, ...frame }: WidgetPanelProps<"waiting_queue">) {
  return (
    <Panel title="Waiting queue" hasData={!!data} {...frame}>
      {data ? (
        <SessionList
          summary={
            <>
              {data.total} waiting · longest {duration(data.longest_wait_seconds)}
            </>
          }
          sessions={data.sessions}
          emptyText="Nobody is waiting."
          ordered
          detail={(s) => s.preview}
          timer={(s) => (
            <span className="text-xs text-amber-800">
              <span className="sr-only">Waiting for </span>
              <WaitTimer since={s.queued_at} />
            </span>
          )}
        />
      ) : null}
    </Panel>
  );
}
