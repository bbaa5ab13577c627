"use client";

import { WaitTimer } from "@/components/chat/wait-timer";
import { tickingSeconds } from "@/lib/browser/ticking-clock";
import { useNow } from "@/lib/browser/use-now.client";
import { duration, Panel, type WidgetPanelProps } from "./panel";
import { SessionList } from "./session-list";

export function WaitingQueuePanel({ data, ...frame }: WidgetPanelProps<"waiting_queue">) {
  const now = useNow();
  return (
    <Panel title="Waiting queue" hasData={!!data} {...frame}>
      {data ? (
        <SessionList
          summary={
            <>
              {data.total} waiting · longest {duration(tickingSeconds(data.longest_wait_seconds, data.oldest_queued_at, now))}
            </>
          }
          sessions={data.sessions}
          total={data.total}
          filterId="waiting-queue-tag-filter"
          emptyText="Nobody is waiting."
          ordered
          detail={(s) => s.preview}
          timer={(s) => (
            <span className="text-xs text-amber-800">
              <span className="sr-only">Waiting for </span>
              <WaitTimer since={s.queued_at} serverSeconds={s.wait_seconds} />
            </span>
          )}
        />
      ) : null}
      {data && data.offline_total > 0 ? (
        <section aria-labelledby="offline-messages-heading" className="mt-4 border-t border-slate-100 pt-3">
          <h3 id="offline-messages-heading" className="text-sm font-semibold text-slate-800">
            Offline messages
          </h3>
          <SessionList
            summary={<>{data.offline_total} left while the desk was closed · queued when it opens</>}
            sessions={data.offline}
            total={data.offline_total}
            filterId="offline-messages-tag-filter"
            emptyText="No offline messages."
            detail={(s) => s.preview}
            timer={(s) => (
              <span className="text-xs text-slate-600">
                <span className="sr-only">Left </span>
                <WaitTimer since={s.queued_at} serverSeconds={s.wait_seconds} />
                <span className="sr-only"> ago</span>
              </span>
            )}
          />
        </section>
      ) : null}
    </Panel>
  );
}
