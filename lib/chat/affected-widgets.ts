import type { WidgetName } from "../contract/widgets";
import type { SessionChange } from "./session-store.server";

/** Widgets whose figures a session change can move (docs/metrics.md), so only those are recomputed. */
export function affectedWidgets(change: SessionChange): WidgetName[] {
  const touchesQueue = change.session.status === "WAITING" || change.previousStatus === "WAITING";
  const widgets = new Set<WidgetName>();
  switch (change.reason) {
    case "created":
    case "queued":
    case "handoff":
    case "abandoned":
      widgets.add("overview").add("message_analytics");
      break;
    case "message":
      widgets.add("message_analytics");
      if (change.session.status === "ACTIVE") widgets.add("active_sessions");
      if (change.message?.author === "AGENT") widgets.add("overview").add("agent_performance");
      break;
    case "claimed":
    case "assigned":
    case "transferred":
      widgets.add("overview").add("active_sessions").add("agent_performance");
      break;
    case "closed":
      widgets.add("overview").add("active_sessions").add("agent_performance").add("message_analytics");
      break;
    case "rated":
      widgets.add("satisfaction").add("overview").add("agent_performance");
      break;
    case "tagged":
    case "untagged":
      // The session lists show each chat's tags (the waiting queue is covered below).
      if (change.session.status === "ACTIVE") widgets.add("active_sessions");
      break;
  }
  if (touchesQueue) widgets.add("waiting_queue");
  return [...widgets];
}

/** Who is ONLINE moves these (and the queue's wait estimates). */
export const AGENT_STATUS_WIDGETS: readonly WidgetName[] = ["overview", "agent_performance"];
