import type { PrismaClient } from "../db/prisma-client.server";
import type { BusinessScope } from "../tenancy/memberships.server";
import { loadActiveSessions } from "./widgets/active-sessions.server";
import { loadAgentPerformance } from "./widgets/agent-performance.server";
import { loadMessageAnalytics } from "./widgets/message-analytics.server";
import { loadOverview } from "./widgets/overview.server";
import { loadSatisfaction } from "./widgets/satisfaction.server";
import { loadWaitingQueue } from "./widgets/waiting-queue.server";
import type { WidgetData, WidgetName } from "../contract/widgets";
import type { SessionListFilter } from "./widgets/session-list-filter";

type WidgetLoader<W extends WidgetName> = (db: PrismaClient, scope: BusinessScope, now: Date, filter?: SessionListFilter) => Promise<WidgetData[W]>;

const loaders: { [W in WidgetName]: WidgetLoader<W> } = {
  overview: loadOverview,
  active_sessions: loadActiveSessions,
  waiting_queue: loadWaitingQueue,
  agent_performance: loadAgentPerformance,
  satisfaction: loadSatisfaction,
  message_analytics: loadMessageAnalytics,
};

/** The widgets that list sessions and can be narrowed to one tag's (the HTTP fallback's `?tag=`). */
export const TAG_FILTERED_WIDGETS: readonly WidgetName[] = ["active_sessions", "waiting_queue"];

/** One widget's data for one business, as of `now` (computed in the database, see docs/metrics.md); `filter` narrows the session lists. */
export async function loadWidget<W extends WidgetName>(db: PrismaClient, scope: BusinessScope, widget: W, now = new Date(), filter?: SessionListFilter): Promise<WidgetData[W]> {
  const load: WidgetLoader<W> = loaders[widget];
  return load(db, scope, now, filter);
}
