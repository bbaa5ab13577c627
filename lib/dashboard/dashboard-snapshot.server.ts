import type { PrismaClient } from "../db/prisma-client.server";
import { resolveBusiness } from "../tenancy/resolve-business.server";
import type { DashboardSnapshot, WidgetEntries } from "./dashboard-state";
import { loadWidget } from "./load-widget.server";
import { WIDGETS } from "../contract/widgets";

/**
 * The dashboard's first paint, straight from the database: the six widgets of the remembered (or
 * first) business. Version 0, so the orchestration's data and every push replace it.
 */
export async function loadDashboardSnapshot(db: PrismaClient, userId: string, requestedCompanyId?: string, now = new Date()): Promise<DashboardSnapshot | null> {
  const resolved = await resolveBusiness(db, userId, requestedCompanyId).catch(() => null);
  if (!resolved) return null;
  const { businessId, memberships, scope } = resolved;
  const updated_at = now.toISOString();
  const widgets: WidgetEntries = {};
  await Promise.all(
    WIDGETS.map(async (widget) => {
      // A failing widget is left out: the client shows its loading state and the orchestration fills it.
      const data = await loadWidget(db, scope, widget, now).catch(() => undefined);
      if (data !== undefined) (widgets as Record<string, unknown>)[widget] = { data, version: 0, updated_at };
    }),
  );
  return {
    companyId: businessId,
    companies: memberships.map((m) => ({ id: m.businessId, name: m.name, legal_name: m.legalName, is_default: m.businessId === businessId })),
    widgets,
  };
}
