import type { PrismaClient } from "../db/prisma-client.server";
import type { WidgetUpdate } from "../contract/dashboard";
import type { BusinessScope } from "../tenancy/memberships.server";
import { loadWidget } from "./load-widget.server";
import { nextDashboardVersion } from "./next-version.server";
import type { WidgetData, WidgetName } from "../contract/widgets";
import type { SessionListFilter } from "./widgets/session-list-filter";

/** One widget's data in the wire shape shared by socket pushes and the HTTP fallback. */
export function widgetUpdate<W extends WidgetName>(scope: BusinessScope, widget: W, data: WidgetData[W], version: number): WidgetUpdate<W> {
  return { company_id: scope.businessId, widget, data, version, updated_at: new Date().toISOString() };
}

/** One widget's fresh data as a WidgetUpdate (`filter`: the session lists narrowed, for the HTTP fallback). */
export async function buildWidgetUpdate<W extends WidgetName>(db: PrismaClient, scope: BusinessScope, widget: W, now = new Date(), filter?: SessionListFilter): Promise<WidgetUpdate<W>> {
  // The version is taken before reading, so a newer change always carries a higher version.
  const version = await nextDashboardVersion(db);
  return widgetUpdate(scope, widget, await loadWidget(db, scope, widget, now, filter), version);
}
