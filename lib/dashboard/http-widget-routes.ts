import type { WidgetName } from "../contract/widgets";

/** The HTTP fallback's path segments (DESIGN §5) and the widget each one serves. */
export const widgetByRoute: Record<string, WidgetName> = {
  overview: "overview",
  sessions: "active_sessions",
  queue: "waiting_queue",
  metrics: "agent_performance",
  satisfaction: "satisfaction",
  analytics: "message_analytics",
};
