import { clockUpdates } from "../dashboard/clock-updates.server";
import type { PrismaClient } from "../db/prisma-client.server";
import { describeError, type Logger } from "../observability/logger";
import type { DashboardNamespace } from "./dashboard-socket.server";
import { watchedBusinessIds, widgetsRoom } from "./rooms";

export interface ClockPushDependencies {
  db: PrismaClient;
  dashboard: DashboardNamespace;
  logger: Logger;
  /** How often passes run: each business is checked once per such period, by one node. */
  periodMs: number;
}

/**
 * One pass of the dashboards' clock, as of `now`: for every business a dashboard on this node
 * watches, what the passing time changed is pushed to the business's dashboards (on every node,
 * through the adapter). Businesses go one after another, so a node watching many loads the
 * database gently.
 */
export async function pushClockUpdates(deps: ClockPushDependencies, now: Date): Promise<void> {
  for (const businessId of watchedBusinessIds(deps.dashboard.adapter.rooms.keys())) {
    try {
      for (const update of await clockUpdates(deps.db, businessId, now, deps.periodMs)) {
        deps.dashboard.to(widgetsRoom(businessId)).emit("dashboard.data_updated", update);
      }
    } catch (error) {
      deps.logger.error("clock push failed", { businessId, error: describeError(error) });
    }
  }
}
