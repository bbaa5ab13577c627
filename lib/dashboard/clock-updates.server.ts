import type { WidgetUpdate } from "../contract/dashboard";
import type { WidgetData, WidgetName } from "../contract/widgets";
import type { PrismaClient } from "../db/prisma-client.server";
import { systemScope } from "../tenancy/memberships.server";
import { utcTimestamp } from "./dashboard-clock.server";
import { loadWidget } from "./load-widget.server";
import { nextDashboardVersion } from "./next-version.server";
import { widgetUpdate } from "./widget-update.server";

/**
 * The widgets with figures over windows of time (today, the last 24 h, 30 days, the hourly chart):
 * the clock alone moves them. The other two depend on it only through waits and durations since a
 * timestamp, which clients count up themselves.
 */
export const CLOCK_DEPENDENT_WIDGETS = ["overview", "agent_performance", "satisfaction", "message_analytics"] as const satisfies readonly WidgetName[];
type ClockDependentWidget = (typeof CLOCK_DEPENDENT_WIDGETS)[number];

/** Fields that differ at every instant whatever the rows: the instant itself and the waits clients count up (docs/metrics.md). */
const EVERY_INSTANT: { [W in ClockDependentWidget]: readonly (keyof WidgetData[W])[] } = {
  overview: ["generated_at", "avg_wait_seconds", "longest_wait_seconds"],
  agent_performance: [],
  satisfaction: [],
  message_analytics: [],
};

function sameFigures<W extends ClockDependentWidget>(widget: W, before: WidgetData[W], after: WidgetData[W]): boolean {
  const ignored = new Set<PropertyKey>(EVERY_INSTANT[widget]);
  const figures = (data: WidgetData[W]) => JSON.stringify(Object.entries(data).filter(([key]) => !ignored.has(key)));
  return figures(before) === figures(after);
}

/**
 * Claims the business's check of the period `now` falls in (periods are whole multiples of
 * `periodMs`), so one node checks where several serve its dashboards: the instant the previous
 * check was as of, or null when another check has this period already.
 */
async function claimCheck(db: PrismaClient, businessId: string, now: Date, periodMs: number): Promise<Date | null> {
  const periodStart = new Date(now.getTime() - (now.getTime() % periodMs));
  const claimed = await db.$queryRaw<{ previous: Date | null }[]>`
    WITH previous AS (SELECT "asOf" FROM "DashboardClockCheck" WHERE "businessId" = ${businessId}::uuid)
    INSERT INTO "DashboardClockCheck" ("businessId", "asOf") VALUES (${businessId}::uuid, ${utcTimestamp(now)})
    ON CONFLICT ("businessId") DO UPDATE SET "asOf" = EXCLUDED."asOf" WHERE "DashboardClockCheck"."asOf" < ${utcTimestamp(periodStart)}
    RETURNING (SELECT "asOf" FROM previous) AS previous`;
  if (claimed.length === 0) return null;
  // A first check looks one period back.
  return claimed[0].previous ?? new Date(now.getTime() - periodMs);
}

/**
 * What the clock alone changed on a business's dashboard since its previous check: each
 * clock-dependent widget is read as of that check and as of `now` from the same rows, and is
 * pushed only where the figures differ. Changes to the rows push themselves (the live publisher);
 * a row stamped between the two instants also shows here, so a busy minute may repeat a push.
 * Empty when another node has this period's check.
 */
export async function clockUpdates(db: PrismaClient, businessId: string, now: Date, periodMs: number): Promise<WidgetUpdate[]> {
  const previous = await claimCheck(db, businessId, now, periodMs);
  if (!previous) return [];
  const scope = systemScope(businessId, "live-update");
  // Taken before reading, like every widget version: a change read later carries a higher one.
  const version = await nextDashboardVersion(db);
  const moved = await Promise.all(
    CLOCK_DEPENDENT_WIDGETS.map(async <W extends ClockDependentWidget>(widget: W) => {
      const [before, after] = await Promise.all([loadWidget(db, scope, widget, previous), loadWidget(db, scope, widget, now)]);
      return sameFigures(widget, before, after) ? null : widgetUpdate(scope, widget, after, version);
    }),
  );
  return moved.filter((update) => update !== null);
}
